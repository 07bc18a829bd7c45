REFERENCES = [
    {
        "key": "do2019",
        "type": "Review",
        "title": "Red and orange flags for secondary headaches in clinical practice: SNNOOP10 list",
        "authors": [
            "Do, Thien Phu",
            "Remmers, Angelique",
            "Schytz, Henrik Winther",
            "Schankin, Christoph",
            "Nelson, Sarah E",
            "Obermann, Mark",
        ],
        "source": "Neurology",
        "year": 2019,
        "volume": "92",
        "issue": "3",
        "pages": "134-144",
        "doi": "10.1212/WNL.0000000000006697",
        "pmid": "",
        "url": "",
    },
    {
        "key": "ihs2018",
        "type": "Guideline",
        "title": "The International Classification of Headache Disorders, 3rd edition",
        "authors": ["Headache Classification Committee of the International Headache Society (IHS)"],
        "source": "Cephalalgia",
        "year": 2018,
        "volume": "38",
        "issue": "1",
        "pages": "1-211",
        "doi": "10.1177/0333102417738202",
        "pmid": "",
        "url": "https://ichd-3.org/",
    },
    {
        "key": "nice2012-headache",
        "type": "Practice Guideline",
        "title": "Headaches in over 12s: diagnosis and management (NICE clinical guideline CG150)",
        "authors": ["National Institute for Health and Care Excellence"],
        "source": "NICE",
        "year": 2012,
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "pmid": "",
        "url": "https://www.nice.org.uk/guidance/cg150",
    },
    {
        "key": "godwin2019",
        "type": "Practice Guideline",
        "title": "Clinical Policy: Critical Issues in the Evaluation and Management of Adult Patients Presenting to the Emergency Department With Acute Headache",
        "authors": [
            "American College of Emergency Physicians Clinical Policies Subcommittee (Writing Committee) on Acute Headache",
            "Godwin, Steven A",
            "Cherkas, David S",
            "Panagos, Peter D",
            "Shih, Richard D",
            "Byyny, Richard",
            "Wolf, Stephen J",
        ],
        "source": "Ann Emerg Med",
        "year": 2019,
        "volume": "74",
        "issue": "4",
        "pages": "e41-e74",
        "doi": "",
        "pmid": "31543134",
        "url": "",
    },
    {
        "key": "perry2013",
        "type": "Observational Study",
        "title": "Clinical decision rules to rule out subarachnoid hemorrhage for acute headache",
        "authors": ["Perry, Jeffrey J", "Stiell, Ian G", "Sivilotti, Marco L A", "Bullard, Michael J"],
        "source": "JAMA",
        "year": 2013,
        "volume": "310",
        "issue": "12",
        "pages": "1248-1255",
        "doi": "10.1001/jama.2013.278018",
        "pmid": "",
        "url": "",
    },
    {
        "key": "perry2017",
        "type": "Observational Study",
        "title": "Validation of the Ottawa Subarachnoid Hemorrhage Rule in patients with acute headache",
        "authors": ["Perry, Jeffrey J", "Sivilotti, Marco L A", "Sutherland, Jane"],
        "source": "CMAJ",
        "year": 2017,
        "volume": "189",
        "issue": "45",
        "pages": "E1379-E1385",
        "doi": "10.1503/cmaj.170072",
        "pmid": "29133539",
        "url": "",
    },
    {
        "key": "perry2011",
        "type": "Observational Study",
        "title": "Sensitivity of computed tomography performed within six hours of onset of headache for diagnosis of subarachnoid haemorrhage: prospective cohort study",
        "authors": ["Perry, Jeffrey J", "Stiell, Ian G", "Sivilotti, Marco L A", "Bullard, Michael J"],
        "source": "BMJ",
        "year": 2011,
        "volume": "343",
        "issue": "",
        "pages": "d4277",
        "doi": "10.1136/bmj.d4277",
        "pmid": "",
        "url": "",
    },
    {
        "key": "hoh2023",
        "type": "Practice Guideline",
        "title": "2023 Guideline for the Management of Patients With Aneurysmal Subarachnoid Hemorrhage: A Guideline From the American Heart Association/American Stroke Association",
        "authors": ["Hoh, Brian L", "Ko, Nerissa U", "Amin-Hanjani, Sepideh"],
        "source": "Stroke",
        "year": 2023,
        "volume": "54",
        "issue": "7",
        "pages": "e314-e370",
        "doi": "10.1161/STR.0000000000000436",
        "pmid": "",
        "url": "",
    },
    {
        "key": "maz2021",
        "type": "Practice Guideline",
        "title": "2021 American College of Rheumatology/Vasculitis Foundation Guideline for the Management of Giant Cell Arteritis and Takayasu Arteritis",
        "authors": ["Maz, Mehrdad", "Chung, Sharon A", "Abril, Andy", "Langford, Carol A"],
        "source": "Arthritis Rheumatol",
        "year": 2021,
        "volume": "73",
        "issue": "8",
        "pages": "1349-1365",
        "doi": "10.1002/art.41774",
        "pmid": "",
        "url": "",
    },
]

ARTICLE = {
    "slug": "headache-red-flags",
    "question": "Which headaches need urgent medical attention?",
    "topic": "headache-and-nerves",
    "summary": "Most headaches are migraine or tension-type and are not dangerous. A sudden severe headache, headache with fever and stiff neck, confusion, weakness, a recent head injury, or a new headache after 50 with jaw or vision problems needs urgent care.",
    "state": "approved",
    "bodies": {
        "professional": """## Key points

- Secondary headaches are a small minority of presentations, but missing subarachnoid haemorrhage (SAH), meningitis, cerebral venous thrombosis or giant cell arteritis (GCA) has serious consequences.
- Use a structured red-flag screen such as SNNOOP10 in every new or changed headache [@do2019].
- In alert, neurologically intact patients with acute headache peaking within an hour, the Ottawa SAH rule and the six-hour CT rule guide testing [@perry2017; @godwin2019].

## The SNNOOP10 screen

| Flag | Main concerns |
| --- | --- |
| **S**ystemic symptoms, including fever | Meningitis, encephalitis, systemic infection, vasculitis |
| **N**eoplasm history | Brain metastases |
| **N**eurological deficit or reduced consciousness | Stroke, haemorrhage, mass, abscess |
| **O**nset sudden or abrupt (thunderclap) | SAH, reversible cerebral vasoconstriction, venous thrombosis, arterial dissection, pituitary apoplexy |
| **O**lder age at onset | GCA, mass lesion |
| **P**attern change or recent new headache | Mass, subdural haematoma, medication effect |
| **P**ositional | Intracranial hypotension or hypertension |
| **P**recipitated by coughing, sneezing or exercise | Posterior fossa lesion, Chiari malformation |
| **P**apilloedema | Idiopathic intracranial hypertension, mass, venous thrombosis |
| **P**rogressive or atypical | Mass, subdural haematoma |
| **P**regnancy or puerperium | Pre-eclampsia, venous thrombosis, vasoconstriction syndromes |
| **P**ainful eye with autonomic features | Angle-closure glaucoma, carotid dissection |
| **P**ost-traumatic onset | Subdural or epidural haematoma |
| **P**athology of the immune system | Opportunistic infection, lymphoma |
| **P**ainkiller overuse or new drug | Medication overuse headache, drug adverse effect |

The published list uses onset after 65 years for age [@do2019]; many clinicians apply 50 years, the threshold relevant to GCA. NICE similarly lists headache reaching maximum intensity within five minutes, fever with worsening headache, new neurological or cognitive deficit, head injury within three months, and features of GCA or acute angle-closure glaucoma as reasons for urgent investigation [@nice2012-headache].

## Thunderclap headache

ICHD-3 defines thunderclap headache as severe pain reaching maximum intensity in under a minute [@ihs2018]. Treat it as SAH until proven otherwise.

**Ottawa SAH rule.** In alert patients older than 15 years with new severe non-traumatic headache peaking within one hour, investigate if any of the following is present: age 40 or older, neck pain or stiffness, witnessed loss of consciousness, onset during exertion, instantly peaking pain, or limited neck flexion on examination [@perry2013]. Prospective validation confirmed 100% sensitivity, with specificity of only about 14% [@perry2017]. The rule does not apply to patients with new deficits, prior aneurysm or SAH, or recurrent similar headaches.

**Imaging.** Non-contrast CT performed within six hours of onset and interpreted by an experienced radiologist on a modern scanner was 100% sensitive for SAH in a large prospective cohort [@perry2011]. ACEP accepts a normal CT within six hours to rule out SAH in neurologically normal patients; beyond six hours, either lumbar puncture or CT angiography is acceptable [@godwin2019]. Confirmed SAH needs CT angiography and immediate neurosurgical or neurovascular referral [@hoh2023]. If SAH is excluded but thunderclap persists, consider CT or MR venography and vessel imaging for venous thrombosis, dissection and vasoconstriction syndromes.

## Giant cell arteritis

Suspect GCA in anyone over 50 with new headache, scalp tenderness, jaw claudication, visual disturbance, polymyalgia symptoms or raised ESR or CRP. Start high-dose glucocorticoids without waiting for confirmation when suspicion is high, particularly with visual symptoms, and arrange temporal artery biopsy or vascular imaging promptly; tocilizumab is recommended as a glucocorticoid-sparing agent [@maz2021].

## Other urgent scenarios

- Fever, neck stiffness and altered mental state: give antibiotics without delaying for imaging.
- Headache on anticoagulants or after head injury: low threshold for CT.
- Pregnant or postpartum patient: check blood pressure and urine protein; consider venous thrombosis.
- Red eye, halos and a fixed mid-dilated pupil: same-day ophthalmology.
- Several household members with headache: consider carbon monoxide.

Without red flags, a typical primary headache does not need neuroimaging [@nice2012-headache].
""",
        "patient": """## Most headaches are not dangerous

Most headaches are migraine or tension-type headaches. They can be very painful but do not harm the brain. A small number of headaches are caused by a problem such as bleeding in the brain, an infection, or swollen blood vessels. These need quick treatment [@do2019].

## Call emergency services if:

- The headache starts suddenly and reaches its worst within a minute or so, like a thunderclap. Many people call it the worst headache of their life [@perry2017].
- You have a headache with fever, a stiff neck, a rash, or you are sensitive to light and feel very unwell.
- You have weakness, numbness, a drooping face, trouble speaking, blurred or double vision, confusion, or a seizure.
- You faint or are hard to wake.
- The headache started after a blow to the head, especially if you take blood-thinning medicine.

## See a doctor the same day if:

- You are over 50 and have a new headache, especially with a sore scalp, pain in the jaw when chewing, or any change in your eyesight. This can be giant cell arteritis, which can cause blindness if not treated fast [@maz2021].
- You are pregnant or have recently given birth and have a bad headache, blurred vision, or swelling of the face or hands.
- You have a painful red eye with blurred vision or halos around lights.
- You have had cancer or have a weak immune system and get a new headache.

## Book a routine appointment if:

- Your usual headaches have changed or are getting worse over weeks.
- Headaches are worse when you cough, strain, lie down or stand up.
- You take painkillers for headaches on more than 10 to 15 days a month. Taking them too often can itself cause daily headaches [@nice2012-headache].

## What you can do

- Keep a headache diary: when it starts, how long it lasts, what helps.
- Rest, drink fluids and use simple painkillers as directed.
- If several people in your home get headaches at the same time, leave the house and call for help. This could be carbon monoxide poisoning.
""",
    },
    "references": [
        "do2019",
        "ihs2018",
        "nice2012-headache",
        "godwin2019",
        "perry2013",
        "perry2017",
        "perry2011",
        "hoh2023",
        "maz2021",
    ],
    "related": ["shingles-back-pain", "neck-pain-arm-tingling", "nsaids-back-pain-safety"],
    "review_comment": "Red flags follow SNNOOP10 and the Ottawa SAH rule and six-hour CT criteria are stated correctly with their applicability limits; the GCA section reflects the 2021 ACR guidance.",
}
