REFERENCES = [
    {
        "key": "gilden1991",
        "type": "Case Reports",
        "title": "Preherpetic neuralgia",
        "authors": [
            "Gilden, D H",
            "Dueland, A N",
            "Cohrs, R",
            "Martin, J R",
            "Kleinschmidt-DeMasters, B K",
            "Mahalingam, R",
        ],
        "source": "Neurology",
        "year": 1991,
        "volume": "41",
        "issue": "8",
        "pages": "1215-1218",
        "doi": "10.1212/WNL.41.8.1215",
        "pmid": "1866008",
        "url": "",
    },
    {
        "key": "yawn2007",
        "type": "Observational Study",
        "title": "A population-based study of the incidence and complication rates of herpes zoster before zoster vaccine introduction",
        "authors": [
            "Yawn, Barbara P",
            "Saddier, Patricia",
            "Wollan, Peter C",
            "St Sauver, Jennifer L",
            "Kurland, Marge J",
            "Sy, Lina S",
        ],
        "source": "Mayo Clin Proc",
        "year": 2007,
        "volume": "82",
        "issue": "11",
        "pages": "1341-1349",
        "doi": "10.4065/82.11.1341",
        "pmid": "",
        "url": "",
    },
    {
        "key": "dworkin2007",
        "type": "Guideline",
        "title": "Recommendations for the management of herpes zoster",
        "authors": ["Dworkin, Robert H", "Johnson, Robert W", "Breuer, Judith", "Gnann, John W", "Levin, Myron J"],
        "source": "Clin Infect Dis",
        "year": 2007,
        "volume": "44",
        "issue": "Suppl 1",
        "pages": "S1-S26",
        "doi": "10.1086/510206",
        "pmid": "",
        "url": "",
    },
    {
        "key": "johnson2014",
        "type": "Review",
        "title": "Clinical practice: Postherpetic neuralgia",
        "authors": ["Johnson, Robert W", "Rice, Andrew S C"],
        "source": "N Engl J Med",
        "year": 2014,
        "volume": "371",
        "issue": "16",
        "pages": "1526-1533",
        "doi": "10.1056/NEJMcp1403062",
        "pmid": "",
        "url": "",
    },
    {
        "key": "dooling2018",
        "type": "Guideline",
        "title": "Recommendations of the Advisory Committee on Immunization Practices for Use of Herpes Zoster Vaccines",
        "authors": ["Dooling, Kathleen L", "Guo, Angela", "Patel, Manisha"],
        "source": "MMWR Morb Mortal Wkly Rep",
        "year": 2018,
        "volume": "67",
        "issue": "3",
        "pages": "103-108",
        "doi": "10.15585/mmwr.mm6703a5",
        "pmid": "",
        "url": "",
    },
    {
        "key": "anderson2022",
        "type": "Guideline",
        "title": "Use of Recombinant Zoster Vaccine in Immunocompromised Adults Aged >=19 Years: Recommendations of the Advisory Committee on Immunization Practices - United States, 2022",
        "authors": [
            "Anderson, Tara C",
            "Masters, Nina B",
            "Guo, Angela",
            "Shepersky, Leah",
            "Leidner, Andrew J",
            "Lee, Grace M",
        ],
        "source": "MMWR Morb Mortal Wkly Rep",
        "year": 2022,
        "volume": "71",
        "issue": "3",
        "pages": "80-84",
        "doi": "10.15585/mmwr.mm7103a2",
        "pmid": "",
        "url": "",
    },
    {
        "key": "lal2015",
        "type": "Randomized Controlled Trial",
        "title": "Efficacy of an adjuvanted herpes zoster subunit vaccine in older adults",
        "authors": ["Lal, Himal", "Cunningham, Anthony L", "Godeaux, Olivier", "Chlibek, Roman"],
        "source": "N Engl J Med",
        "year": 2015,
        "volume": "372",
        "issue": "22",
        "pages": "2087-2096",
        "doi": "10.1056/NEJMoa1501184",
        "pmid": "",
        "url": "",
    },
    {
        "key": "cunningham2016",
        "type": "Randomized Controlled Trial",
        "title": "Efficacy of the Herpes Zoster Subunit Vaccine in Adults 70 Years of Age or Older",
        "authors": ["Cunningham, Anthony L", "Lal, Himal", "Kovac, Martina", "Chlibek, Roman"],
        "source": "N Engl J Med",
        "year": 2016,
        "volume": "375",
        "issue": "11",
        "pages": "1019-1032",
        "doi": "10.1056/NEJMoa1603800",
        "pmid": "",
        "url": "",
    },
]

ARTICLE = {
    "slug": "shingles-back-pain",
    "question": "Can shingles cause back pain before the rash appears?",
    "topic": "headache-and-nerves",
    "summary": "Yes. Shingles often starts with burning, tingling or aching pain on one side of the back or chest a few days before the rash. Once the rash appears, antiviral tablets work best if started within three days.",
    "state": "under_review",
    "bodies": {
        "professional": """## Key points

- Prodromal pain is a common first manifestation of herpes zoster and usually precedes the rash by a few days; occasionally the interval is much longer [@cohen2013; @gilden1991].
- The thoracic dermatomes are involved most often, so the prodrome frequently presents as unilateral back, flank or chest pain [@cohen2013].
- Before the rash, the diagnosis is presumptive; the priority is to exclude serious mimics and arrange early review.

## Pathophysiology

After primary varicella, the virus remains latent in dorsal root and cranial nerve ganglia. With age-related decline or suppression of cell-mediated immunity it reactivates, causing ganglionitis and spreading along the sensory nerve to the skin. Neural inflammation explains why pain can appear before viral replication in the epidermis produces the rash [@cohen2013]. Incidence rises steeply after the age of 50 [@yawn2007].

## Recognising the prodrome

Features that favour zoster over a musculoskeletal or visceral cause:

- Strictly unilateral, band-like distribution that stops at the midline.
- Burning, itching, stabbing or electric quality.
- Allodynia or hyperaesthesia: clothing or light touch on the skin is painful.
- Pain not influenced by spinal movement, posture or palpation of deep structures.
- Older age, immunosuppression, recent illness or stress.

Rarely, dermatomal pain occurs without any rash (zoster sine herpete), and confirmation then needs specialist testing.

## Differential diagnosis

Because the prodrome has no skin signs, it is often mistaken for:

- Acute coronary syndrome or pericarditis (left chest or interscapular pain).
- Biliary colic, renal colic or pancreatitis (flank or upper abdominal pain).
- Pleurisy or pulmonary embolism.
- Thoracic disc herniation or radiculopathy.

Perform the assessment each of these needs; an ECG is prudent when thoracic pain could be cardiac. Ask the patient to check the painful area daily and return when a rash appears.

## Diagnosis once the rash appears

Grouped vesicles on an erythematous base in one or two adjacent dermatomes confirm the clinical diagnosis in most cases. PCR of vesicle fluid is the preferred test when the presentation is atypical or the patient is immunocompromised [@cohen2013].

## Treatment

- **Antivirals:** valaciclovir 1 g three times daily or famciclovir 500 mg three times daily for 7 days, or aciclovir 800 mg five times daily for 7 to 10 days. Start within 72 hours of rash onset; treat later if new lesions are still forming, in older or immunocompromised patients, or with ophthalmic or other complications [@dworkin2007].
- **Acute pain:** paracetamol or an NSAID, and a short-term opioid for severe pain; control acute pain well, because severe acute pain is a risk factor for postherpetic neuralgia [@dworkin2007].
- **Postherpetic neuralgia:** pain persisting 90 days or more after rash onset; risk increases with age, prodromal pain and severity of the acute episode. Options include gabapentinoids, tricyclic antidepressants, topical lidocaine and high-concentration capsaicin [@johnson2014].
- **Infection control:** lesions can transmit varicella to non-immune contacts until they crust; cover the rash and avoid contact with pregnant women who have not had chickenpox, neonates and immunocompromised people.

## Prevention

Two doses of recombinant zoster vaccine, 2 to 6 months apart, are recommended for immunocompetent adults aged 50 or older, including those who have had zoster or received the live vaccine [@dooling2018], and for adults aged 19 or older who are or will be immunocompromised [@anderson2022]. In pivotal trials, efficacy against zoster was about 97% in adults aged 50 or older and about 90% in those aged 70 or older [@lal2015; @cunningham2016].
""",
        "patient": """## Yes, the pain can come first

Shingles is caused by the chickenpox virus waking up again, often many years later. Before any rash, many people feel pain, burning, tingling or itching on one side of the body [@cohen2013]. This usually starts one to five days before the rash. Because the chest and upper back are the most common areas, shingles can feel like a pulled muscle, a back problem or even heart pain.

Clues that it might be shingles:

- The pain is on one side only and follows a band or stripe.
- The skin feels sore or sensitive, even to clothes.
- Moving or stretching your back does not change the pain much.
- You are over 50, or your immune system is weaker because of illness or medicines.

## What to do

- If you have new pain on one side of your back or chest, look at the skin every day. Ask someone to check areas you cannot see.
- When a rash or blisters appear, see a doctor or pharmacist **within three days**. Antiviral tablets work best when started early [@dworkin2007].
- Simple painkillers can help. Tell your doctor if the pain is severe or stops you sleeping.
- Keep the rash covered. Until the blisters crust over, avoid close contact with pregnant women who have never had chickenpox, newborn babies and people with weak immune systems.

## Preventing shingles

A vaccine given in two doses greatly lowers the chance of getting shingles. It is advised for adults aged 50 and over, and for adults 19 and over with weakened immune systems [@dooling2018; @anderson2022]. You can have it even if you have had shingles before.

## When to get urgent help

**Call emergency services if:**

- Chest or upper back pain comes with shortness of breath, sweating, feeling sick, or pain spreading to the arm or jaw. Heart problems must be ruled out first.

**See a doctor the same day if:**

- The rash is on your face, near your eye, or on the tip of your nose.
- You have a weak immune system.
- You have a high fever, confusion, a severe headache or weakness.
""",
    },
    "references": [
        "cohen2013",
        "gilden1991",
        "yawn2007",
        "dworkin2007",
        "johnson2014",
        "dooling2018",
        "anderson2022",
        "lal2015",
        "cunningham2016",
    ],
    "related": ["left-upper-back-pain", "headache-red-flags", "chest-pain-emergency"],
    "review_comment": "",
}
