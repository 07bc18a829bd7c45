"""schema.org MedicalWebPage JSON-LD for an article page, built from the published snapshot."""

from django.conf import settings
from django.urls import reverse

from .models import Publication
from .selectors import ArticlePage

STATUS = {Publication.Status.APPROVED: "Published", Publication.Status.PENDING: "Draft"}


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _citation(ref: dict) -> dict:
    item = {"@type": "MedicalScholarlyArticle", "name": ref["title"], "publicationType": ref["type_label"]}
    if ref.get("source"):
        item["isPartOf"] = {"@type": "Periodical", "name": ref["source"]}
    if ref.get("year"):
        item["datePublished"] = str(ref["year"])
    if ref.get("authors"):
        item["author"] = [{"@type": "Person", "name": name} for name in ref["authors"][:10]]
    identifiers = []
    if ref.get("doi"):
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": ref["doi"]})
        item["sameAs"] = f"https://doi.org/{ref['doi']}"
    if ref.get("pmid"):
        identifiers.append({"@type": "PropertyValue", "propertyID": "PMID", "value": ref["pmid"]})
    if identifiers:
        item["identifier"] = identifiers
    if ref.get("url"):
        item["url"] = ref["url"]
    return item


def medical_web_page(page: ArticlePage, *, canonical_url: str) -> dict:
    publication = page.publication
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": canonical_url,
        "url": canonical_url,
        "name": publication.question,
        "headline": publication.question,
        "description": publication.summary,
        "inLanguage": settings.LANGUAGE_CODE,
        "dateModified": publication.published_at.isoformat(),
        "creativeWorkStatus": STATUS.get(publication.status, "Draft"),
        "publishingPrinciples": _absolute(reverse("articles:editorial_policy")),
        "medicalAudience": {
            "@type": "MedicalAudience",
            "name": page.audience.label,
            "audienceType": page.audience.label,
        },
        "about": {"@type": "Thing", "name": publication.topic.name},
        "mainEntity": {
            "@type": "Question",
            "name": publication.question,
            "acceptedAnswer": {"@type": "Answer", "text": publication.summary},
        },
        "citation": [_citation(ref) for ref in (page.body.references if page.body else [])],
    }
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
