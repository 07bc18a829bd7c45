"""Demo audiences, topics, board members and editorial policy (original text)."""

AUDIENCES = [
    {
        "slug": "professional",
        "label": "Healthcare professional",
        "description": "Doctors, nurses, pharmacists and allied health professionals.",
        "disclaimer_title": "For healthcare professionals",
        "disclaimer_text": (
            "This summary supports, and does not replace, clinical judgement. It reflects the sources cited at the "
            "date of its last medical review; check current local guidelines and product information before "
            "applying it to an individual patient."
        ),
        "target_grade": None,
        "is_default": True,
        "order": 0,
    },
    {
        "slug": "patient",
        "label": "Patient or caregiver",
        "description": "You want to understand a symptom or condition for yourself or someone you look after.",
        "disclaimer_title": "This is general information, not a diagnosis",
        "disclaimer_text": (
            "This page explains common causes and treatments in general terms. It cannot tell you what is causing "
            "your symptoms. Talk to a doctor, nurse or pharmacist about your own situation.\n\n"
            "If you have chest pain, trouble breathing, sudden weakness, or feel very unwell, call your local "
            "emergency number now."
        ),
        "target_grade": "8.0",
        "is_default": False,
        "order": 1,
    },
    {
        "slug": "student",
        "label": "Medical student",
        "description": "You are learning clinical reasoning and want the why behind the answer.",
        "disclaimer_title": "For learning, not for patient care",
        "disclaimer_text": (
            "This material is written for teaching. It simplifies on purpose and is not a substitute for your "
            "curriculum, your supervisors or current clinical guidelines."
        ),
        "target_grade": None,
        "is_default": False,
        "order": 2,
    },
]

TOPICS = [
    {"slug": "back-and-neck-pain", "name": "Back and neck pain", "description": "Pain in the spine, shoulder blades and neck: causes, warning signs, tests and treatment."},
    {"slug": "heart-and-circulation", "name": "Heart and circulation", "description": "Chest pain, blood pressure and the heart."},
    {"slug": "lungs-and-breathing", "name": "Lungs and breathing", "description": "Cough, breathlessness and lung conditions."},
    {"slug": "digestive-health", "name": "Digestive health", "description": "Heartburn, indigestion and abdominal pain."},
    {"slug": "headache-and-nerves", "name": "Headache and nerves", "description": "Headache, nerve pain and shingles."},
    {"slug": "medicines-and-pain-relief", "name": "Medicines and pain relief", "description": "Using pain medicines safely."},
]  # fmt: skip

# The first two are linked to the demo logins reviewer1 and reviewer2 when DEBUG is on.
BOARD = [
    {
        "username": "reviewer1",
        "display_name": "Dr Amara Okafor",
        "credentials": "MD, FACP",
        "specialty": "Internal medicine",
        "bio": "General internist with twenty years of outpatient and hospital practice; leads her clinic's back-pain pathway.",
    },
    {
        "username": "reviewer2",
        "display_name": "Dr Henrik Lindqvist",
        "credentials": "MD, PhD",
        "specialty": "Cardiology",
        "bio": "Cardiologist and clinical researcher in chest pain assessment and acute coronary syndromes.",
    },
    {
        "username": "reviewer3",
        "display_name": "Dr Priya Raman",
        "credentials": "MBBS, MRCGP",
        "specialty": "Family medicine",
        "bio": "Family physician and medical educator with an interest in musculoskeletal care and safe prescribing.",
    },
]

EDITORIAL_POLICY = """\
## Who writes our answers

Each answer is drafted by a medical editor from current clinical guidelines and peer-reviewed research.
Every factual claim that a reader might act on carries a numbered citation to its source.

## How answers are reviewed

Before an answer is marked **Approved**, a physician on our [Medical Advisory Board](/advisory-board/)
reads exactly the version that will be published, with every change since the last approved version
highlighted. Reviewers never approve an answer they wrote or edited themselves. Until approval, a
submitted answer may be shown with a clear "pending review" banner and is hidden from search engines.

## Keeping answers current

Every approved answer shows when it was last reviewed and when its next review is due (at most one year
later). If a cited source changes, or the review date passes, the answer goes back to the board, and
the page says so honestly until it has been reviewed again.

## Versions for different readers

The same question is answered separately for healthcare professionals, for patients and caregivers,
and for medical students. Each version is reviewed, and each ends with a disclaimer written for its readers.

## Corrections and independence

We correct errors promptly and record every change. We accept no advertising or sponsorship that could
influence what we publish. Readers can send questions and corrections through the form at the foot of each answer.
"""
