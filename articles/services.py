"""Writes that touch several article rows: publishing snapshots, retiring, re-review flags."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from html import unescape

import reversion
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from reversion.models import Revision

from personalization.models import Audience
from references.formatting import format_reference
from references.models import Reference

from .models import Article, ArticleBody, ArticleControl, Publication, PublishedBody, ReaderQuestion, Topic
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


READER_QUESTION_SUMMARY = "Summary to be written: one or two plain sentences answering the question."


def _unique_slug(text: str) -> str:
    base = slugify(text)[:180].strip("-") or "reader-question"
    slug, n = base, 1
    while Article.objects.filter(slug=slug).exists() or Publication.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _title_from(question: str, limit: int = 300) -> str:
    if len(question) <= limit:
        return question
    return question[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def reader_question_convert(*, reader_question: ReaderQuestion, actor: AbstractBaseUser) -> Article:
    """An editor turns a reader's question into a draft article, in one click from the admin inbox.

    Needs ``articles.add_article``. Locks the question row, so two editors clicking at once
    make one draft; the second is told it is done. The draft takes the question as its title,
    a unique slug, the source article's topic (else the first topic), the editor as author, a
    placeholder summary and a stub body for the default audience, saved as a reversion revision.
    """
    if not actor.has_perm("articles.add_article"):
        raise PermissionDenied(_("Only editors who may add articles can turn questions into drafts."))
    with transaction.atomic():
        question = ReaderQuestion.objects.select_for_update().get(pk=reader_question.pk)
        if question.draft_id is not None:
            raise ValidationError(_("This question has already been turned into a draft."))
        source = Article.objects.select_related("topic").filter(pk=question.article_id).first()
        topic = source.topic if source else Topic.objects.first()
        default = Audience.objects.default()
        if topic is None or default is None:
            raise ValidationError(_("Create a topic and a default audience before turning questions into drafts."))
        title = _title_from(question.question)
        with reversion.create_revision():
            reversion.set_user(actor)
            reversion.set_comment(_("Draft created from a reader's question"))
            article = Article.objects.create(
                question=title, slug=_unique_slug(title), topic=topic, summary=READER_QUESTION_SUMMARY, author=actor
            )
            ArticleBody.objects.create(
                article=article,
                audience=default,
                body=_("A reader asked:\n\n> %(question)s\n\nWrite the answer for %(audience)s here.")
                % {"question": question.question, "audience": default.label},
            )
        question.status = ReaderQuestion.Status.CONVERTED
        question.draft = article
        question.save(update_fields=["status", "draft"])
    return article
