REFERENCES = [
    {
        "key": "irwin2018",
        "type": "Practice Guideline",
        "title": "Classification of Cough as a Symptom in Adults and Management Algorithms: CHEST Guideline and Expert Panel Report",
        "authors": [
            "Irwin, Richard S.",
            "French, Cynthia L.",
            "Chang, Anne B.",
            "Altman, Kenneth W.",
            "CHEST Expert Cough Panel",
        ],
        "source": "Chest",
        "year": 2018,
        "volume": "153",
        "issue": "1",
        "pages": "196-209",
        "doi": "",
        "pmid": "29080708",
        "url": "",
    },
    {
        "key": "morice2020",
        "type": "Practice Guideline",
        "title": "ERS guidelines on the diagnosis and treatment of chronic cough in adults and children",
        "authors": ["Morice, Alyn H.", "Millqvist, Eva", "Bieksiene, Kristina"],
        "source": "Eur Respir J",
        "year": 2020,
        "volume": "55",
        "issue": "1",
        "pages": "1901136",
        "doi": "10.1183/13993003.01136-2019",
        "pmid": "31515408",
        "url": "",
    },
    {
        "key": "gibson2016",
        "type": "Practice Guideline",
        "title": "Treatment of Unexplained Chronic Cough: CHEST Guideline and Expert Panel Report",
        "authors": [
            "Gibson, Peter",
            "Wang, Gang",
            "McGarvey, Lorcan",
            "Vertigan, Anne E.",
            "Altman, Kenneth W.",
            "Birring, Surinder S.",
        ],
        "source": "Chest",
        "year": 2016,
        "volume": "149",
        "issue": "1",
        "pages": "27-44",
        "doi": "",
        "pmid": "",
        "url": "https://journal.chestnet.org/article/S0012-3692(15)00336-0/fulltext",
    },
    {
        "key": "kahrilas2016",
        "type": "Practice Guideline",
        "title": "Chronic Cough Due to Gastroesophageal Reflux in Adults: CHEST Guideline and Expert Panel Report",
        "authors": ["Kahrilas, Peter J.", "Altman, Kenneth W.", "Chang, Anne B."],
        "source": "Chest",
        "year": 2016,
        "volume": "150",
        "issue": "6",
        "pages": "1341-1360",
        "doi": "",
        "pmid": "",
        "url": "",
    },
    {
        "key": "dicpinigaitis2006",
        "type": "Practice Guideline",
        "title": "Angiotensin-converting enzyme inhibitor-induced cough: ACCP evidence-based clinical practice guidelines",
        "authors": ["Dicpinigaitis, Peter V."],
        "source": "Chest",
        "year": 2006,
        "volume": "129",
        "issue": "1 Suppl",
        "pages": "169S-173S",
        "doi": "",
        "pmid": "16428706",
        "url": "",
    },
    {
        "key": "nice2015-suspected-cancer",
        "type": "Practice Guideline",
        "title": "Suspected cancer: recognition and referral (NICE guideline NG12)",
        "authors": ["National Institute for Health and Care Excellence"],
        "source": "National Institute for Health and Care Excellence",
        "year": 2015,
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "pmid": "",
        "url": "https://www.nice.org.uk/guidance/ng12",
    },
    {
        "key": "song2015",
        "type": "Meta-Analysis",
        "title": "The global epidemiology of chronic cough in adults: a systematic review and meta-analysis",
        "authors": ["Song, Woo-Jung", "Chang, Yoon-Seok", "Faruqi, Shoaib"],
        "source": "Eur Respir J",
        "year": 2015,
        "volume": "45",
        "issue": "5",
        "pages": "1479-1481",
        "doi": "",
        "pmid": "25657027",
        "url": "",
    },
    {
        "key": "morice2007",
        "type": "Randomized Controlled Trial",
        "title": "Opiate therapy in chronic cough",
        "authors": ["Morice, Alyn H.", "Menon, Madhu S.", "Mulrennan, Siobhain A."],
        "source": "Am J Respir Crit Care Med",
        "year": 2007,
        "volume": "175",
        "issue": "4",
        "pages": "312-315",
        "doi": "",
        "pmid": "17122382",
        "url": "",
    },
    {
        "key": "ryan2012",
        "type": "Randomized Controlled Trial",
        "title": "Gabapentin for refractory chronic cough: a randomised, double-blind, placebo-controlled trial",
        "authors": ["Ryan, Nicole M.", "Birring, Surinder S.", "Gibson, Peter G."],
        "source": "Lancet",
        "year": 2012,
        "volume": "380",
        "issue": "9853",
        "pages": "1583-1589",
        "doi": "",
        "pmid": "22951084",
        "url": "",
    },
    {
        "key": "mcgarvey2022",
        "type": "Randomized Controlled Trial",
        "title": "Efficacy and safety of gefapixant, a P2X3 receptor antagonist, in refractory chronic cough and unexplained chronic cough (COUGH-1 and COUGH-2): results from two double-blind, randomised, parallel-group, placebo-controlled, phase 3 trials",
        "authors": ["McGarvey, Lorcan P.", "Birring, Surinder S.", "Morice, Alyn H."],
        "source": "Lancet",
        "year": 2022,
        "volume": "399",
        "issue": "10328",
        "pages": "909-923",
        "doi": "",
        "pmid": "35248186",
        "url": "",
    },
    {
        "key": "chamberlainmitchell2017",
        "type": "Randomized Controlled Trial",
        "title": "Physiotherapy, and speech and language therapy intervention for patients with refractory chronic cough: a multicentre randomised control trial",
        "authors": ["Chamberlain Mitchell, Sarah A.", "Garrod, Rachel", "Clark, Lynne"],
        "source": "Thorax",
        "year": 2017,
        "volume": "72",
        "issue": "2",
        "pages": "129-136",
        "doi": "",
        "pmid": "",
        "url": "",
    },
]

ARTICLE = {
    "slug": "chronic-cough-adults",
    "question": "What causes a cough that lasts more than eight weeks?",
    "topic": "lungs-and-breathing",
    "summary": "In adults, a cough lasting over eight weeks is usually linked to asthma-type airway inflammation, nose and sinus disease, reflux, smoking or ACE-inhibitor tablets, on top of an oversensitive cough reflex. Coughing blood or weight loss needs prompt checks.",
    "state": "approved",
    "bodies": {
        "professional": """## Definitions and framing

In adults, cough is acute when it lasts under 3 weeks, subacute at 3-8 weeks (often post-infectious) and chronic beyond 8 weeks [@irwin2018]. Chronic cough affects roughly one adult in ten worldwide [@song2015]. The ERS guideline describes most chronic cough as a cough hypersensitivity syndrome: asthma, reflux or nasal disease act on a sensitised neural cough reflex, which is why treating a single "cause" often brings only partial relief [@morice2020].

## Causes to consider

| Category | Examples | Pointers |
| --- | --- | --- |
| Drugs and exposures | ACE inhibitors, tobacco, vaping, occupational dusts and fumes | ACE-inhibitor cough usually settles within 1-4 weeks of stopping, occasionally up to 3 months [@dicpinigaitis2006] |
| Eosinophilic airway disease | Asthma, cough-variant asthma, non-asthmatic eosinophilic bronchitis | Variable airflow obstruction, raised FeNO or blood eosinophils |
| Upper airway | Rhinitis, chronic rhinosinusitis | Postnasal drip, throat clearing, nasal blockage |
| Reflux | Acid and non-acid reflux | Heartburn, regurgitation, cough with meals, talking or rising from bed |
| Chronic lung disease | COPD, bronchiectasis, interstitial lung disease | Sputum, crackles, clubbing, abnormal imaging |
| Less common but serious | Lung cancer, tuberculosis, retained foreign body, heart failure | Haemoptysis, weight loss, night sweats, smoking history |

Obstructive sleep apnoea and chronic aspiration are under-recognised contributors [@morice2020].

## Red flags

- Haemoptysis
- Weight loss, fever or night sweats
- Breathlessness, hoarseness or dysphagia
- A change in the character of a long-standing cough in a current or former smoker
- Recurrent pneumonia or abnormal chest signs

NICE advises a suspected-cancer referral for people aged 40 or over with unexplained haemoptysis, and an urgent chest X-ray for those aged 40 or over with unexplained cough plus another symptom such as fatigue, breathlessness, chest pain or weight loss, or with cough alone if they have ever smoked [@nice2015-suspected-cancer].

## Baseline assessment

Everyone needs a focused history (medicines, smoking and vaping, occupation, reflux and nasal symptoms), examination, chest radiograph and spirometry with bronchodilator testing [@irwin2018; @morice2020]. FeNO and a blood eosinophil count help identify steroid-responsive eosinophilic airway disease [@morice2020]. Reserve chest CT for red flags, an abnormal radiograph or a cough that remains unexplained after initial treatment.

## Treating identified contributors

Work through likely contributors one at a time, giving each trial enough time before judging it:

- **ACE inhibitor**: stop it and switch, for example to an angiotensin receptor blocker [@dicpinigaitis2006].
- **Eosinophilic airway disease**: a 2-4 week trial of inhaled corticosteroid is reasonable, particularly when FeNO or eosinophils are raised [@morice2020].
- **Upper airway disease**: intranasal corticosteroid for rhinitis or rhinosinusitis, with an empirical trial where the history fits [@irwin2018].
- **Reflux**: antireflux diet and lifestyle measures, with acid suppression for patients who have heartburn or regurgitation or objective evidence of acid reflux. Proton pump inhibitors do not help cough in people without reflux features and should not be prescribed for cough alone [@kahrilas2016; @morice2020].

## Refractory or unexplained chronic cough

When cough persists despite addressing these factors, treat the hypersensitivity itself [@gibson2016; @morice2020]:

- **Cough control therapy** from a speech and language therapist or physiotherapist (education, suppression techniques, vocal hygiene) improved cough-related quality of life in a multicentre randomised trial [@chamberlainmitchell2017].
- **Low-dose slow-release morphine**, 5-10 mg twice daily, reduced cough severity in a placebo-controlled crossover trial; the ERS supports a trial with review of benefit and side effects [@morice2007; @morice2020].
- **Gabapentin** improved cough-specific quality of life compared with placebo [@ryan2012]; pregabalin is an alternative. Sedation and dizziness limit both.
- **Gefapixant**, a P2X3-receptor antagonist, gave a modest fall in 24-hour cough frequency in two phase 3 trials, and taste disturbance was its main adverse effect [@mcgarvey2022]. It is licensed in some regions, such as the EU and Japan, but not in the US.

Codeine and over-the-counter cough suppressants have little supporting evidence in chronic cough [@morice2020].
""",
        "patient": """## What counts as chronic cough?

In adults, a cough that lasts more than 8 weeks is called chronic. It is common: about 1 adult in 10 has one [@song2015]. It can be tiring and embarrassing. It can also disturb sleep, make your chest sore, or cause leaks of urine.

## Common causes

- **Asthma or airway inflammation.** Sometimes a cough is the only sign.
- **Nose and sinus problems**, such as allergies or a blocked nose, with mucus dripping down the throat.
- **Acid reflux**, when stomach contents come back up into the food pipe.
- **Blood pressure tablets called ACE inhibitors.** Their names often end in "-pril". Don't stop them on your own, but ask your doctor if one could be the cause.
- **Smoking or vaping**, and dust or fumes at work.
- **Long-term lung conditions**, such as COPD.

Sometimes no single cause is found. Then the cough reflex itself has become too sensitive, a bit like a smoke alarm that goes off too easily [@morice2020].

## What your doctor will do

Expect questions about your health, medicines and work, an examination, a chest X-ray and a breathing test. You may also have a simple breath test that checks for airway inflammation. Treatment is then aimed at the likely cause, one step at a time [@irwin2018].

## What you can do

- Stop smoking or vaping, and ask for support to do it.
- Keep a diary of what sets off your cough.
- When you feel a tickle, try sipping water, swallowing hard, or breathing gently through your nose.
- Ask about therapy with a speech and language therapist, who can teach you ways to control the urge to cough [@chamberlainmitchell2017].

## See a doctor soon if

- You cough up blood.
- You lose weight without trying, or have fevers or night sweats.
- You smoke or used to smoke, and your cough has changed.
- Your voice has been hoarse for weeks, or it hurts to swallow.

## Call emergency services if

- You cough up more than a small amount of blood.
- You are suddenly very short of breath, or have chest pain.
- Your lips turn blue or grey, or you feel confused.
""",
    },
    "references": [
        "irwin2018",
        "morice2020",
        "gibson2016",
        "kahrilas2016",
        "dicpinigaitis2006",
        "nice2015-suspected-cancer",
        "song2015",
        "morice2007",
        "ryan2012",
        "mcgarvey2022",
        "chamberlainmitchell2017",
    ],
    "related": ["breathless-on-exertion", "heartburn-treatment", "high-blood-pressure-reading"],
    "review_comment": "The diagnostic work-up and the stepwise approach to refractory cough follow the 2020 ERS and CHEST guidance. Restricting proton pump inhibitors to patients with reflux features is correct.",
}
