"""What the review workflow does to an article, one service per workflow event.

The review app calls these and nothing else to change article rows. Each runs inside the
caller's transaction, after the caller took ``Article.objects.lock_for_workflow``; none
locks anything itself.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from html import unescape

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import TextField, Value
from django.utils import timezone, translation
from django.utils.html import strip_tags

from articles import cache as page_cache
from articles import events
from articles.models import Article, ArticleControl, Publication, PublishedBody, PublishedTranslation
from articles.reference_list import render_reference_list, retraction_flag, retraction_note
from articles.rendering import build_resolver, render_markdown
from articles.search import excerpt_of, vocabulary_record
from articles.selectors import figure_resolver_for
from articles.versioning import ArticleContent
from personalization.models import Language
from references.formatting import format_reference
from references.models import Reference

from .history import version_record

ReviewStep = Publication.ReviewStep


@dataclass(frozen=True)
class ReviewFacts:
    """What the workflow knows about the revision being published; only the change summary was typed."""

    review_step: ReviewStep
    submitted_at: datetime | None = None
    last_reviewed: date | None = None
    next_review_due: date | None = None
    reviewers: list[dict] = field(default_factory=list)  # {"name", "credentials", "specialty"}
    # The editor's schedule: not public before ``publish_at``, off the site from ``unpublish_at``.
    publish_at: datetime | None = None
    unpublish_at: datetime | None = None
    # What the editor told readers changed, approved by the board with the content (version history).
    change_summary: str = ""
    substantive: bool = False

    @property
    def embargoed(self) -> bool:
        """The revision must not be seen before a "publish at" time still to come."""
        return self.publish_at is not None and self.publish_at > timezone.now()


def _type_label(value: str) -> str:
    """``get_type_display()`` without its cost (it hashes every lazy label of the choices on each call)."""
    try:
        return str(Reference.Type(value).label)
    except ValueError:
        return value


def reference_entry(
    reference: Reference, *, number: int, backlink: str, backlinks: list[str] = (), cited_anyway: bool = False
) -> dict:
    """The frozen form of one reference in a published reference list. ``retraction`` is the site's
    note on the source's health at the time (``reference_list.retraction_note``), not editorial
    content: ``publication_notes`` refreshes it when the source's health changes."""
    return {
        "id": reference.pk,
        "number": number,
        "backlink": backlink,
        "backlinks": list(backlinks) or [backlink],
        "cited_anyway": cited_anyway,
        "retraction": retraction_note(reference),
        "key": reference.citation_key,
        "type": reference.type,
        "type_label": _type_label(reference.type),
        "html": format_reference(reference),
        "title": reference.title,
        "source": reference.source,
        "year": reference.year,
        "authors": reference.author_list,
        "doi": reference.doi,
        "pmid": reference.pmid,
        "url": reference.url,
    }


def _search_vectors(content: ArticleContent, document: str, excerpt: str) -> dict:
    """The weighted full-text vectors of a snapshot, PostgreSQL only: ``search_vector`` (question A,
    summary B, bodies C), the small ``search_head`` (question A, summary B, excerpt C) and the
    smallest, ``search_lead`` (question A, summary B)."""
    if connection.vendor != "postgresql":
        return {}

    def part(text: str, weight: str) -> SearchVector:
        return SearchVector(Value(text, output_field=TextField()), weight=weight, config="english")

    head = part(content.question, "A") + part(content.summary, "B")
    return {"search_vector": head + part(document, "C"), "search_head": head + part(excerpt, "C"), "search_lead": head}


@dataclass
class RenderedSnapshot:
    """A snapshot rendered but not stored: the Publication's fields and one unsaved body per audience.

    Publishing stores it; a preview shows it through the same template readers get.
    """

    fields: dict
    bodies: list[PublishedBody]
    document: str


def render_snapshot(content: ArticleContent, *, status: str, facts: ReviewFacts) -> RenderedSnapshot:
    """Render ``content`` for every audience, with its frozen reference lists and search text.

    The stored HTML holds interface words (the "References" heading, reference types, callout
    titles): they are rendered in the site's default language, whatever language the request that
    approved the revision was in; translations are rendered in their own (``_store_translations``)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _render_snapshot(content, status=status, facts=facts)


def _render_snapshot(content: ArticleContent, *, status: str, facts: ReviewFacts) -> RenderedSnapshot:
    resolve = build_resolver(
        Reference.objects.filter(pk__in=content.reference_ids).annotate(may_be_retracted=retraction_flag())
    )
    figures = figure_resolver_for(content.bodies.values())
    explained = {reference_id for reference_id, _reason in content.overrides}
    texts = [content.question, content.summary]
    bodies = []
    for audience_id, text in content.bodies.items():
        rendered = render_markdown(text, resolve, figures=figures)
        plain = unescape(strip_tags(rendered.html))
        texts.append(plain)
        entries = [
            reference_entry(
                c.reference,
                number=c.number,
                backlink=c.first_anchor,
                backlinks=c.anchors,
                cited_anyway=c.reference.pk in explained,
            )
            for c in rendered.references
        ]
        bodies.append(
            PublishedBody(
                audience_id=audience_id,
                html=rendered.html,
                references=entries,
                references_html=render_reference_list(entries),
                word_count=len(plain.split()),
            )
        )
    document = re.sub(r"\s+", " ", " ".join(texts))
    fields = {
        "status": status,
        "slug": content.slug,
        "question": content.question,
        "summary": content.summary,
        "topic_id": content.topic_id,
        "revision_id": content.revision_id or 0,
        "content_hash": content.fingerprint(),
        "review_step": facts.review_step,
        "submitted_at": facts.submitted_at,
        "last_reviewed": facts.last_reviewed,
        "next_review_due": facts.next_review_due,
        "reviewers": facts.reviewers,
        "related_article_ids": list(content.related_ids),
        "languages": _language_codes(content),
        "published_at": timezone.now(),
        "unpublish_at": facts.unpublish_at,
        "expired_at": None,
        "search_document": document,
        "search_excerpt": excerpt_of(content.summary, *texts[2:3]),
    }
    return RenderedSnapshot(fields=fields, bodies=bodies, document=document)


def publication_rows(
    *, article: Article, content: ArticleContent, status: str, facts: ReviewFacts
) -> tuple[Publication, list[PublishedBody]]:
    """The unsaved rows of a first snapshot of ``article``: its Publication (with the search vectors
    as expressions the insert evaluates) and one PublishedBody per audience, not yet linked.

    Publishing saves them one article at a time; bulk loaders (``bench/generate.py``) build rows
    here too and insert them in batches, so both store the same snapshot.
    """
    rendered = render_snapshot(content, status=status, facts=facts)
    approved_now = rendered.fields["published_at"] if status == Publication.Status.APPROVED else None
    vectors = _search_vectors(content, rendered.document, rendered.fields["search_excerpt"])
    publication = Publication(article=article, first_approved_at=approved_now, **vectors, **rendered.fields)
    return publication, rendered.bodies


def _snapshot(*, article: Article, content: ArticleContent, status: str, facts: ReviewFacts) -> Publication:
    """Replace the article's public snapshot with ``content``, rendered for every audience."""
    publication = _current_publication(article)
    had_translations = bool(publication is not None and publication.languages)
    if publication is None:
        publication, bodies = publication_rows(article=article, content=content, status=status, facts=facts)
        vocabulary_record(before="", after=publication.search_document)
        publication.save(force_insert=True)
        publication.search_vector = publication.search_head = publication.search_lead = None  # stored, not read back
    else:
        rendered = render_snapshot(content, status=status, facts=facts)
        fields, bodies, document = rendered.fields, rendered.bodies, rendered.document
        approved_now = fields["published_at"] if status == Publication.Status.APPROVED else None
        fields["first_approved_at"] = publication.first_approved_at or approved_now
        vocabulary_record(before=publication.search_document, after=document)
        page_cache.article_pages_changed(article_id=article.pk, topic_ids=[publication.topic_id, fields["topic_id"]])
        Publication.objects.filter(pk=publication.pk).update(
            **fields, **_search_vectors(content, document, fields["search_excerpt"])
        )
        for name, value in fields.items():  # the returned object shows what was written
            setattr(publication, name, value)
        publication.bodies.all().delete()
    for body in bodies:
        body.publication = publication
    PublishedBody.objects.bulk_create(bodies)
    _store_translations(publication=publication, content=content, replace=had_translations)
    publication.written_bodies = bodies  # what the version history derives its outline from, unread
    return publication


def _language_codes(content: ArticleContent) -> list[str]:
    if not content.translations:
        return []
    codes = dict(Language.objects.values_list("pk", "code"))
    return [codes[t.language_id] for t in content.translations if t.language_id in codes]


def _store_translations(*, publication: Publication, content: ArticleContent, replace: bool) -> None:
    """Replace the snapshot's translations (``replace``: it had some) with ``content``'s, rendered
    like its bodies. A translation whose recorded source is not this content's source text is
    stored as outdated, keeping the date of the version it does translate."""
    previous = {}
    if replace:
        previous = {t.language_id: t for t in publication.translations.only("language_id", "source_date", "outdated")}
        publication.translations.all().delete()
    if not content.translations:
        return
    languages = {language.pk: language for language in Language.objects.all()}
    resolve = build_resolver(
        Reference.objects.filter(pk__in=content.reference_ids).annotate(may_be_retracted=retraction_flag())
    )
    figures = figure_resolver_for([b for t in content.translations for b in t.bodies.values()])
    source = content.source_fingerprint()
    rows = []
    for translated in content.translations:
        bodies, texts = {}, [translated.question, translated.summary]
        for audience_id, text in translated.bodies.items():
            with translation.override(languages[translated.language_id].code):  # headings, types, callouts
                rendered = render_markdown(text, resolve, figures=figures)
                entries = [
                    reference_entry(c.reference, number=c.number, backlink=c.first_anchor, backlinks=c.anchors)
                    for c in rendered.references
                ]
                references_html = render_reference_list(entries)
            texts.append(unescape(strip_tags(rendered.html)))
            bodies[str(audience_id)] = {"html": rendered.html, "references_html": references_html}
        outdated = translated.source_fingerprint != source
        before = previous.get(translated.language_id)
        source_date = translated.source_date
        if not outdated:
            source_date = publication.last_reviewed or timezone.localdate()
        elif before is not None and before.source_date:
            source_date = min(before.source_date, source_date) if source_date else before.source_date
        document = re.sub(r"\s+", " ", " ".join(texts))
        row = PublishedTranslation(
            publication=publication,
            language_id=translated.language_id,
            question=translated.question,
            summary=translated.summary,
            bodies=bodies,
            outdated=outdated,
            source_date=source_date,
            search_document=document,
        )
        language = languages.get(translated.language_id)
        if connection.vendor == "postgresql" and language is not None:
            config = language.search_config
            row.search_vector = (
                SearchVector(Value(translated.question, output_field=TextField()), weight="A", config=config)
                + SearchVector(Value(translated.summary, output_field=TextField()), weight="B", config=config)
                + SearchVector(Value(document, output_field=TextField()), weight="C", config=config)
            )
        rows.append(row)
    for row in rows:
        row.save(force_insert=True)


def _current_publication(article: Article) -> Publication | None:
    """The article's snapshot, if any; free when ``lock_for_workflow`` read the article."""
    try:
        return article.publication
    except Publication.DoesNotExist:
        return None


def _never_approved(article: Article) -> bool:
    publication = _current_publication(article)
    return publication is None or publication.status != Publication.Status.APPROVED


@transaction.atomic(savepoint=False)
def article_lock_for_review(*, article: Article, content: ArticleContent, facts: ReviewFacts) -> None:
    """A revision went to the board: the content becomes read-only (invariant 2), and a
    never-approved article is shown as pending review (invariant 6; ``public_statuses``
    decides whether readers see it), unless the editor scheduled it for a later time: then
    nothing of it is public before that time. An approved article keeps its approved snapshot live."""
    ArticleControl.objects.filter(article=article).update(review_locked=True)
    if not _never_approved(article):
        return
    if facts.embargoed:
        _remove_pending(article)
    else:
        _snapshot(article=article, content=content, status=Publication.Status.PENDING, facts=facts)


def _remove_pending(article: Article) -> None:
    Publication.objects.filter(article=article, status=Publication.Status.PENDING).delete()


def article_set_review_step(*, article: Article, step: ReviewStep) -> None:
    """Move a pending snapshot's status tracker (submitted -> under review); approved ones keep theirs."""
    Publication.objects.filter(article=article, status=Publication.Status.PENDING).update(review_step=step)
    page_cache.invalidate(page_cache.article_tag(article.pk))


@transaction.atomic(savepoint=False)
def article_unlock(*, article: Article) -> None:
    """The request was withdrawn or sent back: the content is editable again, and a never-approved
    article leaves the site (its pending snapshot is removed)."""
    ArticleControl.objects.filter(article=article).update(review_locked=False)
    _remove_pending(article)


@transaction.atomic(savepoint=False)
def article_publish(*, article: Article, content: ArticleContent, facts: ReviewFacts) -> Publication:
    """The board approved ``content`` (a pinned revision): it becomes what readers see (invariants 1
    and 5), the content is editable again, any re-review flag is cleared, and the approval is added
    to the public version history."""
    first = _never_approved(article)
    publication = _snapshot(article=article, content=content, status=Publication.Status.APPROVED, facts=facts)
    ArticleControl.objects.filter(article=article).update(review_locked=False, rereview_reason="")
    version_record(
        article=article,
        publication=publication,
        change_summary=facts.change_summary,
        substantive=facts.substantive,
        first=first,
    )
    events.send_on_commit(events.article_published, article_id=article.pk, first=first)
    return publication


@transaction.atomic(savepoint=False)
def article_hold_for_schedule(*, article: Article) -> None:
    """The board approved a revision that goes live later (its "publish at" time): the content is
    editable again, an approved snapshot stays live until then (invariant 5), and a never-approved
    article is not public at all until then (its pending snapshot, if any, leaves the site).
    ``article_publish`` makes it live at the scheduled time."""
    ArticleControl.objects.filter(article=article).update(review_locked=False)
    _remove_pending(article)


def article_expire(*, article: Article) -> bool:
    """Record that the article's snapshot reached its planned end (``unpublish_at``). Readers stop
    seeing it at that moment anyway (``PublicationQuerySet.public``); this stamps ``expired_at``
    for the chief editor's list. Idempotent: False when there was nothing to stamp."""
    page_cache.article_pages_changed(article_id=article.pk)
    return bool(Publication.objects.due_to_expire().filter(article=article).update(expired_at=timezone.now()))


def article_retire(*, article: Article) -> None:
    """Take the article off the public site; its snapshot is kept for a later restore."""
    ArticleControl.objects.filter(article=article).update(retired_at=timezone.now())
    page_cache.article_pages_changed(article_id=article.pk)
    events.send_on_commit(events.article_retired, article_id=article.pk)


def article_restore(*, article: Article) -> None:
    """Undo a retirement: the last published snapshot is public again."""
    ArticleControl.objects.filter(article=article).update(retired_at=None)
    page_cache.article_pages_changed(article_id=article.pk)
    events.send_on_commit(events.article_restored, article_id=article.pk)
