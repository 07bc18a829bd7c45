REFERENCES = [
    {
        "key": "chou2011",
        "type": "Practice Guideline",
        "title": "Diagnostic imaging for low back pain: advice for high-value health care from the American College of Physicians",
        "authors": ["Chou, Roger", "Qaseem, Amir", "Owens, Douglas K", "Shekelle, Paul"],
        "source": "Ann Intern Med",
        "year": 2011,
        "volume": "154",
        "issue": "3",
        "pages": "181-189",
        "doi": "10.7326/0003-4819-154-3-201102010-00008",
        "pmid": "",
        "url": "",
    },
    {
        "key": "hutchins2021",
        "type": "Guideline",
        "title": "ACR Appropriateness Criteria Low Back Pain: 2021 Update",
        "authors": ["Expert Panel on Neurological Imaging", "Hutchins, Troy A", "Peckham, Miriam", "Shah, Lubdha M"],
        "source": "J Am Coll Radiol",
        "year": 2021,
        "volume": "18",
        "issue": "11S",
        "pages": "S361-S379",
        "doi": "10.1016/j.jacr.2021.08.002",
        "pmid": "",
        "url": "",
    },
    {
        "key": "chou2009",
        "type": "Meta-Analysis",
        "title": "Imaging strategies for low-back pain: systematic review and meta-analysis",
        "authors": ["Chou, Roger", "Fu, Rongwei", "Carrino, John A", "Deyo, Richard A"],
        "source": "Lancet",
        "year": 2009,
        "volume": "373",
        "issue": "9662",
        "pages": "463-472",
        "doi": "10.1016/S0140-6736(09)60172-0",
        "pmid": "",
        "url": "",
    },
    {
        "key": "jarvik2003",
        "type": "Randomized Controlled Trial",
        "title": "Rapid magnetic resonance imaging vs radiographs for patients with low back pain: a randomized controlled trial",
        "authors": [
            "Jarvik, Jeffrey G",
            "Hollingworth, William",
            "Martin, Brook",
            "Emerson, Scott S",
            "Gray, Darryl T",
            "Overman, Scott",
        ],
        "source": "JAMA",
        "year": 2003,
        "volume": "289",
        "issue": "21",
        "pages": "2810-2818",
        "doi": "10.1001/jama.289.21.2810",
        "pmid": "",
        "url": "",
    },
    {
        "key": "jarvik2015",
        "type": "Observational Study",
        "title": "Association of early imaging for back pain with clinical outcomes in older adults",
        "authors": [
            "Jarvik, Jeffrey G",
            "Gold, Laura S",
            "Comstock, Bryan A",
            "Heagerty, Patrick J",
            "Rundell, Sean D",
            "Turner, Judith A",
        ],
        "source": "JAMA",
        "year": 2015,
        "volume": "313",
        "issue": "11",
        "pages": "1143-1153",
        "doi": "10.1001/jama.2015.1871",
        "pmid": "",
        "url": "",
    },
    {
        "key": "brinjikji2015",
        "type": "Systematic Review",
        "title": "Systematic literature review of imaging features of spinal degeneration in asymptomatic populations",
        "authors": [
            "Brinjikji, Waleed",
            "Luetmer, Patrick H",
            "Comstock, Bryan",
            "Bresnahan, Brian W",
            "Chen, Leslie E",
            "Deyo, Richard A",
        ],
        "source": "AJNR Am J Neuroradiol",
        "year": 2015,
        "volume": "36",
        "issue": "4",
        "pages": "811-816",
        "doi": "10.3174/ajnr.A4173",
        "pmid": "",
        "url": "",
    },
    {
        "key": "downie2013",
        "type": "Systematic Review",
        "title": "Red flags to screen for malignancy and fracture in patients with low back pain: systematic review",
        "authors": [
            "Downie, Aron",
            "Williams, Christopher M",
            "Henschke, Nicholas",
            "Hancock, Mark J",
            "Ostelo, Raymond W J G",
            "de Vet, Henrica C W",
        ],
        "source": "BMJ",
        "year": 2013,
        "volume": "347",
        "issue": "",
        "pages": "f7095",
        "doi": "10.1136/bmj.f7095",
        "pmid": "",
        "url": "",
    },
    {
        "key": "maher2017",
        "type": "Review",
        "title": "Non-specific low back pain",
        "authors": ["Maher, Chris", "Underwood, Martin", "Buchbinder, Rachelle"],
        "source": "Lancet",
        "year": 2017,
        "volume": "389",
        "issue": "10070",
        "pages": "736-747",
        "doi": "10.1016/S0140-6736(16)30970-9",
        "pmid": "",
        "url": "",
    },
]

ARTICLE = {
    "slug": "low-back-pain-imaging",
    "question": "When does low back pain need a scan?",
    "topic": "back-and-neck-pain",
    "summary": "Most low back pain needs no X-ray or MRI: scans rarely change treatment and often show harmless age-related changes. Imaging is for red flags such as suspected cauda equina syndrome, infection, cancer or fracture, or before surgery or injections.",
    "state": "approved",
    "bodies": {
        "professional": """## Bottom line

For acute or subacute low back pain, with or without sciatica, and no red flags, no imaging is recommended: radiography, CT and MRI are all rated usually not appropriate as initial tests [@hutchins2021; @chou2011]. NICE advises against routine imaging in non-specialist settings and limits it to cases where the result is likely to change management [@nice2016-lbp].

## Why routine imaging does not help

- In a meta-analysis of randomised trials, immediate lumbar imaging did not improve pain or function compared with usual care without imaging [@chou2009].
- Replacing radiographs with rapid MRI in primary care gave similar disability outcomes at 12 months; patients and clinicians preferred MRI, but it added little benefit and was accompanied by a non-significant rise in spinal operations [@jarvik2003].
- In adults aged 65 or older, early imaging within six weeks was not associated with better pain or function at one year [@jarvik2015].
- Degenerative findings are common without symptoms: disc degeneration is reported in about a third of asymptomatic 20-year-olds and in most asymptomatic people over 60, and bulges and protrusions are also frequent [@brinjikji2015]. Such findings can label patients, increase anxiety and trigger further tests, injections or surgery [@maher2017].

## When to image

| Clinical scenario | Preferred study | Timing |
| --- | --- | --- |
| Suspected cauda equina syndrome (saddle anaesthesia, new urinary retention or incontinence, bilateral sciatica) | MRI lumbar spine | Emergency, same day |
| Severe or rapidly progressive motor deficit | MRI | Urgent |
| Suspected infection (fever, injecting drug use, immunosuppression, recent spinal procedure) | MRI without and with contrast, plus CRP, ESR and blood cultures | Urgent |
| History of cancer with new back pain, or strong suspicion of malignancy | MRI (with contrast if needed) | Urgent |
| Suspected osteoporotic fracture (older age, prolonged steroids, osteoporosis, minor trauma) | Radiographs first; MRI or CT if unclear or neurological signs | Soon |
| Major trauma | CT, following trauma imaging pathways | Immediate |
| Radiculopathy or stenosis persisting after about 6 weeks in a candidate for surgery or epidural injection | MRI without contrast | Elective |

Apart from major trauma, which has its own pathways, these categories follow the ACR variants and ACP advice [@hutchins2021; @chou2011]. ACP suggests that patients with a single weaker risk factor for cancer, such as age over 50 or unexplained weight loss, can start with radiographs and ESR, reserving MRI for a history of cancer or several risk factors [@chou2011].

## Red flags: useful but imperfect

Most red flags taken alone have high false-positive rates and poor diagnostic accuracy. In a systematic review, a history of cancer was the most informative single feature for spinal malignancy, while older age, prolonged corticosteroid use, significant trauma and a contusion or abrasion raised the probability of fracture; combining features performed better than single items [@downie2013]. The IFOMPT framework recommends weighing red flags together with risk factors and clinical reasoning rather than treating each as an automatic trigger for imaging [@finucane2020].

## Talking to patients

Patients often ask for a scan to find the cause. Useful points:

- Serious causes are found in only a small minority of people seeing a primary care clinician with back pain [@maher2017].
- Most episodes improve substantially within six weeks with activity and simple treatments [@qaseem2017].
- Scans commonly show age-related changes that do not explain the pain [@brinjikji2015].
- Agree clear triggers for reassessment: new neurological symptoms, bladder or bowel change, fever, weight loss, or lack of improvement after four to six weeks.

## Chronic pain without red flags

For persistent axial pain, imaging is generally appropriate only when the patient is being considered for an intervention or a specific diagnosis is suspected [@hutchins2021]. Management should focus on exercise, psychological approaches and multidisciplinary rehabilitation rather than on structural findings [@qaseem2017; @nice2016-lbp].
""",
        "patient": """## Most back pain does not need a scan

Low back pain is very common. In most people it comes from muscles, joints and discs that are strained or irritated, not from serious damage. It usually gets much better within a few weeks [@qaseem2017].

An X-ray or MRI scan rarely helps in the first weeks. Studies show that people who get early scans do not recover faster than people who do not [@chou2009]. Scans also often show "wear and tear", such as bulging discs. These changes are very common in people with no pain at all, so they may not explain your pain [@brinjikji2015]. Finding them can cause worry and lead to treatments you do not need.

## When a scan is needed

Your doctor will ask questions and examine you to look for warning signs. A scan makes sense if you have:

- Signs of pressure on the nerves at the bottom of the spine, such as numbness around the bottom or genitals or bladder problems.
- Weakness in a leg that is getting worse.
- A fever, or a weak immune system, with back pain.
- Cancer now or in the past.
- A possible broken bone, for example after a fall, or if you have thin bones or take steroid tablets.
- Leg pain that has not improved after about six weeks, if you are thinking about surgery or an injection [@chou2011].

## What helps while you wait

- Stay as active as you can. Walk a little every day.
- Use heat to ease pain and stiffness.
- Ask your pharmacist about a short course of an anti-inflammatory painkiller.
- Exercise, physiotherapy and, for some people, massage or spinal manipulation can help [@qaseem2017].

## When to get help

**Call emergency services or go to the emergency department now if:**

- You have numbness between your legs or around your bottom.
- You cannot pass urine, or you leak urine or stool without meaning to.
- Both legs feel weak or numb, or one leg is getting weaker fast.

**See a doctor within a day or two if:**

- You have a fever or feel unwell with your back pain.
- You have had cancer, or are losing weight without trying.
- The pain follows a fall or injury.
- The pain is not getting better after four to six weeks.
""",
    },
    "references": [
        "chou2011",
        "hutchins2021",
        "nice2016-lbp",
        "qaseem2017",
        "chou2009",
        "jarvik2003",
        "jarvik2015",
        "brinjikji2015",
        "downie2013",
        "finucane2020",
        "maher2017",
    ],
    "related": ["left-upper-back-pain", "nsaids-back-pain-safety", "neck-pain-arm-tingling"],
    "review_comment": "Imaging indications match the ACR 2021 low back pain variants and the ACP high-value care advice; the Downie review caveats on single red flags are a useful addition.",
}
