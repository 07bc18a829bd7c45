REFERENCES = [
    {
        "key": "vandergaag2020",
        "type": "Systematic Review",
        "title": "Non-steroidal anti-inflammatory drugs for acute low back pain",
        "authors": [
            "van der Gaag, Wendelien H",
            "Roelofs, Pepijn D D M",
            "Enthoven, Wendy T M",
            "van Tulder, Maurits W",
            "Koes, Bart W",
        ],
        "source": "Cochrane Database Syst Rev",
        "year": 2020,
        "volume": "",
        "issue": "4",
        "pages": "CD013581",
        "doi": "10.1002/14651858.CD013581",
        "pmid": "",
        "url": "",
    },
    {
        "key": "enthoven2016",
        "type": "Systematic Review",
        "title": "Non-steroidal anti-inflammatory drugs for chronic low back pain",
        "authors": [
            "Enthoven, Wendy T M",
            "Roelofs, Pepijn D D M",
            "Deyo, Richard A",
            "van Tulder, Maurits W",
            "Koes, Bart W",
        ],
        "source": "Cochrane Database Syst Rev",
        "year": 2016,
        "volume": "",
        "issue": "2",
        "pages": "CD012087",
        "doi": "10.1002/14651858.CD012087",
        "pmid": "",
        "url": "",
    },
    {
        "key": "machado2017",
        "type": "Meta-Analysis",
        "title": "Non-steroidal anti-inflammatory drugs for spinal pain: a systematic review and meta-analysis",
        "authors": [
            "Machado, Gustavo C",
            "Maher, Chris G",
            "Ferreira, Paulo H",
            "Day, Richard O",
            "Pinheiro, Marina B",
            "Ferreira, Manuela L",
        ],
        "source": "Ann Rheum Dis",
        "year": 2017,
        "volume": "76",
        "issue": "7",
        "pages": "1269-1278",
        "doi": "10.1136/annrheumdis-2016-210597",
        "pmid": "28153830",
        "url": "",
    },
    {
        "key": "williams2014",
        "type": "Randomized Controlled Trial",
        "title": "Efficacy of paracetamol for acute low-back pain: a double-blind, randomised controlled trial",
        "authors": [
            "Williams, Christopher M",
            "Maher, Christopher G",
            "Latimer, Jane",
            "McLachlan, Andrew J",
            "Hancock, Mark J",
            "Day, Richard O",
        ],
        "source": "Lancet",
        "year": 2014,
        "volume": "384",
        "issue": "9954",
        "pages": "1586-1596",
        "doi": "10.1016/S0140-6736(14)60805-9",
        "pmid": "",
        "url": "",
    },
    {
        "key": "nissen2016",
        "type": "Randomized Controlled Trial",
        "title": "Cardiovascular Safety of Celecoxib, Naproxen, or Ibuprofen for Arthritis",
        "authors": [
            "Nissen, Steven E",
            "Yeomans, Neville D",
            "Solomon, Daniel H",
            "Luscher, Thomas F",
            "Libby, Peter",
            "Husni, M Elaine",
        ],
        "source": "N Engl J Med",
        "year": 2016,
        "volume": "375",
        "issue": "26",
        "pages": "2519-2529",
        "doi": "10.1056/NEJMoa1611593",
        "pmid": "",
        "url": "",
    },
    {
        "key": "bally2017",
        "type": "Meta-Analysis",
        "title": "Risk of acute myocardial infarction with NSAIDs in real world use: bayesian meta-analysis of individual patient data",
        "authors": [
            "Bally, Michele",
            "Dendukuri, Nandini",
            "Rich, Benjamin",
            "Nadeau, Lyne",
            "Helin-Salmivaara, Arja",
            "Garbe, Edeltraut",
        ],
        "source": "BMJ",
        "year": 2017,
        "volume": "357",
        "issue": "",
        "pages": "j1909",
        "doi": "10.1136/bmj.j1909",
        "pmid": "",
        "url": "",
    },
    {
        "key": "lapi2013",
        "type": "Observational Study",
        "title": "Concurrent use of diuretics, angiotensin converting enzyme inhibitors, and angiotensin receptor blockers with non-steroidal anti-inflammatory drugs and risk of acute kidney injury: nested case-control study",
        "authors": ["Lapi, Francesco", "Azoulay, Laurent", "Yin, Hui", "Nessim, Sharon J", "Suissa, Samy"],
        "source": "BMJ",
        "year": 2013,
        "volume": "346",
        "issue": "",
        "pages": "e8525",
        "doi": "10.1136/bmj.e8525",
        "pmid": "",
        "url": "",
    },
    {
        "key": "ags2023-beers",
        "type": "Practice Guideline",
        "title": "American Geriatrics Society 2023 updated AGS Beers Criteria for potentially inappropriate medication use in older adults",
        "authors": ["2023 American Geriatrics Society Beers Criteria Update Expert Panel"],
        "source": "J Am Geriatr Soc",
        "year": 2023,
        "volume": "71",
        "issue": "7",
        "pages": "2052-2081",
        "doi": "",
        "pmid": "",
        "url": "",
    },
    {
        "key": "fda2015",
        "type": "Website",
        "title": "FDA Drug Safety Communication: FDA strengthens warning that non-aspirin nonsteroidal anti-inflammatory drugs (NSAIDs) can cause heart attacks or strokes",
        "authors": ["US Food and Drug Administration"],
        "source": "US Food and Drug Administration",
        "year": 2015,
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "pmid": "",
        "url": "",
    },
    {
        "key": "fda2020",
        "type": "Website",
        "title": "FDA recommends avoiding use of NSAIDs in pregnancy at 20 weeks or later because they can result in low amniotic fluid",
        "authors": ["US Food and Drug Administration"],
        "source": "US Food and Drug Administration",
        "year": 2020,
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "pmid": "",
        "url": "",
    },
]

ARTICLE = {
    "slug": "nsaids-back-pain-safety",
    "question": "Are anti-inflammatory painkillers safe for back pain?",
    "topic": "medicines-and-pain-relief",
    "summary": "For most adults, a short course of an anti-inflammatory such as ibuprofen or naproxen is a reasonable option for back pain, though the benefit is modest. Stomach, heart, kidney and pregnancy risks mean some people should avoid them or take extra precautions.",
    "state": "approved",
    "bodies": {
        "professional": """## Key points

- NSAIDs are the preferred first drug for acute and chronic low back pain in ACP and NICE guidance, after non-drug measures [@qaseem2017; @nice2016-lbp].
- Their benefit over placebo is small, so use the lowest effective dose for the shortest time, and reassess.
- Gastrointestinal, cardiovascular and renal harms are dose- and risk-dependent; stratify every patient before prescribing.

## How well do they work?

- **Acute low back pain:** NSAIDs reduce pain by roughly 7 points on a 100-point scale more than placebo at about one week, with a small effect on disability and no clear excess of adverse events in short trials; evidence quality is low to moderate [@vandergaag2020].
- **Chronic low back pain:** a similar small advantage in pain intensity, again from low-quality evidence [@enthoven2016].
- **Spinal pain overall:** across 35 placebo-controlled trials, about six patients need treatment for one to gain a clinically important reduction in pain, and gastrointestinal adverse effects were about 2.5 times more frequent despite a median trial length of one week [@machado2017].
- **Comparators:** paracetamol was no better than placebo for acute low back pain [@williams2014], and NICE advises against paracetamol alone and against opioids for chronic low back pain [@nice2016-lbp].

## Harms

### Gastrointestinal

All NSAIDs increase upper gastrointestinal complications such as bleeding and perforation, roughly two- to fourfold, with the largest increases for high-dose ibuprofen and naproxen [@bhala2013]. Risk rises with age over 65, previous ulcer or bleed, and concurrent anticoagulants, antiplatelet agents, corticosteroids or SSRIs. Consider gastroprotection with a proton pump inhibitor for patients at increased risk [@nice2016-lbp].

### Cardiovascular

- Coxibs and high-dose diclofenac increase major vascular events by about a third; high-dose naproxen did not, and all NSAIDs roughly doubled the risk of heart failure hospitalisation [@bhala2013].
- In patients with arthritis at high cardiovascular risk, moderate-dose celecoxib was non-inferior to ibuprofen and naproxen for cardiovascular events and caused fewer gastrointestinal events [@nissen2016].
- In observational data, all common NSAIDs, naproxen included, were associated with myocardial infarction, with risk appearing in the first week of use and highest at higher doses [@bally2017]. Regulators warn that the risk applies to people with or without heart disease [@fda2015].

### Renal and other effects

- NSAIDs raise blood pressure and can cause acute kidney injury and hyperkalaemia. The combination of an NSAID with a diuretic and an ACE inhibitor or ARB ("triple whammy") increased acute kidney injury, most within the first 30 days [@lapi2013].
- Pregnancy: avoid from 20 weeks because of fetal renal dysfunction and oligohydramnios [@fda2020].
- Older adults: avoid long-term use unless alternatives have failed and gastroprotection is given; avoid in heart failure or creatinine clearance below 30 mL/min [@ags2023-beers].
- Other cautions: NSAID-exacerbated respiratory disease, and interactions with anticoagulants, lithium and methotrexate.

## Practical prescribing

| Situation | Approach |
| --- | --- |
| Healthy adult under 65, no risk factors | Ibuprofen or naproxen at the lowest effective dose with food, for days to about two weeks |
| Gastrointestinal risk factors | Add a PPI, or consider celecoxib with a PPI if risk is high |
| Established cardiovascular disease | Avoid if possible; if needed, short course and lowest dose |
| CKD with eGFR below 30, heart failure, recent bleed, pregnancy from 20 weeks | Avoid |
| Taking a diuretic plus ACE inhibitor or ARB | Avoid, or monitor renal function and potassium |

Combine medication with advice to stay active, heat and exercise therapy, which carry the strongest recommendations [@qaseem2017]. Review at one to two weeks and stop if there is no meaningful benefit.
""",
        "patient": """## Do they help?

Anti-inflammatory painkillers (NSAIDs) include ibuprofen and naproxen. For back pain they help a little, but not a lot. Studies show they ease pain slightly more than a dummy pill [@vandergaag2020; @machado2017]. They work best alongside staying active, using heat and doing gentle exercise [@qaseem2017].

Paracetamol on its own does not seem to help new back pain much [@williams2014].

## Are they safe?

For most healthy adults, taking an NSAID for a few days to two weeks is reasonably safe. Longer use or higher doses raise the risk of side effects:

- **Stomach:** ulcers and bleeding, especially in people over 65 [@bhala2013].
- **Heart and circulation:** a small rise in the risk of heart attack and stroke, even in the first weeks [@fda2015].
- **Kidneys and blood pressure:** NSAIDs can raise blood pressure and strain the kidneys.

## Check with a doctor or pharmacist first if you:

- Have had a stomach ulcer or bleeding.
- Have heart disease, heart failure, a past stroke, or high blood pressure.
- Have kidney disease.
- Take blood thinners, steroid tablets, water tablets or blood pressure medicines.
- Have asthma that gets worse with aspirin or ibuprofen.
- Are pregnant. Avoid NSAIDs from 20 weeks of pregnancy unless a doctor advises otherwise [@fda2020].
- Are over 65.

## How to take them more safely

- Use the lowest dose that helps, for the shortest time.
- Take them with food.
- Do not take two NSAIDs together. Check cold and flu remedies for hidden ibuprofen or aspirin.
- Stop and see a doctor if your pain is not better after two weeks.

## When to get help

**Call emergency services if you:**

- Vomit blood or material that looks like coffee grounds.
- Pass black, sticky stools.
- Have chest pain, shortness of breath, or sudden weakness on one side.
- Have swelling of the face or lips, or trouble breathing after a dose.

**Stop the medicine and see a doctor soon if you have:**

- Stomach pain or indigestion that does not go away.
- Swollen ankles, or you are passing much less urine.
""",
    },
    "references": [
        "qaseem2017",
        "nice2016-lbp",
        "vandergaag2020",
        "enthoven2016",
        "machado2017",
        "williams2014",
        "bhala2013",
        "nissen2016",
        "bally2017",
        "lapi2013",
        "ags2023-beers",
        "fda2015",
        "fda2020",
    ],
    "related": ["low-back-pain-imaging", "left-upper-back-pain", "heartburn-treatment"],
    "review_comment": "Balanced summary: modest efficacy per the Cochrane and Machado reviews, clear GI, cardiovascular and renal risk stratification, and the 20-week pregnancy warning is correctly included.",
}
