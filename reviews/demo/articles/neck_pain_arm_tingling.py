REFERENCES = [
    {
        "key": "radhakrishnan1994",
        "type": "Observational Study",
        "title": "Epidemiology of cervical radiculopathy. A population-based study from Rochester, Minnesota, 1976 through 1990",
        "authors": ["Radhakrishnan, K", "Litchy, W J", "O'Fallon, W M", "Kurland, L T"],
        "source": "Brain",
        "year": 1994,
        "volume": "117",
        "issue": "Pt 2",
        "pages": "325-335",
        "doi": "10.1093/brain/117.2.325",
        "pmid": "",
        "url": "",
    },
    {
        "key": "wainner2003",
        "type": "Journal Article",
        "title": "Reliability and diagnostic accuracy of the clinical examination and patient self-report measures for cervical radiculopathy",
        "authors": [
            "Wainner, Robert S",
            "Fritz, Julie M",
            "Irrgang, James J",
            "Boninger, Michael L",
            "Delitto, Anthony",
            "Allison, Stephen",
        ],
        "source": "Spine (Phila Pa 1976)",
        "year": 2003,
        "volume": "28",
        "issue": "1",
        "pages": "52-62",
        "doi": "",
        "pmid": "",
        "url": "",
    },
    {
        "key": "kuijper2009",
        "type": "Randomized Controlled Trial",
        "title": "Cervical collar or physiotherapy versus wait and see policy for recent onset cervical radiculopathy: randomised trial",
        "authors": ["Kuijper, Barbara", "Tans, Jos Th J", "Beelen, Anita", "Nollet, Frans", "de Visser, Marianne"],
        "source": "BMJ",
        "year": 2009,
        "volume": "339",
        "issue": "",
        "pages": "b3883",
        "doi": "10.1136/bmj.b3883",
        "pmid": "19812130",
        "url": "",
    },
    {
        "key": "fehlings2017",
        "type": "Practice Guideline",
        "title": "A Clinical Practice Guideline for the Management of Patients With Degenerative Cervical Myelopathy: Recommendations for Patients With Mild, Moderate, and Severe Disease and Nonmyelopathic Patients With Evidence of Cord Compression",
        "authors": ["Fehlings, Michael G", "Tetreault, Lindsay A", "Riew, K Daniel", "Middleton, James W"],
        "source": "Global Spine J",
        "year": 2017,
        "volume": "7",
        "issue": "3 Suppl",
        "pages": "70S-83S",
        "doi": "10.1177/2192568217701914",
        "pmid": "",
        "url": "",
    },
    {
        "key": "padua2016",
        "type": "Review",
        "title": "Carpal tunnel syndrome: clinical features, diagnosis, and management",
        "authors": [
            "Padua, Luca",
            "Coraci, Daniele",
            "Erra, Carmen",
            "Pazzaglia, Costanza",
            "Paolasso, Ilaria",
            "Loreti, Claudia",
        ],
        "source": "Lancet Neurol",
        "year": 2016,
        "volume": "15",
        "issue": "12",
        "pages": "1273-1284",
        "doi": "10.1016/S1474-4422(16)30231-9",
        "pmid": "",
        "url": "",
    },
    {
        "key": "blanpied2017",
        "type": "Practice Guideline",
        "title": "Neck Pain: Revision 2017. Clinical Practice Guidelines Linked to the International Classification of Functioning, Disability and Health From the Orthopaedic Section of the American Physical Therapy Association",
        "authors": [
            "Blanpied, Peter R",
            "Gross, Anita R",
            "Elliott, James M",
            "Devaney, Laurie Lee",
            "Clewley, Derek",
            "Walton, David M",
        ],
        "source": "J Orthop Sports Phys Ther",
        "year": 2017,
        "volume": "47",
        "issue": "7",
        "pages": "A1-A83",
        "doi": "10.2519/jospt.2017.0302",
        "pmid": "",
        "url": "",
    },
]

ARTICLE = {
    "slug": "neck-pain-arm-tingling",
    "question": "What causes neck pain with tingling down the arm?",
    "topic": "back-and-neck-pain",
    "summary": "Neck pain with tingling down one arm is most often a pinched nerve root in the neck (cervical radiculopathy), which usually improves over weeks to months without surgery. Weakness, clumsy hands, unsteady walking or chest symptoms need prompt assessment.",
    "state": "under_review",
    "bodies": {
        "professional": """## Key points

- Neck pain radiating into one arm with dermatomal paraesthesia is most often cervical radiculopathy from foraminal disc herniation or spondylosis [@carette2005].
- The natural history is favourable; most patients improve with conservative care [@radhakrishnan1994].
- Screen every patient for myelopathy, infection, malignancy, and cardiac or vascular mimics.

## Epidemiology and pathophysiology

In a population-based study, the annual incidence of cervical radiculopathy was about 83 per 100,000, peaking in the sixth decade; C7 and C6 were the roots most often involved [@radhakrishnan1994]. Compression by a soft disc predominates in younger patients and uncovertebral or facet osteophytes in older ones. Pain arises from mechanical compression and from inflammatory mediators around the root.

## Localising the root

| Root | Sensory symptoms | Weakness | Reflex |
| --- | --- | --- | --- |
| C5 | Lateral upper arm | Shoulder abduction, elbow flexion | Biceps |
| C6 | Radial forearm, thumb, index finger | Elbow flexion, wrist extension | Brachioradialis, biceps |
| C7 | Middle finger, dorsal forearm | Elbow and wrist extension | Triceps |
| C8 | Ulnar forearm, ring and little fingers | Finger flexion, hand intrinsics | None reliable |

Scapular or interscapular pain is common with C6-C8 involvement and may precede arm symptoms [@carette2005].

## Clinical examination

Spurling's test (extension, ipsilateral rotation and axial load) is specific but not sensitive. In one diagnostic study, a cluster of a positive upper limb tension test (median nerve bias), Spurling's test, a positive distraction test and ipsilateral cervical rotation below 60 degrees markedly increased the probability of radiculopathy when three or four items were positive [@wainner2003]. A shoulder abduction relief sign also supports the diagnosis [@bono2011].

## Differential diagnosis

- **Peripheral entrapment:** carpal tunnel syndrome (nocturnal paraesthesia in the median territory, no neck pain, positive Phalen or Tinel signs) and ulnar neuropathy at the elbow. Both can coexist with radiculopathy ("double crush") [@padua2016].
- **Degenerative cervical myelopathy:** bilateral or non-dermatomal hand numbness, clumsiness, gait imbalance, hyperreflexia, Hoffmann sign, sphincter change [@fehlings2017].
- **Brachial plexopathy:** neuralgic amyotrophy (severe pain followed by patchy weakness) or an apical lung tumour with Horner syndrome.
- **Thoracic outlet syndrome:** positional symptoms with arm elevation.
- **Shoulder disease:** rotator cuff pathology causes pain without dermatomal sensory change.
- **Cardiac ischaemia:** left arm heaviness or tingling with exertional chest, jaw or neck discomfort needs an ECG and troponin, not a neck examination [@gulati2021].
- **Cervical artery dissection or stroke:** sudden neck pain with headache, or abrupt arm numbness with facial or speech symptoms.

## Red flags

Fever, immunosuppression or injecting drug use (epidural abscess); history of cancer or weight loss; significant trauma; progressive or severe motor deficit; signs of myelopathy; Horner syndrome.

## Investigations

- No imaging is needed initially without red flags or significant deficit.
- MRI is the test of choice when red flags are present, when the deficit is progressive, or when symptoms persist beyond about six weeks in a patient who would consider injection or surgery; CT myelography if MRI is contraindicated [@bono2011].
- Electrodiagnostic studies help when peripheral entrapment or plexopathy is in question [@padua2016].

## Management

- **Advice and activity:** explain the good prognosis and encourage normal activity within tolerance [@blanpied2017].
- **Short-term options:** in a randomised trial of recent-onset radiculopathy, a semi-hard collar with rest for three to six weeks, or six weeks of physiotherapy with home exercises, reduced arm and neck pain faster than a wait-and-see policy [@kuijper2009].
- **Medicines:** a short NSAID course; evidence for neuropathic agents and oral corticosteroids is limited, and routine opioid use should be avoided.
- **Exercise and manual therapy:** stretching and strengthening combined with cervical and thoracic mobilisation, with or without intermittent traction, are suggested for neck pain with radiating arm pain [@blanpied2017].
- **Interventions:** image-guided epidural steroid injection may be considered for persistent radicular pain, after discussing its rare but serious neurological risks [@bono2011].
- **Surgery:** anterior decompression and fusion, disc arthroplasty or posterior foraminotomy for progressive motor deficit or persistent disabling pain despite conservative care; moderate or severe myelopathy warrants surgical referral [@bono2011; @fehlings2017].
""",
        "patient": """## What is usually causing it

Neck pain with tingling, pins and needles, or pain that runs down one arm is most often caused by a pinched nerve in the neck. Doctors call this cervical radiculopathy. A bulging disc or bony wear and tear narrows the space where a nerve leaves the spine [@carette2005].

The tingling usually follows a set path, for example into the thumb, the middle finger or the little finger. Some people also have pain around the shoulder blade or a weak grip.

Other causes include a trapped nerve at the wrist (carpal tunnel syndrome), which often wakes people at night with numb fingers [@padua2016], and shoulder problems.

## Will it get better?

Usually, yes. Most people improve over a few weeks to a few months without an operation [@radhakrishnan1994].

## What you can do

- Keep moving your neck gently and stay as active as you can.
- Avoid long periods with your head bent forward, for example over a phone.
- A short course of an anti-inflammatory painkiller may help. Check with a pharmacist first if you have stomach, kidney or heart problems.
- A physiotherapist can teach you exercises. In one study, physiotherapy or wearing a neck collar for a few weeks eased arm pain faster than waiting alone [@kuijper2009].
- You usually do not need a scan in the first weeks.

## When to get help

**Call emergency services if:**

- Arm tingling or heaviness comes with chest pain or pressure, shortness of breath, sweating or feeling sick. This can be a heart attack [@gulati2021].
- You suddenly have numbness or weakness on one side, a drooping face, or trouble speaking.
- You have a sudden, severe headache with neck pain.

**See a doctor within a few days if:**

- Your arm or hand is getting weaker, or you keep dropping things.
- Both hands feel numb or clumsy, or your walking is unsteady.
- You have a fever, have had cancer, or are losing weight without trying.
- The pain started after a fall or accident.
- The pain is not improving after six weeks.
""",
    },
    "references": [
        "bono2011",
        "carette2005",
        "radhakrishnan1994",
        "wainner2003",
        "kuijper2009",
        "fehlings2017",
        "padua2016",
        "blanpied2017",
        "gulati2021",
    ],
    "related": ["left-upper-back-pain", "low-back-pain-imaging", "chest-pain-emergency"],
    "review_comment": "",
}
