"""Reads for the public pages, each a fixed number of queries."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Case, F, JSONField, Prefetch, Q, TextField, Value, When

from personalization.models import Audience

from .models import (
    Article,
    ArticleBody,
    ArticleControl,
    Figure,
    Publication,
    PublishedBody,
    PublishedTranslation,
    Topic,
)
from .rendering import figure_slugs


@dataclass
class ArticlePage:
    publication: Publication
    body: PublishedBody | None
    audience: Audience
    showing_fallback: bool
    related: list[Publication]
    available_audiences: list[Audience]


def article_page(
    *,
    publication: Publication,
    audience: Audience,
    audiences: list[Audience],
    bodies: list[PublishedBody] | None = None,
) -> ArticlePage:
    """Everything the article page needs, in two queries after the publication and audiences.

    ``bodies`` are given for a preview (rendered, not stored); otherwise the snapshot's are read.
    """
    by_id = {a.pk: a for a in audiences}
    default = next((a for a in audiences if a.is_default), audience)
    rows = bodies if bodies is not None else publication.bodies.all()  # one per audience: a handful at most
    bodies = {}
    for body in rows:
        body.audience = by_id[body.audience_id]
        bodies[body.audience_id] = body
    body = bodies.get(audience.pk) or bodies.get(default.pk)
    related_ids = list(publication.related_article_ids)
    related_map = (
        {
            p.article_id: p
            for p in Publication.objects.public()
            .filter(article_id__in=related_ids)
            .only("slug", "question", "article_id", "status")
        }
        if related_ids
        else {}
    )
    return ArticlePage(
        publication=publication,
        body=body,
        audience=audience,
        showing_fallback=body is not None and body.audience_id != audience.pk,
        related=[related_map[i] for i in related_ids if i in related_map],
        available_audiences=[a for a in audiences if a.pk in bodies],
    )


# The snapshot's columns the article page reads: never the search text and vector (~11 KB a row).
PAGE_FIELDS = (
    "article_id",
    "status",
    "slug",
    "question",
    "summary",
    "topic_id",
    "review_step",
    "last_reviewed",
    "next_review_due",
    "reviewers",
    "related_article_ids",
    "languages",
    "published_at",
    "unpublish_at",
    "first_approved_at",
)
_PAGE_ONLY = (
    "audience_id",
    "publication_id",
    "word_count",
    *(f"publication__{name}" for name in PAGE_FIELDS),
    "publication__topic__slug",
    "publication__topic__name",
    "publication__article__control__retired_at",
)
_SHOWN_FIELDS = {"html": TextField(), "references_html": TextField(), "references": JSONField()}


def published_bodies(*, slug: str, audience: Audience, audiences: list[Audience]) -> list[PublishedBody]:
    """Every audience's body of the snapshot at ``slug``, each with its publication (topic and
    article control joined), in one query; empty when there is none.

    Only the bodies the page may show (``audience``'s and the default's) carry their HTML and
    reference list; the others say which versions exist. Feed them to ``article_page(bodies=...)``."""
    default = next((a for a in audiences if a.is_default), audience)
    # ``audience`` may be a lazy object wrapping None (a site without audiences yet).
    shown = Q(audience_id__in={pk for a in (audience, default) if (pk := getattr(a, "pk", None))})
    rows = (
        PublishedBody.objects.filter(publication__slug=slug)
        .select_related("publication__topic", "publication__article__control")
        .only(*_PAGE_ONLY)
        .annotate(
            **{
                f"shown_{name}": Case(When(shown, then=F(name)), default=Value(None), output_field=field)
                for name, field in _SHOWN_FIELDS.items()
            }
        )
    )
    bodies = list(rows)
    for body in bodies:
        body.html = body.shown_html or ""
        body.references_html = body.shown_references_html or ""
        body.references = body.shown_references or []
    return bodies


def topics_with_questions(limit_per_topic: int = 20) -> list[Topic]:
    """Topics that have public questions, each with its newest approved questions first."""
    publications = (
        Publication.objects.public()
        .newest_first()
        .only("slug", "question", "summary", "status", "topic_id", "first_approved_at", "published_at")
    )
    topics = Topic.objects.prefetch_related(
        Prefetch("publications", queryset=publications[:limit_per_topic], to_attr="public")
    )
    return [topic for topic in topics if topic.public]


def article_for_workflow(article_id: int) -> Article:
    """The article, its workflow row locked until the transaction ends: the first step of every
    workflow service (``ArticleQuerySet.lock_for_workflow``)."""
    return Article.objects.lock_for_workflow(article_id)


def approved_publication(article_id: int) -> Publication | None:
    """The approved snapshot readers see (or saw before a retirement), if any."""
    return Publication.objects.approved().filter(article_id=article_id).first()


def overdue_publications(*, limit: int | None = 50) -> list[Publication]:
    """Public approved answers past their next review date, most overdue first (invariant 8)."""
    return list(Publication.objects.public().overdue().select_related("topic").order_by("next_review_due")[:limit])


def flagged_for_rereview(*, limit: int = 50) -> list[ArticleControl]:
    """Articles a changed source sent back to the board, with the reason."""
    return list(
        ArticleControl.objects.exclude(rereview_reason="")
        .filter(retired_at__isnull=True)
        .select_related("article__topic")[:limit]
    )


def figure_resolver_for(texts: Iterable[str]) -> Callable[[str], Figure | None]:
    """A slug -> figure lookup for the figures ``texts`` place (``render_markdown(figures=...)``),
    loaded in one query, or none when they place no figure."""
    slugs = figure_slugs(texts)
    table = {figure.slug: figure for figure in Figure.objects.filter(slug__in=slugs)} if slugs else {}
    return table.get


def figure_for_image(*, slug: str, version: str, extension: str) -> Figure | None:
    """The figure an image URL names, if that URL is current (one query)."""
    figure = Figure.objects.only("slug", "version", "format", "renditions").filter(slug=slug, version=version).first()
    return figure if figure is not None and figure.extension == extension else None


def figure_usage(figure: Figure) -> list[Article]:
    """Articles whose bodies place ``figure`` or whose published answer shows it."""
    placed = ArticleBody.objects.filter(body__contains=f"figure:{figure.slug})").values("article_id")
    shown = PublishedBody.objects.filter(html__contains=f"/figures/{figure.slug}/").values("publication__article_id")
    return list(
        Article.objects.filter(Q(pk__in=placed) | Q(pk__in=shown)).only("question", "slug").order_by("question")
    )


def published_translation(*, publication: Publication, code: str) -> PublishedTranslation | None:
    """The snapshot's text in the language ``code``, if it is published in it (no query otherwise)."""
    if code not in publication.languages:
        return None
    return (
        PublishedTranslation.objects.filter(publication=publication, language__code=code)
        .defer("search_document", "search_vector")
        .first()
    )


def outdated_translations(*, limit: int = 50) -> list[PublishedTranslation]:
    """Public translations whose source answer changed since (the board's dashboard lists them)."""
    return list(
        PublishedTranslation.objects.outdated()
        .select_related("publication", "language")
        .defer(
            "search_document",
            "search_vector",
            "bodies",
            "publication__search_document",
            "publication__search_vector",
            "publication__search_head",
        )
        .order_by("source_date", "pk")[:limit]
    )


def translate_page(page: ArticlePage, translation: PublishedTranslation) -> None:
    """Put the translation's text in place of the source's on the page (in memory only)."""
    page.publication.question = translation.question
    page.publication.summary = translation.summary
    translated = {int(k): v for k, v in translation.bodies.items()}
    page.available_audiences = [a for a in page.available_audiences if a.pk in translated]
    if page.body is not None:
        text = translated.get(page.body.audience_id)
        if text is None:  # this audience's version is not translated: the default audience's
            default = next((a for a in page.available_audiences if a.is_default), None)
            text = translated.get(default.pk) if default else next(iter(translated.values()), None)
            page.showing_fallback = True
        page.body.html = text["html"] if text else ""
        page.body.references_html = text["references_html"] if text else ""
