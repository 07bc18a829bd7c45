REFERENCES = [
    {
        "key": "byrne2023",
        "type": "Practice Guideline",
        "title": "2023 ESC Guidelines for the management of acute coronary syndromes",
        "authors": ["Byrne, Robert A.", "Rossello, Xavier", "Coughlan, J. J."],
        "source": "Eur Heart J",
        "year": 2023,
        "volume": "44",
        "issue": "38",
        "pages": "3720-3826",
        "doi": "10.1093/eurheartj/ehad191",
        "pmid": "37622654",
        "url": "",
    },
    {
        "key": "thygesen2019",
        "type": "Consensus Development Conference",
        "title": "Fourth universal definition of myocardial infarction (2018)",
        "authors": ["Thygesen, Kristian", "Alpert, Joseph S.", "Jaffe, Allan S."],
        "source": "Eur Heart J",
        "year": 2019,
        "volume": "40",
        "issue": "3",
        "pages": "237-269",
        "doi": "10.1093/eurheartj/ehy462",
        "pmid": "30165617",
        "url": "",
    },
    {
        "key": "six2008",
        "type": "Journal Article",
        "title": "Chest pain in the emergency room: value of the HEART score",
        "authors": ["Six, A. J.", "Backus, B. E.", "Kelder, J. C."],
        "source": "Neth Heart J",
        "year": 2008,
        "volume": "16",
        "issue": "6",
        "pages": "191-196",
        "doi": "10.1007/BF03086144",
        "pmid": "18665203",
        "url": "",
    },
    {
        "key": "backus2013",
        "type": "Observational Study",
        "title": "A prospective validation of the HEART score for chest pain patients at the emergency department",
        "authors": ["Backus, B. E.", "Six, A. J.", "Kelder, J. C."],
        "source": "Int J Cardiol",
        "year": 2013,
        "volume": "168",
        "issue": "3",
        "pages": "2153-2158",
        "doi": "10.1016/j.ijcard.2013.01.255",
        "pmid": "23465250",
        "url": "",
    },
    {
        "key": "mahler2015",
        "type": "Randomized Controlled Trial",
        "title": "The HEART Pathway randomized trial: identifying emergency department patients with acute chest pain for early discharge",
        "authors": ["Mahler, Simon A.", "Riley, Robert F.", "Hiestand, Brian C."],
        "source": "Circ Cardiovasc Qual Outcomes",
        "year": 2015,
        "volume": "8",
        "issue": "2",
        "pages": "195-203",
        "doi": "10.1161/CIRCOUTCOMES.114.001384",
        "pmid": "25737484",
        "url": "",
    },
    {
        "key": "nazerian2018",
        "type": "Observational Study",
        "title": "Diagnostic Accuracy of the Aortic Dissection Detection Risk Score Plus D-Dimer for Acute Aortic Syndromes: The ADvISED Prospective Multicenter Study",
        "authors": ["Nazerian, Peiman", "Mueller, Christian", "Soeiro, Alexandre de Matos"],
        "source": "Circulation",
        "year": 2018,
        "volume": "137",
        "issue": "3",
        "pages": "250-258",
        "doi": "10.1161/CIRCULATIONAHA.117.029457",
        "pmid": "29030346",
        "url": "",
    },
    {
        "key": "kline2004",
        "type": "Observational Study",
        "title": "Clinical criteria to prevent unnecessary diagnostic testing in emergency department patients with suspected pulmonary embolism",
        "authors": [
            "Kline, Jeffrey A.",
            "Mitchell, Alice M.",
            "Kabrhel, Christopher",
            "Richman, Peter B.",
            "Courtney, D. Mark",
        ],
        "source": "J Thromb Haemost",
        "year": 2004,
        "volume": "2",
        "issue": "8",
        "pages": "1247-1255",
        "doi": "",
        "pmid": "15304025",
        "url": "",
    },
]

ARTICLE = {
    "slug": "chest-pain-emergency",
    "question": "When is chest pain an emergency?",
    "topic": "heart-and-circulation",
    "summary": "Chest pain is an emergency when it feels like pressure, lasts more than a few minutes, spreads, or comes with breathlessness, sweating or fainting. Hospitals use an ECG within 10 minutes, troponin tests and scores such as HEART to find the dangerous causes.",
    "state": "approved",
    "bodies": {
        "professional": """## Why the first hour matters

Acute chest pain is one of the commonest reasons adults seek urgent care, yet only a minority have an acute coronary syndrome (ACS) or another life-threatening cause. The task is to find those few quickly without over-investigating everyone else. The 2021 AHA/ACC guideline recommends describing pain as cardiac, possibly cardiac or noncardiac instead of "typical" or "atypical", and notes that women and older adults more often report accompanying symptoms such as dyspnoea, nausea or fatigue [@gulati2021].

## Immediate actions

- Record and interpret a 12-lead ECG within 10 minutes of arrival; repeat it if symptoms recur or the first tracing is nondiagnostic, and add posterior leads (V7-V9) when circumflex occlusion is suspected [@gulati2021; @byrne2023].
- Measure high-sensitivity cardiac troponin (hs-cTn) as soon as possible and interpret it against the 99th-percentile upper reference limit and its change over time, using a validated 0/1-hour or 0/2-hour algorithm [@byrne2023; @thygesen2019].
- ST-elevation myocardial infarction or an equivalent pattern triggers immediate reperfusion: primary PCI when it can be delivered within 120 minutes of diagnosis, otherwise fibrinolysis [@byrne2023].
- People with ongoing symptoms outside hospital should call emergency medical services rather than travel by private car [@gulati2021].

## The time-critical differential

| Diagnosis | Clues | First test |
| --- | --- | --- |
| ACS | Pressure or heaviness, radiation to arm or jaw, exertional onset, diaphoresis | ECG, serial hs-cTn |
| Acute aortic syndrome | Abrupt, maximal-at-onset pain to the back, pulse or BP differential, neurological deficit | CT angiography |
| Pulmonary embolism | Pleuritic pain, dyspnoea, tachycardia, hypoxaemia, signs of DVT | Pretest probability, D-dimer, CTPA |
| Tension pneumothorax | Sudden pain and dyspnoea, absent breath sounds, hypotension | Clinical; decompress first |
| Cardiac tamponade | Hypotension, raised JVP, muffled heart sounds | Point-of-care echo |
| Oesophageal rupture | Pain after forceful vomiting, subcutaneous emphysema | CT with oral contrast |

Pericarditis, pneumonia, and musculoskeletal or gastro-oesophageal pain are more common, but should be accepted only once the causes above are reasonably excluded.

## Risk stratification for suspected ACS

Once STEMI and other emergencies are excluded, use a structured clinical decision pathway [@gulati2021]. The HEART score adds History, ECG, Age, Risk factors and Troponin, each scored 0-2 [@six2008]. In prospective validation, scores of 0-3 carried a 6-week major adverse cardiac event (MACE) rate of about 2%, against roughly 17% for 4-6 and 50% for 7-10 [@backus2013]. In the HEART Pathway trial, combining the score with serial troponins increased early discharge and reduced objective cardiac testing at 30 days, with no MACE missed among patients discharged early [@mahler2015]. In practice:

- **Low risk** (30-day risk of death or MACE below 1%, for example HEART 0-3 with an hs-cTn rule-out): discharge without routine further testing, with follow-up arranged [@gulati2021].
- **Intermediate risk**: coronary CT angiography or stress imaging, chosen by age and known coronary disease [@gulati2021].
- **High risk** (NSTEMI, dynamic ST changes, haemodynamic or electrical instability): admission and an invasive strategy, immediate (within 2 hours) for very high-risk features and within 24 hours for high-risk NSTE-ACS [@byrne2023].

## Ruling out the other killers

For suspected acute aortic syndrome, the aortic dissection detection risk score (ADD-RS) combined with D-dimer identifies a low-risk group: in the ADvISED study, a score of 0-1 with D-dimer below 500 ng/mL missed very few cases [@nazerian2018]. A higher score or strong clinical suspicion calls for CT angiography [@isselbacher2022], and antithrombotic or fibrinolytic therapy should be held while dissection remains possible. For suspected pulmonary embolism, estimate pretest probability first; the PERC rule can remove the need for D-dimer testing when clinical probability is low [@kline2004], and an age-adjusted D-dimer threshold avoids unnecessary imaging in older patients [@konstantinides2020].

## Red flags at a glance

- Ongoing pain with hypotension, syncope, new arrhythmia or heart failure
- ST elevation, new bundle branch block with ischaemic symptoms, or dynamic ST depression
- Sudden maximal-intensity pain radiating to the back, or a pulse deficit
- Hypoxaemia, tachypnoea or unilateral absent breath sounds
- Chest pain after vomiting or endoscopy

## Pitfalls

A single early normal ECG or troponin does not exclude ACS; a single-sample rule-out is valid only when hs-cTn is very low and symptoms began more than 3 hours earlier [@byrne2023]. Relief with nitroglycerin does not reliably separate cardiac from noncardiac pain [@gulati2021].
""",
        "patient": """## When to call for help straight away

Call emergency services (for example 911, 999 or 112) if you have chest pain or discomfort and any of these:

- Pressure, squeezing, tightness or heaviness that lasts more than a few minutes, or goes away and comes back
- Pain that spreads to one or both arms, the neck, jaw, back or stomach
- Shortness of breath, a cold sweat, feeling sick, or feeling light-headed or faint
- Sudden, severe, tearing pain that goes through to your back
- Sudden chest pain with trouble breathing, especially after a long trip or surgery, or with a swollen leg
- A racing or very irregular heartbeat, or fainting

Do not drive yourself to hospital. Ambulance crews can start tests and treatment on the way [@gulati2021]. If you have a nitroglycerin spray, use it as you were told. The call handler may tell you to chew an aspirin if you are not allergic to it.

## What could it be?

Chest pain has many causes. Some are serious: a heart attack, a tear in the body's main artery, a blood clot in the lung, or a collapsed lung. Many are not dangerous, such as a strained muscle, heartburn or anxiety. You cannot safely tell them apart at home. Women, older people and people with diabetes may feel breathless, sick or very tired instead of strong chest pain [@gulati2021].

## What happens at the hospital

- A heart tracing (ECG) within about 10 minutes of arriving.
- A blood test for troponin, a protein released when heart muscle is hurt. It is often repeated 1 to 3 hours later [@byrne2023].
- Many hospitals use a score that adds up your symptoms, ECG, age, risk factors and blood test. It helps decide whether you can safely go home [@backus2013].
- Some people need a scan of the heart arteries, the lungs or the main artery.

## If you are sent home

Being sent home after normal tests is good news. Ask what follow-up you need and who to contact. Come back or call for help if the pain returns, gets worse, or comes with any of the warning signs above.

## Lowering your risk

Not smoking, staying active, and keeping blood pressure, cholesterol and blood sugar in check all lower the chance of heart problems.
""",
        "student": """## Why chest pain is hard to localise

The heart, aorta, oesophagus and pulmonary vessels send pain through visceral afferent fibres that enter the spinal cord over several upper thoracic segments. These segments also receive somatic fibres from the chest wall, arm and jaw, so the brain localises visceral pain poorly. Ischaemia is therefore felt as diffuse pressure and is often referred to the arm, neck or jaw. The parietal pleura and chest wall have somatic innervation, so they produce sharp, well-localised pain that changes with breathing or movement.

Myocardial infarction means myocardial injury (a troponin rise above the 99th percentile) plus evidence of ischaemia. In type 1 infarction a plaque ruptures or erodes and thrombus forms; in type 2, supply cannot meet demand, for example in tachyarrhythmia, anaemia or hypotension [@thygesen2019].

## A structured approach

1. **ABCDE and vital signs.** Instability means resuscitation before diagnosis.
2. **ECG within 10 minutes** [@gulati2021]: look for ST elevation, ST depression, T-wave inversion, new bundle branch block, arrhythmia and right heart strain.
3. **Focused history and examination**: character, onset (abrupt onset suggests dissection, embolism or pneumothorax), radiation, relation to exertion, pleuritic or positional features, risk factors, recent surgery or travel, vomiting.
4. **High-sensitivity troponin** at presentation and repeated according to a validated algorithm [@byrne2023].
5. **Risk stratification** with a decision pathway such as HEART [@six2008; @backus2013].
6. **Targeted imaging** for the alternative you suspect: CT angiography for aortic syndrome, CTPA for embolism, chest X-ray for pneumothorax or pneumonia, echo for tamponade [@isselbacher2022; @konstantinides2020].

## Mnemonic: "two As and four Ps"

| Letter | Must-not-miss diagnosis | Exam pearl |
| --- | --- | --- |
| A | Acute coronary syndrome | Pressure-like, exertional, radiating; ECG and troponin |
| A | Aortic dissection | Tearing pain to the back; arm BP difference over 20 mmHg |
| P | Pulmonary embolism | Tachycardia and hypoxaemia with a clear chest X-ray |
| P | Pneumothorax (tension) | A clinical diagnosis; do not wait for an X-ray |
| P | Pericardial tamponade | Beck triad: hypotension, raised JVP, muffled heart sounds |
| P | Perforated oesophagus | Vomiting, then pain and surgical emphysema |

## The HEART score

| Component | 0 | 1 | 2 |
| --- | --- | --- | --- |
| History | Slightly suspicious | Moderately suspicious | Highly suspicious |
| ECG | Normal | Nonspecific repolarisation change | Significant ST deviation |
| Age | Under 45 | 45-64 | 65 or over |
| Risk factors | None | 1-2 | 3 or more, or known atherosclerosis |
| Troponin | Normal | 1-3 times the limit | Over 3 times the limit |

A total of 0-3 is low risk [@backus2013].

## Exam pearls

- Troponin shows injury, not its cause; sepsis, myocarditis and embolism can all raise it [@thygesen2019].
- Avoid "atypical": say cardiac, possibly cardiac or noncardiac [@gulati2021].
- Chest wall tenderness does not exclude ACS.
- Pleuritic pain with a normal chest X-ray should make you think of embolism [@konstantinides2020].
- Never thrombolyse tearing back pain before dissection is excluded [@isselbacher2022].
""",
    },
    "references": [
        "gulati2021",
        "byrne2023",
        "thygesen2019",
        "six2008",
        "backus2013",
        "mahler2015",
        "isselbacher2022",
        "nazerian2018",
        "konstantinides2020",
        "kline2004",
    ],
    "related": ["left-upper-back-pain", "breathless-on-exertion", "heartburn-treatment", "high-blood-pressure-reading"],
    "review_comment": "ECG and troponin timing, the HEART score bands and the under-1% low-risk discharge threshold match the 2021 AHA/ACC chest pain guideline and the 2023 ESC ACS guideline. The aortic dissection rule-out via ADD-RS plus D-dimer is appropriately cautious.",
}
