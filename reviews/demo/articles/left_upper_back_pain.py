REFERENCES = [
    {
        "key": "hagan2000",
        "type": "Observational Study",
        "title": "The International Registry of Acute Aortic Dissection (IRAD): new insights into an old disease",
        "authors": ["Hagan, Peter G", "Nienaber, Christoph A", "Isselbacher, Eric M", "Bruckman, David"],
        "source": "JAMA",
        "year": 2000,
        "volume": "283",
        "issue": "7",
        "pages": "897-903",
        "doi": "10.1001/jama.283.7.897",
        "pmid": "",
        "url": "",
    },
    {
        "key": "adler2015",
        "type": "Practice Guideline",
        "title": "2015 ESC Guidelines for the diagnosis and management of pericardial diseases: The Task Force for the Diagnosis and Management of Pericardial Diseases of the European Society of Cardiology (ESC)",
        "authors": ["Adler, Yehuda", "Charron, Philippe", "Imazio, Massimo", "Badano, Luigi"],
        "source": "Eur Heart J",
        "year": 2015,
        "volume": "36",
        "issue": "42",
        "pages": "2921-2964",
        "doi": "10.1093/eurheartj/ehv318",
        "pmid": "",
        "url": "",
    },
    {
        "key": "briggs2009",
        "type": "Systematic Review",
        "title": "Thoracic spine pain in the general population: prevalence, incidence and associated factors in children, adolescents and adults. A systematic review",
        "authors": ["Briggs, Andrew M", "Smith, Anne J", "Straker, Leon M", "Bragge, Peter"],
        "source": "BMC Musculoskelet Disord",
        "year": 2009,
        "volume": "10",
        "issue": "",
        "pages": "77",
        "doi": "10.1186/1471-2474-10-77",
        "pmid": "",
        "url": "",
    },
]

ARTICLE = {
    "slug": "left-upper-back-pain",
    "question": "What are the causes and treatments of left upper back pain?",
    "topic": "back-and-neck-pain",
    "summary": "Pain around or below the left shoulder blade is usually muscular or postural and settles with activity and simple care, but heart, aortic, lung and abdominal problems can refer pain there and must be ruled out first.",
    "state": "approved",
    "bodies": {
        "professional": """## Key points

- Most left-sided interscapular pain is mechanical, but the thoracic region shares segmental afferents with the heart, aorta, pleura, oesophagus and upper abdomen, so exclude referred visceral pain before labelling it musculoskeletal.
- A normal musculoskeletal examination does not exclude acute coronary syndrome: chest-wall tenderness can coexist with ischaemia [@gulati2021].
- Without red flags, imaging is not needed; management is activity, short-course analgesia and exercise.

## Differential diagnosis

Thoracic spine pain is common at all ages but far less studied than neck or low back pain [@briggs2009].

| Cause | Suggestive features | First test |
| --- | --- | --- |
| Muscle strain, postural pain | Movement-related, focal tenderness, no systemic features | Clinical |
| Facet or costovertebral dysfunction | Unilateral paraspinal pain, worse with rotation or deep inspiration | Clinical |
| Cervical radiculopathy (C6-C8) | Medial scapular pain, neck pain, arm paraesthesia, reflex or motor change | Clinical; MRI if deficit or persistent |
| Acute coronary syndrome | Exertional or rest pressure, dyspnoea, diaphoresis, risk factors | ECG within 10 min, hs-troponin |
| Aortic dissection | Abrupt, severe, tearing or migrating pain, pulse or BP differential, syncope | CT angiography |
| Pulmonary embolism | Pleuritic pain, dyspnoea, tachycardia, hypoxia, VTE risk | Probability score, D-dimer, CTPA |
| Pneumothorax | Sudden pleuritic pain and breathlessness | Chest radiograph or ultrasound |
| Pericarditis | Sharp pain eased by leaning forward, trapezius-ridge radiation, rub | ECG, echocardiogram, CRP |
| Herpes zoster | Burning dermatomal pain and allodynia, rash days later | Clinical |
| Peptic ulcer, pancreatitis | Epigastric pain boring through to the back, meal or alcohol link | Lipase, LFTs, endoscopy |
| Left lower lobe pneumonia | Fever, cough, pleuritic pain, crackles | Chest radiograph |
| Malignancy, infection, osteoporotic fracture | Cancer history, weight loss, night pain, fever, steroids, older age | Radiograph, MRI, FBC, CRP |

Degenerative C6, C7 and C8 root compression often presents with scapular pain before arm symptoms [@carette2005; @bono2011]. Zoster pain can precede the rash by several days and is easily mistaken for cardiac or spinal pain [@cohen2013].

## Red flags

- Sudden, maximal-at-onset or tearing pain, syncope, neurological deficit or limb ischaemia: back pain occurs in about half of acute dissections, especially type B [@hagan2000].
- Pain with dyspnoea, diaphoresis, nausea or haemodynamic instability.
- Pleuritic pain with hypoxia or tachycardia.
- Fever, immunosuppression or injecting drug use; history of cancer, unexplained weight loss or unremitting night pain; corticosteroid use, osteoporosis or trauma; progressive weakness, gait disturbance or sphincter change [@finucane2020].

## Investigations

- **Possible cardiac pain:** 12-lead ECG within 10 minutes of arrival and high-sensitivity troponin within an accelerated diagnostic pathway [@gulati2021].
- **Suspected acute aortic syndrome:** CT angiography of the chest, abdomen and pelvis in stable patients; transoesophageal echocardiography if unstable [@isselbacher2022].
- **Suspected PE:** clinical probability (Wells or Geneva), age-adjusted D-dimer when probability is not high, then CT pulmonary angiography [@konstantinides2020].
- **Pericarditis:** ECG for widespread ST elevation or PR depression, echocardiography and CRP [@adler2015].
- **Chest radiograph** for pneumothorax or pneumonia; lipase and liver tests for abdominal causes.
- **Spinal imaging:** none for mechanical pain without red flags. Plain radiographs for suspected osteoporotic fracture; MRI for suspected malignancy, infection, cord compression, or radiculopathy with progressive deficit or failure of about six weeks of conservative care [@finucane2020; @bono2011].

## Management of musculoskeletal pain

- Explain the benign course, advise staying active and avoid bed rest; superficial heat helps acute pain [@qaseem2017].
- If a drug is needed, a short course of an NSAID at the lowest effective dose, after checking gastrointestinal, cardiovascular and renal risk. Coxibs and high-dose diclofenac raise major vascular events by about a third, and all NSAIDs increase upper gastrointestinal complications and heart failure [@bhala2013].
- Physiotherapy with graded exercise, manual therapy and workstation changes; the evidence is largely extrapolated from neck and low back trials [@qaseem2017].
- Cervical radiculopathy usually improves without surgery; refer for progressive weakness or myelopathy [@carette2005].
- Start antivirals within 72 hours of the zoster rash [@cohen2013].
- Reassess if pain is not improving after four to six weeks or if new features appear.
""",
        "patient": """## What is usually going on

Pain under or beside the left shoulder blade is common. Most of the time it comes from the muscles, joints or ribs of the upper back. Long hours at a desk, carrying a heavy bag on one side, or a sudden twist can all set it off. This kind of pain often gets worse when you move, and a tender spot may hurt when pressed.

A pinched nerve in the neck can also cause pain near the shoulder blade, sometimes with tingling in the arm or hand [@carette2005].

Less often, the pain comes from inside the chest or belly. The heart, the main blood vessel (aorta), the lungs and the stomach can all send pain to the upper back [@gulati2021]. Shingles can cause a burning pain on one side for a few days before the rash shows.

## What you can do

- Keep moving gently. Bed rest slows recovery [@qaseem2017].
- Use a warm pack for 15 to 20 minutes at a time.
- Take breaks from sitting and change position often.
- An anti-inflammatory painkiller such as ibuprofen can help for a few days. Ask a pharmacist first if you have stomach ulcers, kidney or heart disease, or take blood thinners.
- Gentle stretching and a physiotherapist's exercises can speed recovery.

Most muscle pain gets better within a few weeks.

## When to get help

**Call emergency services if:**

- The pain comes with chest pressure, tightness, sweating, feeling sick, or shortness of breath.
- The pain is sudden, severe, or feels like tearing, or you faint.
- You cough up blood or suddenly cannot catch your breath.
- You have new weakness, numbness, or problems walking or controlling your bladder.

**See a doctor soon if:**

- You have a fever, have had cancer, are losing weight without trying, or the pain wakes you at night.
- You are over 50 and this is a new kind of pain.
- A rash or blisters appear on one side of your chest or back.
- The pain is not getting better after two to four weeks.
""",
        "student": """## Why the left upper back is a diagnostic trap

Visceral afferents from the heart, aorta, oesophagus and upper abdomen enter the spinal cord over the upper and mid-thoracic segments (roughly T1 to T9), the same segments that receive somatic input from the posterior chest wall and interscapular skin. Dorsal horn neurons receiving both inputs cannot tell the brain where the signal started, so visceral pain is felt in the matching dermatomes. This viscerosomatic convergence explains interscapular pain in myocardial ischaemia, descending aortic dissection and posterior penetrating ulcers. Diaphragmatic irritation follows the phrenic nerve (C3-C5) and is felt at the shoulder tip instead.

Somatic causes have their own referral patterns. Irritated C6-C8 roots commonly produce medial scapular pain, sometimes before any arm symptoms [@carette2005]. The varicella-zoster virus reactivates in a single dorsal root ganglion and causes dermatomal pain days before the rash [@cohen2013].

## A structured approach

1. **Stability first:** vital signs, oxygen saturation, ECG within 10 minutes if the pain could be cardiac [@gulati2021].
2. **Exclude the killers:** think of the six chest-pain emergencies, then add the abdominal and spinal ones.
3. **Characterise the pain:** onset, mechanical or not, pleuritic or not, dermatomal or not.
4. **Examine widely:** pulses and blood pressure in both arms, heart and lung sounds, abdomen, skin, neurological examination of the arms and legs, and spine palpation last.
5. **Then decide** whether any test is needed.

## Mnemonic: the six killers of chest pain

| Letter | Condition | Back pain clue |
| --- | --- | --- |
| A | Acute coronary syndrome | Pressure with exertion or rest, diaphoresis |
| A | Aortic dissection | Abrupt tearing pain, pulse deficit [@hagan2000] |
| P | Pulmonary embolism | Pleuritic pain, tachycardia, hypoxia [@konstantinides2020] |
| P | Pneumothorax (tension) | Sudden dyspnoea, absent breath sounds |
| P | Pericardial tamponade or pericarditis | Eased by sitting forward, trapezius radiation [@adler2015] |
| O | Oesophageal rupture | Pain after forceful vomiting, subcutaneous emphysema |

Remember it as "two As, three Ps and an O".

## Exam pearls

- Reproducible chest-wall tenderness lowers, but does not remove, the probability of ACS [@gulati2021].
- A blood pressure difference of more than 20 mmHg between arms is a dissection clue; CT angiography is the test of choice in stable patients [@isselbacher2022].
- Look at the skin: zoster allodynia without a rash is easy to miss.
- In an older patient, new thoracic pain with a cancer history, fever or steroid use points towards metastasis, discitis or osteoporotic fracture [@finucane2020].
- For simple mechanical pain, the treatment is movement, heat and a short NSAID course, not imaging [@qaseem2017].
""",
    },
    "references": [
        "gulati2021",
        "isselbacher2022",
        "konstantinides2020",
        "hagan2000",
        "adler2015",
        "cohen2013",
        "bono2011",
        "carette2005",
        "briggs2009",
        "finucane2020",
        "qaseem2017",
        "bhala2013",
    ],
    "related": ["chest-pain-emergency", "neck-pain-arm-tingling", "shingles-back-pain", "nsaids-back-pain-safety"],
    "review_comment": "Differential table and the ECG/troponin and CT angiography pathway match the 2021 chest pain and 2022 aortic disease guidelines; good that it warns against anchoring on chest-wall tenderness.",
}
