"""Full-text search over what readers may see: PostgreSQL ranking and snippets, an SQLite fallback."""

import re
from dataclasses import dataclass
from html import escape

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils.safestring import SafeString, mark_safe

from .models import Publication

MAX_QUERY_LENGTH = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_START, _STOP = "\x02", "\x03"  # sentinels: the snippet is escaped first, then marked


@dataclass
class SearchHit:
    publication: Publication
    snippet: SafeString


def clean_query(raw: str) -> str:
    """Drop control characters and squeeze whitespace; the caller checks length and emptiness."""
    return " ".join(_CONTROL.sub(" ", raw or "").split())


def _mark(text: str) -> SafeString:
    return mark_safe(escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308 - escaped


def search_publications(query: str, *, topic_id: int | None = None) -> QuerySet:
    """Public publications matching ``query`` (web-search syntax on PostgreSQL), best first."""
    qs = Publication.objects.public().select_related("topic")
    if topic_id:
        qs = qs.filter(topic_id=topic_id)
    if connection.vendor == "postgresql":
        search = SearchQuery(query, search_type="websearch", config="english")
        return (
            qs.filter(search_vector=search)
            .annotate(
                rank=SearchRank(F("search_vector"), search),
                snippet=SearchHeadline(
                    "search_document",
                    search,
                    config="english",
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=40,
                    min_words=20,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "-published_at")
        )
    words = [w for w in re.findall(r"[\w'-]+", query) if w.lower() not in {"or", "and"}]
    condition = Q()
    for word in words:
        condition &= Q(question__icontains=word) | Q(search_document__icontains=word)
    return qs.filter(condition).order_by("-published_at") if words else qs.none()


def snippet_for(publication: Publication, query: str) -> SafeString:
    """The highlighted snippet: PostgreSQL's headline, or a window around the first match."""
    headline = getattr(publication, "snippet", None)
    if headline is not None:
        return _mark(headline)
    text = publication.search_document
    words = [w for w in re.findall(r"[\w'-]+", query) if len(w) > 1]
    first = min((m.start() for w in words if (m := re.search(re.escape(w), text, re.IGNORECASE))), default=0)
    window = text[max(0, first - 80) : first + 220]
    for word in words:
        window = re.sub(f"({re.escape(word)})", f"{_START}\\1{_STOP}", window, flags=re.IGNORECASE)
    return _mark(("… " if first > 80 else "") + window + " …")
