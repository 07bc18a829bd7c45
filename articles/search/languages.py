"""Search in a language other than the source: the published translations of public answers,
matched with that language's PostgreSQL text search configuration (``Language.search_config``);
elsewhere every word is matched with ``icontains``. Synonyms and "did you mean" are English-only."""

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q

from articles.models import Publication, PublishedTranslation
from personalization.models import Language

from .query import MAX_FALLBACK_TERMS, parse_websearch


def search_translations(query: str, *, language: Language, topic_id: int | None = None) -> list[Publication]:
    """Public answers whose ``language`` translation matches ``query``, best first (at most the
    cap), each a Publication carrying the translation's question and summary: two queries."""
    rows = PublishedTranslation.objects.filter(
        language=language, publication__in=Publication.objects.public().values("pk")
    )
    if topic_id:
        rows = rows.filter(publication__topic_id=topic_id)
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(query, search_type="websearch", config=language.search_config)
        rows = rows.filter(search_vector=tsquery).annotate(rank=SearchRank(F("search_vector"), tsquery))
        rows = rows.order_by("-rank", "-publication__published_at", "pk")
    else:
        terms = parse_websearch(query).terms[:MAX_FALLBACK_TERMS]
        if not terms:
            return []
        for term in terms:
            rows = rows.filter(
                Q(question__icontains=term) | Q(summary__icontains=term) | Q(search_document__icontains=term)
            )
        rows = rows.order_by("-publication__published_at", "pk")
    found = list(
        rows.select_related("publication__topic").only(
            "question",
            "summary",
            "publication__slug",
            "publication__status",
            "publication__topic__name",
            "publication__topic__slug",
            "publication__published_at",
        )[: settings.SEARCH_RESULTS_CAP]
    )
    hits = []
    for row in found:
        publication = row.publication
        publication.question, publication.summary = row.question, row.summary
        publication.search_excerpt = row.summary
        hits.append(publication)
    return hits
