"""schema.org MedicalWebPage JSON-LD for an article page, built from the published snapshot.

The template tag ``jsonld_script`` serialises it with ``<``, ``>`` and ``&`` escaped, so no
text (a question containing ``</script>``) can end the script element.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from references.identifiers import doi_url

from .models import Publication
from .selectors import ArticlePage

STATUS = {Publication.Status.APPROVED: "Published", Publication.Status.PENDING: "Draft"}


def _citation(ref: dict) -> dict:
    item = {"@type": "MedicalScholarlyArticle", "name": ref["title"], "publicationType": ref["type_label"]}
    if ref.get("source"):
        item["isPartOf"] = {"@type": "Periodical", "name": ref["source"]}
    if ref.get("year"):
        item["datePublished"] = str(ref["year"])
    if ref.get("authors"):
        # The first authors identify the work (the visible list names them all): a lighter page.
        item["author"] = [{"@type": "Person", "name": name} for name in ref["authors"][:3]]
    identifiers = []
    if ref.get("doi"):
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": ref["doi"]})
        item["sameAs"] = doi_url(ref["doi"])
    if ref.get("pmid"):
        identifiers.append({"@type": "PropertyValue", "propertyID": "PMID", "value": ref["pmid"]})
    if identifiers:
        item["identifier"] = identifiers
    if ref.get("url"):
        item["url"] = ref["url"]
    return item


def medical_web_page(page: ArticlePage, *, canonical_url: str) -> dict:
    """The page as schema.org sees it; ``medicalAudience`` is the audience whose body is shown."""
    publication = page.publication
    shown = page.body.audience if page.body else page.audience
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": canonical_url,
        "url": canonical_url,
        "name": publication.question,
        "headline": publication.question,
        "description": publication.summary,
        "inLanguage": get_language() or settings.LANGUAGE_CODE,
        "dateModified": publication.published_at.isoformat(),
        "creativeWorkStatus": STATUS.get(publication.status, "Draft"),
        "publishingPrinciples": urljoin(canonical_url, reverse("articles:editorial_policy")),
        "medicalAudience": {"@type": "MedicalAudience", "name": shown.label, "audienceType": shown.label},
        "about": {"@type": "Thing", "name": publication.topic.name},
        "mainEntity": {
            "@type": "Question",
            "name": publication.question,
            "acceptedAnswer": {"@type": "Answer", "text": publication.summary},
        },
        "citation": [_citation(ref) for ref in (page.body.references if page.body else [])],
    }
    if publication.first_approved_at:
        data["datePublished"] = publication.first_approved_at.isoformat()
    if publication.last_reviewed:
        data["lastReviewed"] = publication.last_reviewed.isoformat()
    if publication.reviewers:
        data["reviewedBy"] = [
            {
                "@type": "Person",
                "name": r["name"],
                "honorificSuffix": r["credentials"],
                **({"jobTitle": r["specialty"]} if r.get("specialty") else {}),
            }
            for r in publication.reviewers
        ]
    return data
