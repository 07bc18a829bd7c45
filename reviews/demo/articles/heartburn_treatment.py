REFERENCES = [
    {
        "key": "katz2022",
        "type": "Practice Guideline",
        "title": "ACG Clinical Guideline for the Diagnosis and Management of Gastroesophageal Reflux Disease",
        "authors": [
            "Katz, Philip O.",
            "Dunbar, Kerry B.",
            "Schnoll-Sussman, Felice H.",
            "Greer, Katarina B.",
            "Yadlapati, Rena",
            "Spechler, Stuart Jon",
        ],
        "source": "Am J Gastroenterol",
        "year": 2022,
        "volume": "117",
        "issue": "1",
        "pages": "27-56",
        "doi": "10.14309/ajg.0000000000001538",
        "pmid": "34807007",
        "url": "",
    },
    {
        "key": "gyawali2024",
        "type": "Consensus Development Conference",
        "title": "Updates to the modern diagnosis of GERD: Lyon consensus 2.0",
        "authors": ["Gyawali, C. Prakash", "Yadlapati, Rena", "Fass, Ronnie"],
        "source": "Gut",
        "year": 2024,
        "volume": "73",
        "issue": "2",
        "pages": "361-371",
        "doi": "10.1136/gutjnl-2023-330616",
        "pmid": "37734911",
        "url": "",
    },
    {
        "key": "yadlapati2022",
        "type": "Practice Guideline",
        "title": "AGA Clinical Practice Update on the Personalized Approach to the Evaluation and Management of GERD: Expert Review",
        "authors": [
            "Yadlapati, Rena",
            "Gyawali, C. Prakash",
            "Pandolfino, John E.",
            "CGIT GERD Consensus Conference Participants",
        ],
        "source": "Clin Gastroenterol Hepatol",
        "year": 2022,
        "volume": "20",
        "issue": "5",
        "pages": "984-994.e1",
        "doi": "",
        "pmid": "35123084",
        "url": "",
    },
    {
        "key": "targownik2022",
        "type": "Review",
        "title": "AGA Clinical Practice Update on De-Prescribing of Proton Pump Inhibitors: Expert Review",
        "authors": ["Targownik, Laura E.", "Fisher, Deborah A.", "Saini, Sameer D."],
        "source": "Gastroenterology",
        "year": 2022,
        "volume": "162",
        "issue": "4",
        "pages": "1334-1342",
        "doi": "",
        "pmid": "35183361",
        "url": "",
    },
    {
        "key": "nice2014-gerd",
        "type": "Practice Guideline",
        "title": "Gastro-oesophageal reflux disease and dyspepsia in adults: investigation and management (NICE clinical guideline CG184)",
        "authors": ["National Institute for Health and Care Excellence"],
        "source": "National Institute for Health and Care Excellence",
        "year": 2014,
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "pmid": "",
        "url": "https://www.nice.org.uk/guidance/cg184",
    },
    {
        "key": "moayyedi2019",
        "type": "Randomized Controlled Trial",
        "title": "Safety of Proton Pump Inhibitors Based on a Large, Multi-Year, Randomized Trial of Patients Receiving Rivaroxaban or Aspirin",
        "authors": ["Moayyedi, Paul", "Eikelboom, John W.", "Bosch, Jackie"],
        "source": "Gastroenterology",
        "year": 2019,
        "volume": "157",
        "issue": "3",
        "pages": "682-691.e2",
        "doi": "",
        "pmid": "31152740",
        "url": "",
    },
    {
        "key": "laine2023",
        "type": "Randomized Controlled Trial",
        "title": "Vonoprazan Versus Lansoprazole for Healing and Maintenance of Healing of Erosive Esophagitis: A Randomized Trial",
        "authors": ["Laine, Loren", "DeVault, Kenneth", "Katz, Philip"],
        "source": "Gastroenterology",
        "year": 2023,
        "volume": "164",
        "issue": "1",
        "pages": "61-71",
        "doi": "",
        "pmid": "36228734",
        "url": "",
    },
    {
        "key": "nessjensen2016",
        "type": "Review",
        "title": "Lifestyle Intervention in Gastroesophageal Reflux Disease",
        "authors": ["Ness-Jensen, Eivind", "Hveem, Kristian", "El-Serag, Hashem", "Lagergren, Jesper"],
        "source": "Clin Gastroenterol Hepatol",
        "year": 2016,
        "volume": "14",
        "issue": "2",
        "pages": "175-182.e3",
        "doi": "10.1016/j.cgh.2015.04.176",
        "pmid": "25956834",
        "url": "",
    },
    {
        "key": "kaltenbach2006",
        "type": "Systematic Review",
        "title": "Are lifestyle measures effective in patients with gastroesophageal reflux disease? An evidence-based approach",
        "authors": ["Kaltenbach, Tonya", "Crockett, Seth", "Gerson, Lauren B."],
        "source": "Arch Intern Med",
        "year": 2006,
        "volume": "166",
        "issue": "9",
        "pages": "965-971",
        "doi": "",
        "pmid": "",
        "url": "",
    },
    {
        "key": "galmiche2011",
        "type": "Randomized Controlled Trial",
        "title": "Laparoscopic antireflux surgery vs esomeprazole treatment for chronic GERD: the LOTUS randomized clinical trial",
        "authors": ["Galmiche, Jean-Paul", "Hatlebakk, Jan", "Attwood, Stephen"],
        "source": "JAMA",
        "year": 2011,
        "volume": "305",
        "issue": "19",
        "pages": "1969-1977",
        "doi": "",
        "pmid": "",
        "url": "",
    },
    {
        "key": "shaheen2022",
        "type": "Practice Guideline",
        "title": "Diagnosis and Management of Barrett's Esophagus: An Updated ACG Guideline",
        "authors": ["Shaheen, Nicholas J.", "Falk, Gary W.", "Iyer, Prasad G."],
        "source": "Am J Gastroenterol",
        "year": 2022,
        "volume": "117",
        "issue": "4",
        "pages": "559-587",
        "doi": "",
        "pmid": "35354777",
        "url": "",
    },
]

ARTICLE = {
    "slug": "heartburn-treatment",
    "question": "How is frequent heartburn treated?",
    "topic": "digestive-health",
    "summary": "Frequent heartburn is treated with weight loss and earlier evening meals, then acid-reducing medicine, usually an 8-week course of a proton pump inhibitor that is stepped down once symptoms settle. Trouble swallowing, weight loss, bleeding or no response needs an endoscopy.",
    "state": "approved",
    "bodies": {
        "professional": """## Start from the clinical picture

Heartburn and regurgitation are the typical symptoms of gastro-oesophageal reflux disease (GERD). For patients with typical symptoms and no alarm features, an 8-week empirical trial of a once-daily proton pump inhibitor (PPI), taken 30-60 minutes before a meal, is appropriate [@katz2022]. Alarm features call for early endoscopy instead: dysphagia, odynophagia, weight loss, gastrointestinal bleeding or iron-deficiency anaemia, and persistent vomiting [@katz2022; @nice2014-gerd].

## Lifestyle measures

- Weight loss in people with overweight or obesity is the best-supported single measure [@nessjensen2016].
- For night-time symptoms, raise the head of the bed and avoid meals in the 2-3 hours before lying down [@katz2022; @kaltenbach2006].
- Stop smoking and moderate alcohol.
- Advise avoiding individual foods only when they clearly provoke symptoms; blanket dietary restriction is not evidence-based [@kaltenbach2006].

## Stepwise drug therapy

| Situation | Options | Comment |
| --- | --- | --- |
| Mild or infrequent symptoms | Antacid, alginate or H2-receptor antagonist on demand | Quick but short-lived relief |
| Frequent or troublesome symptoms | Standard-dose PPI once daily for 8 weeks | Take before breakfast |
| Partial response | Check adherence and timing; then twice-daily or an alternative PPI | Reconsider the diagnosis if no response |
| Erosive oesophagitis | PPI or potassium-competitive acid blocker (vonoprazan) | See below |

Vonoprazan was non-inferior to lansoprazole for healing erosive oesophagitis, with higher healing rates in Los Angeles (LA) grade C/D disease and better maintenance of healing [@laine2023].

Once symptoms are controlled, step down to the lowest effective dose, on-demand PPI or an H2-receptor antagonist in patients without erosive disease [@katz2022; @targownik2022]. Patients with LA grade C or D oesophagitis, Barrett's oesophagus or a peptic stricture need long-term maintenance therapy [@katz2022].

## When the PPI trial fails

If symptoms persist despite optimised therapy, or long-term PPI use is being planned without a proven diagnosis, seek objective evidence. Perform endoscopy after 2-4 weeks off PPI; if it is not conclusive, proceed to prolonged wireless pH monitoring off therapy [@katz2022; @yadlapati2022]. Lyon Consensus 2.0 regards LA grade B or worse oesophagitis, biopsy-proven Barrett's oesophagus, a peptic stricture, or an acid exposure time above 6% as conclusive for GERD; an acid exposure time below 4% argues against it [@gyawali2024]. Consider functional heartburn, reflux hypersensitivity, eosinophilic oesophagitis, achalasia and other motility disorders, and cardiac pain.

## PPI safety and deprescribing

Observational studies associate long-term PPI use with many harms, but much of this probably reflects confounding. In the COMPASS trial, over 17,000 participants were randomised to pantoprazole or placebo for about 3 years, and the only excess harm was a possible rise in enteric infections [@moayyedi2019]. Even so, review the indication for every long-term PPI. Offer deprescribing when there is no ongoing indication, and taper to limit rebound acid hypersecretion [@targownik2022].

## Surgical and endoscopic options

Laparoscopic fundoplication or magnetic sphincter augmentation suits patients with proven GERD, particularly regurgitation-predominant disease, or those who prefer not to take long-term medication [@katz2022]. In the LOTUS trial, laparoscopic fundoplication and dose-adjusted esomeprazole both kept most patients in remission over 5 years [@galmiche2011]. In patients with obesity who want surgery, Roux-en-Y gastric bypass is preferred [@katz2022].

## Barrett's oesophagus screening

Consider a single screening endoscopy in people with chronic GERD symptoms and at least three further risk factors: male sex, age over 50, White race, tobacco smoking, obesity, or a first-degree relative with Barrett's oesophagus or oesophageal adenocarcinoma [@shaheen2022].
""",
        "patient": """## What is heartburn?

Heartburn is a burning feeling behind the breastbone. It often comes after meals or when you lie down. It happens when stomach acid flows back up into the food pipe. When this happens often, it is called reflux disease, or GERD [@katz2022].

## Things that help

- If you are overweight, losing weight is one of the most helpful steps [@nessjensen2016].
- Finish eating 2 to 3 hours before bed.
- If heartburn wakes you at night, raise the head of your bed with blocks or use a wedge pillow [@kaltenbach2006].
- Stop smoking and cut down on alcohol.
- Notice which foods or drinks set off your heartburn and cut those back. You don't need to give up everything.

## Medicines

- **Antacids and alginates** (liquids or chewable tablets) work fast for heartburn now and then.
- **H2 blockers**, such as famotidine, lower acid for several hours.
- **Proton pump inhibitors (PPIs)**, such as omeprazole, are the strongest. Take them 30 to 60 minutes before breakfast. A course usually lasts 8 weeks [@katz2022].

When your symptoms are under control, ask your doctor about a lower dose or taking it only when needed. After long use, heartburn can briefly flare when you stop, so it is best to cut down slowly. PPIs are safe for most people, but the lowest dose that works is best [@targownik2022; @moayyedi2019].

## See a doctor soon if

- Food gets stuck or it hurts to swallow
- You lose weight without trying
- You keep vomiting
- You still have heartburn most days despite treatment
- You have needed medicine for heartburn for many weeks

## Call emergency services if

- You vomit blood or something that looks like coffee grounds
- Your poo is black and sticky, like tar
- You have chest pain with sweating, breathlessness, or pain spreading to your arm or jaw. Heart pain can feel like heartburn.
""",
    },
    "references": [
        "katz2022",
        "gyawali2024",
        "yadlapati2022",
        "targownik2022",
        "nice2014-gerd",
        "moayyedi2019",
        "laine2023",
        "nessjensen2016",
        "kaltenbach2006",
        "galmiche2011",
        "shaheen2022",
    ],
    "related": ["upper-abdominal-pain-after-eating", "chest-pain-emergency", "chronic-cough-adults"],
    "review_comment": "Consistent with the 2022 ACG GERD guideline and the Lyon 2.0 criteria. The deprescribing advice reflects the 2022 AGA practice update.",
}
