REFERENCES = [
    {
        "key": "parshall2012",
        "type": "Guideline",
        "title": "An official American Thoracic Society statement: update on the mechanisms, assessment, and management of dyspnea",
        "authors": ["Parshall, Mark B.", "Schwartzstein, Richard M.", "Adams, Lewis"],
        "source": "Am J Respir Crit Care Med",
        "year": 2012,
        "volume": "185",
        "issue": "4",
        "pages": "435-452",
        "doi": "",
        "pmid": "",
        "url": "",
    },
    {
        "key": "gold2025",
        "type": "Guideline",
        "title": "Global Strategy for the Prevention, Diagnosis and Management of Chronic Obstructive Pulmonary Disease: 2025 Report",
        "authors": ["Global Initiative for Chronic Obstructive Lung Disease"],
        "source": "Global Initiative for Chronic Obstructive Lung Disease",
        "year": 2025,
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "pmid": "",
        "url": "https://goldcopd.org/2025-gold-report/",
    },
    {
        "key": "gina2024",
        "type": "Guideline",
        "title": "Global Strategy for Asthma Management and Prevention (2024 update)",
        "authors": ["Global Initiative for Asthma"],
        "source": "Global Initiative for Asthma",
        "year": 2024,
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "pmid": "",
        "url": "https://ginasthma.org/reports/",
    },
    {
        "key": "heidenreich2022",
        "type": "Practice Guideline",
        "title": "2022 AHA/ACC/HFSA Guideline for the Management of Heart Failure: A Report of the American College of Cardiology/American Heart Association Joint Committee on Clinical Practice Guidelines",
        "authors": ["Heidenreich, Paul A.", "Bozkurt, Biykem", "Aguilar, David"],
        "source": "Circulation",
        "year": 2022,
        "volume": "145",
        "issue": "18",
        "pages": "e895-e1032",
        "doi": "10.1161/CIR.0000000000001063",
        "pmid": "35363499",
        "url": "",
    },
    {
        "key": "mcdonagh2021",
        "type": "Practice Guideline",
        "title": "2021 ESC Guidelines for the diagnosis and treatment of acute and chronic heart failure",
        "authors": ["McDonagh, Theresa A.", "Metra, Marco", "Adamo, Marianna"],
        "source": "Eur Heart J",
        "year": 2021,
        "volume": "42",
        "issue": "36",
        "pages": "3599-3726",
        "doi": "10.1093/eurheartj/ehab368",
        "pmid": "34447992",
        "url": "",
    },
    {
        "key": "vrints2024",
        "type": "Practice Guideline",
        "title": "2024 ESC Guidelines for the management of chronic coronary syndromes",
        "authors": ["Vrints, Christiaan", "Andreotti, Felicita", "Koskinas, Konstantinos C."],
        "source": "Eur Heart J",
        "year": 2024,
        "volume": "45",
        "issue": "36",
        "pages": "3415-3537",
        "doi": "10.1093/eurheartj/ehae177",
        "pmid": "39210710",
        "url": "",
    },
    {
        "key": "humbert2022",
        "type": "Practice Guideline",
        "title": "2022 ESC/ERS Guidelines for the diagnosis and treatment of pulmonary hypertension",
        "authors": ["Humbert, Marc", "Kovacs, Gabor", "Hoeper, Marius M."],
        "source": "Eur Heart J",
        "year": 2022,
        "volume": "43",
        "issue": "38",
        "pages": "3618-3731",
        "doi": "10.1093/eurheartj/ehac237",
        "pmid": "36017548",
        "url": "",
    },
    {
        "key": "mccarthy2015",
        "type": "Systematic Review",
        "title": "Pulmonary rehabilitation for chronic obstructive pulmonary disease",
        "authors": [
            "McCarthy, Bernard",
            "Casey, Dympna",
            "Devane, Declan",
            "Murphy, Kathy",
            "Murphy, Edel",
            "Lacasse, Yves",
        ],
        "source": "Cochrane Database Syst Rev",
        "year": 2015,
        "volume": "",
        "issue": "2",
        "pages": "CD003793",
        "doi": "10.1002/14651858.CD003793.pub3",
        "pmid": "25705944",
        "url": "",
    },
    {
        "key": "bestall1999",
        "type": "Observational Study",
        "title": "Usefulness of the Medical Research Council (MRC) dyspnoea scale as a measure of disability in patients with chronic obstructive pulmonary disease",
        "authors": ["Bestall, J. C.", "Paul, E. A.", "Garrod, R.", "Garnham, R.", "Jones, P. W.", "Wedzicha, J. A."],
        "source": "Thorax",
        "year": 1999,
        "volume": "54",
        "issue": "7",
        "pages": "581-586",
        "doi": "",
        "pmid": "",
        "url": "",
    },
    {
        "key": "pratter1989",
        "type": "Observational Study",
        "title": "Cause and evaluation of chronic dyspnea in a pulmonary disease clinic",
        "authors": ["Pratter, Melvin R.", "Curley, Frederick J.", "Dubois, Jeffrey", "Irwin, Richard S."],
        "source": "Arch Intern Med",
        "year": 1989,
        "volume": "149",
        "issue": "10",
        "pages": "2277-2282",
        "doi": "",
        "pmid": "",
        "url": "",
    },
]

ARTICLE = {
    "slug": "breathless-on-exertion",
    "question": "Why do I get short of breath climbing stairs?",
    "topic": "lungs-and-breathing",
    "summary": "Some breathlessness on stairs is normal, but breathlessness that is new or getting worse can point to asthma, COPD, heart failure, heart artery disease, anaemia or low fitness. Blood tests, an ECG, a chest X-ray and spirometry usually show the cause.",
    "state": "changes_requested",
    "bodies": {
        "professional": """## Framing the complaint

Dyspnoea is a subjective experience of breathing discomfort. It arises when ventilatory demand outstrips the capacity to meet it, or when the brain senses a mismatch between respiratory drive and the mechanical response [@parshall2012]. Some breathlessness on stairs is physiological. What matters is a change from the patient's own baseline, how little exertion now provokes it, and what accompanies it. Grading with the modified MRC scale gives a simple baseline to follow over time [@bestall1999; @gold2025].

In a classic pulmonary clinic series, asthma, COPD, interstitial lung disease and cardiomyopathy together explained about two-thirds of chronic dyspnoea, and more than one cause was common [@pratter1989].

## Differential diagnosis

- **Cardiac**: heart failure with reduced or preserved ejection fraction; myocardial ischaemia, since exertional dyspnoea can be an anginal equivalent, especially in older adults, women and people with diabetes; atrial fibrillation and other arrhythmias [@heidenreich2022; @vrints2024].
- **Airways and lung parenchyma**: asthma, COPD, bronchiectasis, interstitial lung disease [@gina2024; @gold2025].
- **Pulmonary vascular**: pulmonary hypertension, including chronic thromboembolic disease after pulmonary embolism [@humbert2022].
- **Systemic and other**: anaemia, obesity, deconditioning, thyroid disease, neuromuscular weakness, dysfunctional breathing and anxiety, pregnancy.

## History and examination

Ask about onset and trajectory, orthopnoea, paroxysmal nocturnal dyspnoea, ankle swelling, exertional chest tightness, wheeze, cough and sputum, smoking, occupational and environmental exposures, previous venous thromboembolism and symptoms of anaemia. Review medicines: non-selective beta-blockers can unmask asthma, and amiodarone, methotrexate and nitrofurantoin can cause lung toxicity. Examine for body mass index, oxygen saturation at rest and on walking, raised jugular venous pressure, crackles, wheeze, clubbing, oedema, and a loud pulmonary second sound or right ventricular heave.

## First-line investigations

- Full blood count, renal function and electrolytes, thyroid function, glucose or HbA1c
- Natriuretic peptide (BNP or NT-proBNP): a normal value makes heart failure unlikely in an untreated patient [@mcdonagh2021]
- 12-lead ECG and chest radiograph
- Spirometry with bronchodilator testing: a post-bronchodilator FEV1/FVC below 0.7 confirms persistent airflow obstruction in the right clinical setting [@gold2025], while variable airflow limitation supports asthma [@gina2024]
- Pulse oximetry at rest and during walking

## Second-line tests

Choose according to the first results. Request transthoracic echocardiography when the natriuretic peptide or ECG is abnormal [@mcdonagh2021]. Use full lung function with gas transfer (DLCO) and high-resolution CT when interstitial disease is suspected. If echocardiography suggests pulmonary hypertension, refer for specialist work-up, including ventilation-perfusion scanning to look for chronic thromboembolic disease; an isolated low DLCO with normal spirometry and imaging should raise this possibility [@humbert2022]. Coronary CT angiography or functional imaging suits suspected ischaemia [@vrints2024]. Cardiopulmonary exercise testing helps when the cause is unclear or several factors coexist.

## Red flags needing same-day assessment

- Breathlessness at rest, or worsening over hours to days
- Chest pain or pressure on exertion
- New hypoxaemia
- Haemoptysis, or a swollen painful leg suggesting venous thromboembolism
- Signs of decompensated heart failure

## Management principles

Treat the dominant cause, remembering that several often coexist. In heart failure with reduced ejection fraction, combining an angiotensin receptor-neprilysin inhibitor (or ACE inhibitor or ARB), an evidence-based beta-blocker, a mineralocorticoid receptor antagonist and an SGLT2 inhibitor improves symptoms and survival; SGLT2 inhibitors also benefit patients with preserved ejection fraction [@heidenreich2022]. Confirm asthma or COPD objectively before committing to long-term inhalers [@gina2024; @gold2025]. Pulmonary rehabilitation improves exercise capacity and quality of life in COPD [@mccarthy2015], and structured exercise helps breathlessness due to deconditioning or obesity.
""",
        "patient": """## Is it normal?

Feeling a bit out of breath after two flights of stairs is normal, especially if you are not used to exercise. It is worth getting checked if:

- it is new, or worse than it used to be
- you now get breathless doing less than before
- it comes with chest tightness, a cough, wheezing or swollen ankles
- you need extra pillows to breathe comfortably at night [@parshall2012]

## Common causes

- **Lungs:** asthma, COPD (often from smoking), and scarring of the lungs.
- **Heart:** heart failure, when the heart does not pump or relax well; narrowed heart arteries; or an irregular heartbeat [@heidenreich2022].
- **Blood:** anaemia, which means too few red blood cells.
- **Fitness and weight:** being unfit or carrying extra weight makes the heart and lungs work harder.
- **Other:** thyroid problems, anxiety, or a past blood clot in the lungs.

## What to expect at the doctor

Your doctor will ask about your symptoms and listen to your heart and lungs. Common first tests are blood tests (including one that shows strain on the heart), a heart tracing (ECG), a chest X-ray and a blowing test called spirometry [@gold2025]. Some people then need a scan of the heart.

## What you can do

- Stop smoking. It is the most helpful thing you can do for your lungs.
- Stay active and walk a little further each day. Feeling mildly out of breath during exercise is safe.
- If you have COPD, ask about pulmonary rehabilitation, a course of exercise and education that helps people breathe better and do more [@mccarthy2015].
- Take inhalers and heart medicines as prescribed.
- Note what you can manage, such as how many stairs, so you can tell if things change.

## Call emergency services if

- You are suddenly very short of breath, or cannot speak in full sentences.
- You have chest pain or pressure.
- Your lips or face look blue or grey.
- You cough up blood, or feel confused or very drowsy.
- You suddenly get breathless and have a painful, swollen leg.
""",
    },
    "references": [
        "parshall2012",
        "gold2025",
        "gina2024",
        "heidenreich2022",
        "mcdonagh2021",
        "vrints2024",
        "humbert2022",
        "mccarthy2015",
        "bestall1999",
        "pratter1989",
    ],
    "related": ["chronic-cough-adults", "chest-pain-emergency", "high-blood-pressure-reading"],
    "review_comment": "Valvular heart disease is missing from the differential, especially aortic stenosis, and exertional syncope or angina is missing from the red flags. Please add the NT-proBNP thresholds used to prioritise echocardiography (NICE NG106: specialist assessment within 6 weeks above 400 ng/L and within 2 weeks above 2000 ng/L). In the patient version, explain what spirometry and an echocardiogram involve.",
}
