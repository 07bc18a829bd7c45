"""Writes that touch several article rows: publishing snapshots, retiring, re-review flags."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from html import unescape

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from reversion.models import Revision

from personalization.models import Audience
from references.formatting import format_reference
from references.models import Reference

from .models import Article, ArticleControl, Publication, PublishedBody
from .rendering import build_resolver, render_markdown
from .versioning import ArticleContent


@dataclass(frozen=True)
class ReviewFacts:
    """What the workflow knows about the revision being published; never typed by hand."""

    review_state: str
    submitted_at: datetime | None = None
    last_reviewed: date | None = None
    next_review_due: date | None = None
    reviewers: list[dict] = field(default_factory=list)  # {"name", "credentials", "specialty"}


def reference_entry(reference: Reference, *, number: int, backlink: str) -> dict:
    """The frozen form of one reference in a published reference list."""
    return {
        "number": number,
        "backlink": backlink,
        "key": reference.citation_key,
        "type": reference.type,
        "type_label": str(reference.get_type_display()),
        "html": format_reference(reference),
        "title": reference.title,
        "source": reference.source,
        "year": reference.year,
        "authors": reference.author_list,
        "doi": reference.doi,
        "pmid": reference.pmid,
        "url": reference.url,
    }


def article_publish(*, article: Article, revision: Revision, status: str, facts: ReviewFacts) -> Publication:
    """Replace the article's public snapshot with ``revision``, rendered for every audience.

    Called by the review services only (approval, or a pending submission). Locks nothing
    itself: the caller holds the article's row lock inside its transaction.
    """
    content = ArticleContent.from_revision(revision, article.pk)
    references = list(Reference.objects.filter(pk__in=content.reference_ids))
    audiences = Audience.objects.in_bulk(list(content.bodies))
    resolve = build_resolver(references)
    now = timezone.now()
    with transaction.atomic():
        existing = Publication.objects.filter(article=article).first()
        first_approved_at = existing.first_approved_at if existing else None
        if status == Publication.Status.APPROVED and first_approved_at is None:
            first_approved_at = now
        publication, _created = Publication.objects.update_or_create(
            article=article,
            defaults={
                "status": status,
                "slug": content.slug,
                "question": content.question,
                "summary": content.summary,
                "topic_id": content.topic_id,
                "revision_id": revision.pk,
                "content_hash": content.fingerprint(),
                "review_state": facts.review_state,
                "submitted_at": facts.submitted_at,
                "last_reviewed": facts.last_reviewed,
                "next_review_due": facts.next_review_due,
                "reviewers": facts.reviewers,
                "related_article_ids": list(content.related_ids),
                "published_at": now,
                "first_approved_at": first_approved_at,
            },
        )
        publication.bodies.all().delete()
        texts = [content.question, content.summary]
        bodies = []
        for audience_id, text in content.bodies.items():
            rendered = render_markdown(text, resolve)
            entries = [
                reference_entry(c.reference, number=c.number, backlink=c.first_anchor) for c in rendered.references
            ]
            plain = unescape(strip_tags(rendered.html))
            texts.append(plain)
            bodies.append(
                PublishedBody(
                    publication=publication,
                    audience=audiences[audience_id],
                    html=rendered.html,
                    references=entries,
                    word_count=len(plain.split()),
                )
            )
        PublishedBody.objects.bulk_create(bodies)
        publication.search_document = re.sub(r"\s+", " ", " ".join(texts))
        publication.save(update_fields=["search_document"])
        if connection.vendor == "postgresql":
            Publication.objects.filter(pk=publication.pk).update(
                search_vector=SearchVector("question", weight="A", config="english")
                + SearchVector("summary", weight="B", config="english")
                + SearchVector("search_document", weight="C", config="english")
            )
    return publication


def publication_set_review_state(*, article: Article, review_state: str) -> None:
    """Move a pending snapshot's status tracker (submitted -> under review); approved ones keep theirs."""
    Publication.objects.filter(article=article, status=Publication.Status.PENDING).update(review_state=review_state)


def publication_withdraw_pending(*, article: Article) -> None:
    """Take a never-approved article off the site (its request was withdrawn or sent back)."""
    Publication.objects.filter(article=article, status=Publication.Status.PENDING).delete()


def article_set_review_lock(*, article: Article, locked: bool) -> None:
    """Make the article's content read-only (request submitted or under review) or editable again."""
    ArticleControl.objects.filter(article=article).update(review_locked=locked)
