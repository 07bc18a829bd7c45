REFERENCES = [
    {
        "key": "jones2025",
        "type": "Practice Guideline",
        "title": "2025 AHA/ACC/AANP/AAPA/ABC/ACCP/ACPM/AGS/AMA/ASPC/NMA/PCNA/SGIM Guideline for the Prevention, Detection, Evaluation and Management of High Blood Pressure in Adults: A Report of the American College of Cardiology/American Heart Association Joint Committee on Clinical Practice Guidelines",
        "authors": ["Jones, Daniel W.", "Ferdinand, Keith C.", "Taler, Sandra J."],
        "source": "Hypertension",
        "year": 2025,
        "volume": "82",
        "issue": "",
        "pages": "e212-e316",
        "doi": "10.1161/HYP.0000000000000249",
        "pmid": "",
        "url": "",
    },
    {
        "key": "mcevoy2024",
        "type": "Practice Guideline",
        "title": "2024 ESC Guidelines for the management of elevated blood pressure and hypertension",
        "authors": ["McEvoy, John William", "McCarthy, Cian P.", "Bruno, Rosa Maria"],
        "source": "Eur Heart J",
        "year": 2024,
        "volume": "45",
        "issue": "38",
        "pages": "3912-4018",
        "doi": "10.1093/eurheartj/ehae178",
        "pmid": "39210715",
        "url": "",
    },
    {
        "key": "nice2019-hypertension",
        "type": "Practice Guideline",
        "title": "Hypertension in adults: diagnosis and management (NICE guideline NG136)",
        "authors": ["National Institute for Health and Care Excellence"],
        "source": "National Institute for Health and Care Excellence",
        "year": 2019,
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "pmid": "",
        "url": "https://www.nice.org.uk/guidance/ng136",
    },
    {
        "key": "krist2021",
        "type": "Practice Guideline",
        "title": "Screening for Hypertension in Adults: US Preventive Services Task Force Reaffirmation Recommendation Statement",
        "authors": ["US Preventive Services Task Force", "Krist, Alex H.", "Davidson, Karina W.", "Mangione, Carol M."],
        "source": "JAMA",
        "year": 2021,
        "volume": "325",
        "issue": "16",
        "pages": "1650-1656",
        "doi": "10.1001/jama.2021.4987",
        "pmid": "",
        "url": "",
    },
    {
        "key": "muntner2019",
        "type": "Review",
        "title": "Measurement of Blood Pressure in Humans: A Scientific Statement From the American Heart Association",
        "authors": ["Muntner, Paul", "Shimbo, Daichi", "Carey, Robert M."],
        "source": "Hypertension",
        "year": 2019,
        "volume": "73",
        "issue": "5",
        "pages": "e35-e66",
        "doi": "",
        "pmid": "30827125",
        "url": "",
    },
    {
        "key": "wright2015",
        "type": "Randomized Controlled Trial",
        "title": "A Randomized Trial of Intensive versus Standard Blood-Pressure Control",
        "authors": ["SPRINT Research Group", "Wright, Jackson T., Jr", "Williamson, Jeff D.", "Whelton, Paul K."],
        "source": "N Engl J Med",
        "year": 2015,
        "volume": "373",
        "issue": "22",
        "pages": "2103-2116",
        "doi": "10.1056/NEJMoa1511939",
        "pmid": "26551272",
        "url": "",
    },
    {
        "key": "ettehad2016",
        "type": "Meta-Analysis",
        "title": "Blood pressure lowering for prevention of cardiovascular disease and death: a systematic review and meta-analysis",
        "authors": ["Ettehad, Dena", "Emdin, Connor A.", "Kiran, Amit"],
        "source": "Lancet",
        "year": 2016,
        "volume": "387",
        "issue": "10022",
        "pages": "957-967",
        "doi": "10.1016/S0140-6736(15)01225-8",
        "pmid": "26724178",
        "url": "",
    },
    {
        "key": "mcmanus2018",
        "type": "Randomized Controlled Trial",
        "title": "Efficacy of self-monitored blood pressure, with or without telemonitoring, for titration of antihypertensive medication (TASMINH4): an unmasked randomised controlled trial",
        "authors": ["McManus, Richard J.", "Mant, Jonathan", "Franssen, Marloes"],
        "source": "Lancet",
        "year": 2018,
        "volume": "391",
        "issue": "10124",
        "pages": "949-959",
        "doi": "",
        "pmid": "29499873",
        "url": "",
    },
    {
        "key": "sacks2001",
        "type": "Randomized Controlled Trial",
        "title": "Effects on blood pressure of reduced dietary sodium and the Dietary Approaches to Stop Hypertension (DASH) diet",
        "authors": ["Sacks, Frank M.", "Svetkey, Laura P.", "Vollmer, William M."],
        "source": "N Engl J Med",
        "year": 2001,
        "volume": "344",
        "issue": "1",
        "pages": "3-10",
        "doi": "10.1056/NEJM200101043440101",
        "pmid": "11136953",
        "url": "",
    },
]

ARTICLE = {
    "slug": "high-blood-pressure-reading",
    "question": "What should I do after a high blood pressure reading?",
    "topic": "heart-and-circulation",
    "summary": "One high blood pressure reading needs checking, not alarm: repeat it with good technique and confirm it with home or 24-hour monitoring. A reading of 180/120 or more with chest pain, breathlessness, stroke symptoms or vision changes needs emergency care.",
    "state": "submitted",
    "bodies": {
        "professional": """## Confirm before labelling

A single raised office reading is a prompt to measure properly, not a diagnosis. Technique errors are common and can shift systolic values by well over 10 mmHg. Use a validated device and an appropriately sized cuff on bare skin; seat the patient for at least 5 minutes with back supported, feet flat and arm supported at heart level; avoid talking, and caffeine, exercise or smoking in the preceding 30 minutes; and classify on the average of at least two readings on at least two occasions [@muntner2019].

US, European and UK guidelines all recommend out-of-office measurement, with home (HBPM) or 24-hour ambulatory monitoring (ABPM), to confirm the diagnosis and to detect white-coat and masked hypertension [@jones2025; @mcevoy2024; @nice2019-hypertension]. The USPSTF recommends screening all adults and confirming elevated office readings outside the clinic before starting treatment [@krist2021].

## Classification differs between guidelines

| Category | 2025 AHA/ACC, office (mmHg) | 2024 ESC, office (mmHg) |
| --- | --- | --- |
| Normal or non-elevated | Below 120 and below 80 | Below 120 and below 70 |
| Elevated | 120-129 and below 80 | 120-139 or 70-89 |
| Hypertension | Stage 1: 130-139 or 80-89; stage 2: 140/90 or higher | 140/90 or higher |

Out-of-office thresholds differ from office ones. In European and NICE practice, a home or daytime ambulatory mean of 135/85 mmHg corresponds to an office value of 140/90 [@mcevoy2024; @nice2019-hypertension]; the ACC/AHA equates a home mean of 130/80 with office stage 1 [@jones2025].

## Triage the very high reading

At 180/120 mmHg or above, look first for acute target-organ damage: chest pain, dyspnoea or pulmonary oedema, focal neurology, confusion, severe headache with visual disturbance, acute kidney injury, or retinal haemorrhage or papilloedema. Any of these indicates a hypertensive emergency needing same-day hospital assessment and controlled parenteral lowering [@jones2025; @nice2019-hypertension]. Without organ damage, which the 2025 ACC/AHA guideline now calls severe hypertension rather than hypertensive urgency, rapid lowering is unnecessary and potentially harmful; start or intensify oral therapy and review promptly [@jones2025]. NICE advises investigating for target-organ damage straight away and, if none is found, repeating the clinic measurement within 7 days [@nice2019-hypertension].

## Evaluation once hypertension is confirmed

- **History**: medicines that raise BP (NSAIDs, decongestants, combined oral contraceptives, corticosteroids, some antidepressants), alcohol, symptoms of sleep apnoea, family history.
- **Tests**: electrolytes and creatinine with eGFR, glucose or HbA1c, lipids, urinalysis with urine albumin-to-creatinine ratio, and a 12-lead ECG; thyroid function where indicated [@jones2025; @mcevoy2024].
- **Risk**: the 2025 ACC/AHA guideline uses the PREVENT equations; the ESC uses SCORE2 and SCORE2-OP.
- **Secondary causes**: look for them in resistant, severe or early-onset hypertension, or with hypokalaemia; screening for primary aldosteronism is recommended in all resistant hypertension, whatever the potassium [@jones2025].

## Thresholds and targets

Lifestyle measures apply to everyone with elevated BP: weight loss, a DASH-type diet, less sodium (potassium-enriched salt substitutes where safe), regular activity and less alcohol. In the DASH-Sodium trial, the diet and sodium reduction each lowered BP, and their effects added up [@sacks2001].

The 2025 ACC/AHA guideline recommends drug treatment at 130/80 mmHg or above for adults with cardiovascular disease, diabetes, chronic kidney disease or a 10-year PREVENT risk of 7.5% or more, and for lower-risk adults whose BP stays at that level after 3-6 months of lifestyle change. Stage 2 hypertension should usually start with two first-line drugs, preferably in a single pill. The goal is below 130/80, with further lowering toward 120 systolic encouraged [@jones2025]. The ESC targets a systolic of 120-129 mmHg if tolerated [@mcevoy2024].

The evidence supports this: every 10 mmHg fall in systolic BP cuts major cardiovascular events by about a fifth [@ettehad2016]. In SPRINT, a systolic target below 120 reduced cardiovascular events and death compared with below 140, at the cost of more hypotension, syncope, electrolyte disturbance and acute kidney injury [@wright2015]. Titrating drugs against home readings achieved lower BP than clinic-guided care [@mcmanus2018].
""",
        "patient": """## First, don't panic

One high reading is common and does not mean you have high blood pressure. Readings go up with stress, pain, caffeine, a full bladder, talking, or rushing to an appointment. What matters is your usual blood pressure, measured the right way on different days [@muntner2019].

## Call emergency services if

Your reading is 180/120 or higher **and** you have any of these:

- Chest pain or pressure
- Shortness of breath
- Weakness or numbness in the face, arm or leg, or trouble speaking
- Sudden changes in your vision
- A sudden, severe headache, or confusion
- Sudden, severe pain in the back

If your reading is 180/120 or higher but you feel well, sit quietly for 5 minutes and check again. If it is still that high, contact your doctor the same day [@jones2025; @nice2019-hypertension].

## How to measure at home

- Use a validated upper-arm monitor with a cuff that fits your arm.
- Avoid caffeine, smoking and exercise for 30 minutes before.
- Sit with your back supported and feet flat on the floor for 5 minutes.
- Rest your arm on a table so the cuff is at heart level, on bare skin.
- Don't talk. Take 2 readings, 1 minute apart, morning and evening, for about a week.
- Keep a record and share it with your care team [@muntner2019].

## What the numbers mean

In the US, a usual blood pressure of 130/80 or higher counts as high. In Europe and the UK, high blood pressure starts at 140/90 in the clinic or 135/85 at home [@jones2025; @mcevoy2024]. Your doctor may also suggest a monitor that you wear for 24 hours.

## What you can do now

- Eat more vegetables, fruit, beans and whole grains, and less salt [@sacks2001].
- Move more: aim for about 150 minutes of activity a week.
- If you are overweight, losing even a little weight helps.
- Drink less alcohol and stop smoking.
- Ask whether any of your medicines, like some painkillers or cold remedies, can raise blood pressure.

## Why it matters

High blood pressure usually causes no symptoms. Over years it can damage the heart, brain, kidneys and eyes. Treating it lowers the risk of stroke and heart attack [@ettehad2016]. If you need medicine, many people take two low-dose medicines combined in one pill.
""",
    },
    "references": [
        "jones2025",
        "mcevoy2024",
        "nice2019-hypertension",
        "krist2021",
        "muntner2019",
        "wright2015",
        "ettehad2016",
        "mcmanus2018",
        "sacks2001",
    ],
    "related": ["chest-pain-emergency", "headache-red-flags", "breathless-on-exertion"],
    "review_comment": "",
}
