"""Rows to the dicts the serializers describe. Every URL is absolute: partners use them off-site."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from articles.models import Publication, PublishedVersion, Topic
from articles.search import snippet_for
from articles.selectors import ArticlePage
from personalization.models import Audience
from references.identifiers import doi_url, pubmed_url

from . import content


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def api_article_url(
    request, publication: Publication, audience: Audience | None = None, *, language: str = settings.LANGUAGE_CODE
) -> str:
    path = reverse("api:article_detail", kwargs={"slug": publication.slug})
    query = {"audience": audience.slug} if audience is not None else {}
    if language != settings.LANGUAGE_CODE:
        query["language"] = language
    if query:
        path += "?" + urlencode(query)
    return absolute(request, path)


def topic_ref(topic: Topic) -> dict:
    return {"slug": topic.slug, "name": topic.name}


def topic(request, topic: Topic) -> dict:
    articles = reverse("api:article_list") + "?" + urlencode({"topic": topic.slug})
    return {
        **topic_ref(topic),
        "description": topic.description,
        "article_count": topic.article_count,
        "articles_url": absolute(request, articles),
    }


def article_summary(
    request, publication: Publication, audiences_by_id: dict[int, Audience], *, language: str = settings.LANGUAGE_CODE
) -> dict:
    written_for = {b.audience_id for b in publication.body_rows}
    text = publication
    if language != settings.LANGUAGE_CODE:
        text = publication.translation_rows[0]
        written_for &= {int(k) for k in text.bodies}
    slugs = [a.slug for a in audiences_by_id.values() if a.pk in written_for]  # in the chooser's order
    return {
        "id": publication.article_id,
        "slug": publication.slug,
        "question": text.question,
        "summary": text.summary,
        "topic": topic_ref(publication.topic),
        "language": language,
        "audiences": slugs,
        "last_reviewed": publication.last_reviewed,
        "next_review_due": publication.next_review_due,
        "first_published_at": publication.first_approved_at,
        "modified_at": publication.published_at,
        "url": absolute(request, publication.get_absolute_url(language=language)),
        "api_url": api_article_url(request, publication, language=language),
    }


def reference(entry: dict, base: str) -> dict:
    html = content.absolute_urls(entry.get("html", ""), base)
    return {
        "number": entry["number"],
        "type": entry.get("type", ""),
        "type_label": entry.get("type_label", ""),
        "text": content.reference_text(html),
        "html": html,
        "title": entry.get("title", ""),
        "source": entry.get("source", ""),
        "year": entry.get("year"),
        "authors": entry.get("authors", []),
        "doi": entry.get("doi", ""),
        "pmid": entry.get("pmid", ""),
        "url": entry.get("url", ""),
        "doi_url": doi_url(entry.get("doi", "")) or None,
        "pubmed_url": pubmed_url(entry.get("pmid", "")) or None,
    }


def article_detail(request, page: ArticlePage, *, requested: Audience, language: str = settings.LANGUAGE_CODE) -> dict:
    """What the public page shows for ``requested``: the same body (or the default audience's, with
    ``showing_fallback``), references, related questions, review facts and disclaimer."""
    publication, body = page.publication, page.body
    base = absolute(request, "/")
    html = content.absolute_urls(body.html, base) if body else ""
    shown = body.audience if body else requested
    return {
        "id": publication.article_id,
        "slug": publication.slug,
        "question": publication.question,
        "summary": publication.summary,
        "topic": topic_ref(publication.topic),
        "language": language,
        "translation_outdated": bool(getattr(getattr(page, "translation", None), "outdated", False)),
        "audience": {"slug": shown.slug, "label": shown.label},
        "requested_audience": requested.slug,
        "showing_fallback": page.showing_fallback,
        "versions": [
            {
                "slug": a.slug,
                "label": a.label,
                "url": absolute(request, publication.get_absolute_url(a, language=language)),
                "api_url": api_article_url(request, publication, a, language=language),
            }
            for a in page.available_audiences
        ],
        "url": absolute(request, publication.get_absolute_url(shown, language=language)),
        "html": html,
        "text": content.plain_text(html),
        "word_count": body.word_count if body else 0,
        "sections": content.sections(html),
        "references": [reference(entry, base) for entry in (body.references if body else [])],
        "related_questions": [
            {
                "slug": p.slug,
                "question": p.question,
                "url": absolute(request, p.get_absolute_url()),
                "api_url": api_article_url(request, p),
            }
            for p in page.related
        ],
        "review": {
            **history(request, publication),
            "status": publication.status,
            "last_reviewed": publication.last_reviewed,
            "next_review_due": publication.next_review_due,
            "overdue": publication.is_overdue,
            "reviewers": reviewers(publication.reviewers),
        },
        # The page shows the disclaimer of the reader's audience (the one asked for).
        "disclaimer": {"title": requested.disclaimer_title, "text": requested.disclaimer_text},
        "first_published_at": publication.first_approved_at,
        "modified_at": publication.published_at,
    }


def reviewers(recorded: list[dict]) -> list[dict]:
    """The reviewers a snapshot or history row recorded, without their page links and disclosures."""
    return [
        {"name": r.get("name", ""), "credentials": r.get("credentials", ""), "specialty": r.get("specialty", "")}
        for r in recorded
    ]


def history(request, publication: Publication) -> dict:
    """The public version history of an approved article (``articles.PublishedVersion``), newest first."""
    versions = PublishedVersion.objects.filter(article_id=publication.article_id).newest_first().defer("outline")
    return {
        "history_url": absolute(request, reverse("articles:article_history", kwargs={"slug": publication.slug})),
        "history": [
            {
                "last_reviewed": v.last_reviewed,
                "published_at": v.published_at,
                "change_summary": v.change_summary,
                "substantive": v.substantive,
                "first": v.is_first,
                "unchanged": bool(v.changes.get("unchanged")),
                "reviewers": reviewers(v.reviewers),
            }
            for v in versions
        ],
    }


def search_hit(request, publication: Publication, query: str) -> dict:
    return {
        "slug": publication.slug,
        "question": publication.question,
        "summary": publication.summary,
        "topic": topic_ref(publication.topic),
        "snippet_html": str(snippet_for(publication, query)),
        "url": absolute(request, publication.get_absolute_url()),
        "api_url": api_article_url(request, publication),
    }
