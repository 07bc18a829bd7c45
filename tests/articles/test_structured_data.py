"""schema.org MedicalWebPage JSON-LD on every article, parsed from the rendered page."""

import json
import re
from datetime import date, datetime

import pytest

from articles.models import Publication
from tests import factories

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def jsonld(client, url: str, **params) -> dict:
    html = client.get(url, params).content.decode()
    scripts = SCRIPT.findall(html)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def is_iso_date(value: str) -> bool:
    return isinstance(value, str) and bool(date.fromisoformat(value[:10]))


@pytest.fixture
def cited(professional, patient):
    reference = factories.make_reference(key="okafor2021", doi="10.1000/back.2021.7", pmid="31234567")
    guideline = factories.make_reference(key="nice2020", title="Low back pain guideline")
    article = factories.make_article(
        question="When does back pain need a scan?",
        bodies={
            "professional": "Imaging rarely helps [@okafor2021]. Follow guidance [@nice2020].",
            "patient": "Most back pain needs no scan [@okafor2021].",
        },
        references=[reference, guideline],
    )
    return factories.make_publication(article)


def test_article_carries_a_medical_web_page(client, cited):
    """The JSON-LD parses and has the MedicalWebPage properties with the right value types."""
    data = jsonld(client, cited.get_absolute_url())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["url"] == f"http://testserver{cited.get_absolute_url()}"
    assert data["name"] == data["headline"] == "When does back pain need a scan?"
    assert isinstance(data["description"], str)
    assert is_iso_date(data["lastReviewed"])
    assert data["lastReviewed"] == cited.last_reviewed.isoformat()
    assert datetime.fromisoformat(data["dateModified"])
    assert datetime.fromisoformat(data["datePublished"])
    assert data["creativeWorkStatus"] == "Published"
    assert data["publishingPrinciples"] == "http://testserver/editorial-policy/"


def test_reviewed_by_names_the_physicians_with_credentials(client, cited):
    """reviewedBy is a list of Person with name, credentials (honorificSuffix) and specialty."""
    data = jsonld(client, cited.get_absolute_url())
    assert data["reviewedBy"] == [
        {"@type": "Person", "name": "Dr Amara Okafor", "honorificSuffix": "MD, FACP", "jobTitle": "Internal medicine"}
    ]


def test_main_entity_is_the_question_with_its_answer(client, cited):
    """mainEntity is a Question whose acceptedAnswer is an Answer with text."""
    entity = jsonld(client, cited.get_absolute_url())["mainEntity"]
    assert entity["@type"] == "Question"
    assert entity["name"] == cited.question
    assert entity["acceptedAnswer"]["@type"] == "Answer"
    assert isinstance(entity["acceptedAnswer"]["text"], str)
    assert entity["acceptedAnswer"]["text"]


def test_citations_are_scholarly_articles_with_identifiers(client, cited):
    """Each cited reference is a MedicalScholarlyArticle, in reference-list order, with DOI and PMID identifiers."""
    citations = jsonld(client, cited.get_absolute_url())["citation"]
    assert [c["@type"] for c in citations] == ["MedicalScholarlyArticle"] * 2
    first = citations[0]
    assert isinstance(first["name"], str)
    assert first["identifier"] == [
        {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1000/back.2021.7"},
        {"@type": "PropertyValue", "propertyID": "PMID", "value": "31234567"},
    ]
    assert first["sameAs"] == "https://doi.org/10.1000/back.2021.7"
    assert first["datePublished"] == "2020"
    assert all(author["@type"] == "Person" for author in first["author"])
    assert "identifier" not in citations[1]


def test_medical_audience_is_the_shown_version(client, cited):
    """medicalAudience names the audience whose body is on the page, with only that body's citations."""
    patient = jsonld(client, cited.get_absolute_url(), audience="patient")
    assert patient["medicalAudience"] == {
        "@type": "MedicalAudience",
        "name": "Patient or caregiver",
        "audienceType": "Patient or caregiver",
    }
    assert len(patient["citation"]) == 1
    assert patient["url"].endswith("?audience=patient")


def test_medical_audience_follows_the_fallback(client, professional, patient):
    """When the reader's version is missing, the default body is shown and described as such."""
    publication = factories.make_publication(factories.make_article(bodies={"professional": "Only this."}))
    data = jsonld(client, publication.get_absolute_url(), audience="patient")
    assert data["medicalAudience"]["name"] == "Healthcare professional"


def test_pending_article_is_a_draft_without_review_facts(client, professional):
    """A pending article says creativeWorkStatus Draft and claims no review it has not had."""
    pending = factories.make_publication(factories.make_article(), status=Publication.Status.PENDING)
    data = jsonld(client, pending.get_absolute_url())
    assert data["creativeWorkStatus"] == "Draft"
    assert "lastReviewed" not in data
    assert "reviewedBy" not in data
    assert "datePublished" not in data


@pytest.mark.parametrize(
    "question",
    [
        "Is </script><script>alert(1)</script> safe?",
        "What about </SCRIPT > and <!-- comments?",
        "Ampersands & <b>tags</b> and \u2028 separators?",
    ],
)
def test_hostile_text_cannot_break_out_of_the_script(client, professional, question):
    """A question containing ``</script>`` stays inside the JSON-LD: one script, the text intact after parsing."""
    publication = factories.make_publication(factories.make_article(question=question))
    html = client.get(publication.get_absolute_url()).content.decode()
    head = html[: html.index("</head>")]
    assert "<script>alert(1)</script>" not in html
    assert head.lower().count("</script") == 1
    data = json.loads(SCRIPT.search(html).group(1))
    assert data["name"] == question
    assert data["mainEntity"]["name"] == question
