REFERENCES = [
    {
        "key": "moayyedi2017",
        "type": "Practice Guideline",
        "title": "ACG and CAG Clinical Guideline: Management of Dyspepsia",
        "authors": [
            "Moayyedi, Paul M.",
            "Lacy, Brian E.",
            "Andrews, Christopher N.",
            "Enns, Robert A.",
            "Howden, Colin W.",
            "Vakil, Nimish",
        ],
        "source": "Am J Gastroenterol",
        "year": 2017,
        "volume": "112",
        "issue": "7",
        "pages": "988-1013",
        "doi": "",
        "pmid": "28631728",
        "url": "",
    },
    {
        "key": "black2022",
        "type": "Practice Guideline",
        "title": "British Society of Gastroenterology guidelines on the management of functional dyspepsia",
        "authors": ["Black, Christopher J.", "Paine, Peter A.", "Agrawal, Anurag"],
        "source": "Gut",
        "year": 2022,
        "volume": "71",
        "issue": "9",
        "pages": "1697-1723",
        "doi": "10.1136/gutjnl-2022-327737",
        "pmid": "",
        "url": "",
    },
    {
        "key": "chey2024",
        "type": "Practice Guideline",
        "title": "ACG Clinical Guideline: Treatment of Helicobacter pylori Infection",
        "authors": [
            "Chey, William D.",
            "Howden, Colin W.",
            "Moss, Steven F.",
            "Morgan, Douglas R.",
            "Greer, Katarina B.",
            "Grover, Shilpa",
            "Shah, Shailja C.",
        ],
        "source": "Am J Gastroenterol",
        "year": 2024,
        "volume": "119",
        "issue": "9",
        "pages": "1730-1753",
        "doi": "10.14309/ajg.0000000000002968",
        "pmid": "39626064",
        "url": "",
    },
    {
        "key": "malfertheiner2022",
        "type": "Consensus Development Conference",
        "title": "Management of Helicobacter pylori infection: the Maastricht VI/Florence consensus report",
        "authors": ["Malfertheiner, Peter", "Megraud, Francis", "Rokkas, Theodore"],
        "source": "Gut",
        "year": 2022,
        "volume": "71",
        "issue": "9",
        "pages": "1724-1762",
        "doi": "",
        "pmid": "35944925",
        "url": "",
    },
    {
        "key": "ford2022",
        "type": "Meta-Analysis",
        "title": "Efficacy of Helicobacter pylori eradication therapy for functional dyspepsia: updated systematic review and meta-analysis",
        "authors": [
            "Ford, Alexander C.",
            "Tsipotis, Evangelos",
            "Yuan, Yuhong",
            "Leontiadis, Grigorios I.",
            "Moayyedi, Paul",
        ],
        "source": "Gut",
        "year": 2022,
        "volume": "71",
        "issue": "10",
        "pages": "1967-1975",
        "doi": "10.1136/gutjnl-2021-326583",
        "pmid": "",
        "url": "",
    },
    {
        "key": "stanghellini2016",
        "type": "Consensus Development Conference",
        "title": "Gastroduodenal Disorders",
        "authors": ["Stanghellini, Vincenzo", "Chan, Francis K. L.", "Hasler, William L."],
        "source": "Gastroenterology",
        "year": 2016,
        "volume": "150",
        "issue": "6",
        "pages": "1380-1392",
        "doi": "",
        "pmid": "",
        "url": "",
    },
    {
        "key": "lanas2017",
        "type": "Review",
        "title": "Peptic ulcer disease",
        "authors": ["Lanas, Angel", "Chan, Francis K. L."],
        "source": "Lancet",
        "year": 2017,
        "volume": "390",
        "issue": "10094",
        "pages": "613-624",
        "doi": "",
        "pmid": "28242110",
        "url": "",
    },
    {
        "key": "tenner2024",
        "type": "Practice Guideline",
        "title": "American College of Gastroenterology Guidelines: Management of Acute Pancreatitis",
        "authors": [
            "Tenner, Scott",
            "Vege, Santhi Swaroop",
            "Sheth, Sunil G.",
            "Sauer, Bryan",
            "Yang, Allison",
            "Conwell, Darwin L.",
            "Yadlapati, Rena H.",
            "Gardner, Timothy B.",
        ],
        "source": "Am J Gastroenterol",
        "year": 2024,
        "volume": "119",
        "issue": "3",
        "pages": "419-437",
        "doi": "10.14309/ajg.0000000000002645",
        "pmid": "38857482",
        "url": "",
    },
    {
        "key": "nice2014-gallstones",
        "type": "Practice Guideline",
        "title": "Gallstone disease: diagnosis and management (NICE clinical guideline CG188)",
        "authors": ["National Institute for Health and Care Excellence"],
        "source": "National Institute for Health and Care Excellence",
        "year": 2014,
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "pmid": "",
        "url": "https://www.nice.org.uk/guidance/cg188",
    },
    {
        "key": "bjorck2017",
        "type": "Practice Guideline",
        "title": "Editor's Choice - Management of the Diseases of Mesenteric Arteries and Veins: Clinical Practice Guidelines of the European Society of Vascular Surgery (ESVS)",
        "authors": ["Björck, Martin", "Koelemay, Mark", "Acosta, Stefan"],
        "source": "Eur J Vasc Endovasc Surg",
        "year": 2017,
        "volume": "53",
        "issue": "4",
        "pages": "460-510",
        "doi": "",
        "pmid": "",
        "url": "",
    },
    {
        "key": "camilleri2022",
        "type": "Practice Guideline",
        "title": "ACG Clinical Guideline: Gastroparesis",
        "authors": ["Camilleri, Michael", "Kuo, Braden", "Nguyen, Linda"],
        "source": "Am J Gastroenterol",
        "year": 2022,
        "volume": "117",
        "issue": "8",
        "pages": "1197-1220",
        "doi": "",
        "pmid": "",
        "url": "",
    },
]

ARTICLE = {
    "slug": "upper-abdominal-pain-after-eating",
    "question": "What causes upper abdominal pain after eating?",
    "topic": "digestive-health",
    "summary": "Upper abdominal pain after meals is most often functional dyspepsia, reflux, a peptic ulcer or gallstones. Testing for H. pylori, reviewing painkillers and an ultrasound scan usually find the cause; weight loss, vomiting, bleeding or severe pain need urgent assessment.",
    "state": "draft",
    "bodies": {
        "professional": """## Clinical approach

Postprandial upper abdominal pain ranges from functional disease to surgical emergencies. The most useful discriminators are the timing after meals, how long episodes last, location and radiation, associated features (vomiting, fever, jaundice, weight loss), age, and medicines. Ask specifically about NSAIDs and aspirin, bisphosphonates, oral iron, metformin and GLP-1 receptor agonists.

## Differential diagnosis

| Condition | Typical pattern | Key test |
| --- | --- | --- |
| Functional dyspepsia | Early satiation, postprandial fullness or epigastric pain or burning; normal endoscopy | Positive diagnosis; H. pylori test |
| Peptic ulcer disease | Epigastric burning that may worsen or ease with food; NSAID use or H. pylori | H. pylori test, endoscopy |
| Reflux disease | Heartburn and regurgitation | Clinical; endoscopy if alarm features |
| Biliary colic | Steady RUQ or epigastric pain for 30 minutes to several hours, often after fatty meals or at night | Ultrasound, liver tests |
| Cholecystitis or cholangitis | Biliary pain lasting longer, with fever, Murphy's sign or jaundice | Ultrasound, blood tests |
| Acute pancreatitis | Severe epigastric pain radiating to the back, vomiting | Lipase at least 3 times normal |
| Chronic mesenteric ischaemia | Pain 15-60 minutes after meals, fear of eating, weight loss, atherosclerosis | CT angiography |
| Gastroparesis | Nausea, vomiting, early satiety, bloating; diabetes or opioid use | Gastric emptying study |
| Gastric or pancreatic cancer | Older age, weight loss, anaemia, persistent vomiting | Endoscopy, CT |
| Myocardial ischaemia | Epigastric discomfort on exertion or after heavy meals | ECG, troponin |

Rome IV defines functional dyspepsia as bothersome postprandial fullness, early satiation, epigastric pain or epigastric burning for the last 3 months, with onset at least 6 months earlier and no structural explanation. It has two subtypes, postprandial distress syndrome and epigastric pain syndrome [@stanghellini2016].

## Alarm features

Endoscopy should be prompt with dyspepsia plus significant weight loss, dysphagia, persistent vomiting, gastrointestinal bleeding, iron-deficiency anaemia or an abdominal mass, although alarm features alone predict cancer poorly [@moayyedi2017; @black2022]. The ACG/CAG guideline recommends endoscopy for new dyspepsia at age 60 or over [@moayyedi2017].

## Dyspepsia under 60 without alarm features

1. Stop or minimise offending drugs, especially NSAIDs; if one is essential, add gastroprotection [@lanas2017].
2. Test for H. pylori with a urea breath test, stool antigen test or biopsy, and treat if positive [@moayyedi2017; @chey2024]. Eradication cures or improves symptoms in a minority of patients with functional dyspepsia (number needed to treat about 14 for cure) and prevents ulcer disease [@ford2022].
3. If H. pylori is negative, or symptoms persist after successful eradication, try a PPI [@moayyedi2017; @black2022].
4. For persistent functional dyspepsia, low-dose tricyclic antidepressants are the best-supported second-line option; prokinetics and psychological therapies are alternatives [@black2022].

For H. pylori, 14 days of bismuth quadruple therapy is now the preferred empirical first-line regimen in North America, with rifabutin triple or vonoprazan-amoxicillin dual therapy as alternatives; clarithromycin should only be used when susceptibility is known. Confirm cure at least 4 weeks after treatment, with the PPI stopped for 2 weeks beforehand [@chey2024]. Maastricht VI gives similar advice and favours susceptibility-guided therapy where testing is available [@malfertheiner2022].

## Suspected biliary or pancreatic disease

Abdominal ultrasound and liver function tests are first-line for suspected gallstones. Laparoscopic cholecystectomy is offered for symptomatic gallbladder stones, and within a week of diagnosis for acute cholecystitis [@nice2014-gallstones]. Acute pancreatitis is diagnosed when two of three criteria are met: typical pain, lipase or amylase at least 3 times the upper limit, or characteristic imaging. Early CT is reserved for diagnostic doubt or failure to improve within 48-72 hours. Without gallstones or significant alcohol use, check triglycerides, and consider a pancreatic tumour in patients over 40 [@tenner2024].

## Less common causes not to miss

Chronic mesenteric ischaemia typically affects older smokers with atherosclerosis who develop postprandial pain, fear of eating and weight loss. CT angiography is the first-line test, and revascularisation, usually endovascular, relieves symptoms and may prevent acute intestinal ischaemia [@bjorck2017]. Suspected gastroparesis needs a gastric emptying study of adequate duration, with opioids and GLP-1 receptor agonists considered as causes [@camilleri2022].
""",
        "patient": """## Common causes

Pain in the upper tummy after eating is common and often not serious. Common causes include:

- **Indigestion (dyspepsia):** feeling full quickly, bloating, or a burning pain. Often no damage is found, which doctors call functional dyspepsia [@black2022].
- **Acid reflux:** burning behind the breastbone and a sour taste.
- **Stomach ulcers:** often caused by a germ called H. pylori, or by painkillers such as ibuprofen, naproxen or aspirin [@lanas2017].
- **Gallstones:** strong, steady pain in the upper right or middle of the tummy, often after a fatty meal. It can last from half an hour to several hours [@nice2014-gallstones].
- **Inflamed pancreas (pancreatitis):** severe pain that can spread to the back, often with vomiting [@tenner2024].

## What you can do

- Eat smaller meals, more slowly. Cut back on fatty foods if they seem to trigger the pain.
- Avoid anti-inflammatory painkillers unless your doctor agrees. Paracetamol is usually gentler on the stomach.
- Drink less alcohol and stop smoking.
- Keep a diary of your symptoms and what you ate.

## What your doctor may do

Your doctor may test for H. pylori with a breath or stool test. If you have it, you take a 2-week course of medicines to clear it [@chey2024]. You may be offered medicine to reduce stomach acid. An ultrasound scan can look for gallstones. Some people need a camera test (endoscopy) to look inside the stomach.

## See a doctor soon if

- You lose weight without trying
- Food gets stuck when you swallow
- You keep vomiting
- You are 60 or older and this is new for you [@moayyedi2017]
- You feel tired and look pale, which can be a sign of low iron

## Call emergency services if

- The pain is severe and does not ease
- You vomit blood or something that looks like coffee grounds, or your poo is black
- Your skin or eyes turn yellow and you have a fever or shaking chills
- Your tummy is hard and very tender to touch
- You have upper tummy pain with sweating, breathlessness, or pain in your chest, arm or jaw. This can be a heart attack.
""",
    },
    "references": [
        "moayyedi2017",
        "black2022",
        "chey2024",
        "malfertheiner2022",
        "ford2022",
        "stanghellini2016",
        "lanas2017",
        "tenner2024",
        "nice2014-gallstones",
        "bjorck2017",
        "camilleri2022",
    ],
    "related": ["heartburn-treatment", "chest-pain-emergency", "nsaids-back-pain-safety"],
    "review_comment": "",
}
