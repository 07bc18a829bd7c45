"""The API's reads: approved, public snapshots only (``Publication.objects.public().approved()``).

The public page may also show pending snapshots (``PUBLISH_PENDING_REVIEW``) with a caution
banner; licensed partner content never includes them, nor drafts, nor retired articles.
"""

from datetime import datetime

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet

from articles.models import Publication, PublishedBody, PublishedTranslation, Topic
from articles.search import SearchResults, page_publications, search
from articles.selectors import ArticlePage, article_page, published_translation, translate_page
from personalization.models import Audience


def licensed_publications() -> QuerySet:
    """What partners may receive: public and approved."""
    return Publication.objects.public().approved()


def topics_with_counts() -> list[Topic]:
    """Every topic, with the number of licensed articles in it (one query)."""
    licensed = Q(publications__in=licensed_publications().values("pk"))
    return list(Topic.objects.annotate(article_count=Count("publications", filter=licensed)))


def article_list(
    *,
    modified_since: datetime | None = None,
    topic: Topic | None = None,
    audience: Audience | None = None,
    language: str = settings.LANGUAGE_CODE,
) -> QuerySet:
    """Licensed articles, each with its topic and the audiences it has a version for (a prefetch).
    In another ``language``: only those published in it, each with that translation (``translation_rows``)."""
    qs = licensed_publications().select_related("topic")
    if language != settings.LANGUAGE_CODE:
        qs = qs.filter(translations__language__code=language).prefetch_related(
            Prefetch(
                "translations",
                queryset=PublishedTranslation.objects.filter(language__code=language).only(
                    "publication_id", "question", "summary", "bodies", "outdated", "source_date"
                ),
                to_attr="translation_rows",
            )
        )
    if modified_since is not None:
        qs = qs.filter(published_at__gte=modified_since)
    if topic is not None:
        qs = qs.filter(topic=topic)
    if audience is not None:
        qs = qs.filter(bodies__audience=audience)
    bodies = PublishedBody.objects.only("publication_id", "audience_id")
    return qs.defer("search_document", "search_vector", "reviewers", "related_article_ids").prefetch_related(
        Prefetch("bodies", queryset=bodies, to_attr="body_rows")
    )


def publication_by_slug(slug: str) -> Publication | None:
    """The snapshot behind ``slug`` whatever its state; the view decides between 200, 404 and 410."""
    return Publication.objects.select_related("article__control", "topic").filter(slug=slug).first()


def is_licensed(publication: Publication) -> bool:
    return publication.is_public and publication.status == Publication.Status.APPROVED


def licensed_page(
    *, publication: Publication, audience: Audience, audiences: list[Audience], language: str = settings.LANGUAGE_CODE
) -> ArticlePage | None:
    """The public page's content for ``audience`` (same snapshot, same audience fallback), with
    related questions limited to licensed ones (the page may list pending ones). In another
    ``language``, its translation; None when the article is not published in it."""
    page = article_page(publication=publication, audience=audience, audiences=audiences)
    if language != settings.LANGUAGE_CODE:
        translation = published_translation(publication=publication, code=language)
        if translation is None:
            return None
        translate_page(page, translation)
        page.translation = translation
    page.related = [p for p in page.related if p.status == Publication.Status.APPROVED]
    return page


def licensed_search(query: str, *, topic: Topic | None = None) -> SearchResults:
    """The licensed answers matching ``query``, best first, as the public search ranks them: synonyms
    applied, every word required, no spelling correction, at most ``SEARCH_RESULTS_CAP`` (``more``
    says whether others matched too). Load a page of them with ``licensed_search_page``."""
    return search(query, topic_id=topic.pk if topic else None, correct=False, approved_only=True)


def licensed_search_page(ids: list[int]) -> list[Publication]:
    """One page of ``licensed_search`` results, in its order, with their topics: one query."""
    return page_publications(ids)
