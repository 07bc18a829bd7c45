"""Full-text search over what readers may see: PostgreSQL ranking and snippets, an SQLite fallback.

On PostgreSQL, ``Publication.search_vector`` (question weighted A, summary B, bodies C; filled
by ``article_publish``) is matched with ``websearch_to_tsquery`` behind a GIN index
(migration 0002), so readers may type quotes, ``-word`` and ``or``. Elsewhere the same
syntax is parsed here and matched with ``icontains``, ranked question > summary > body.
"""

import re
from dataclasses import dataclass, field
from html import escape

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Article, Publication

MAX_QUERY_LENGTH = 200
MAX_FALLBACK_TERMS = 8  # SQLite's parser overflows on very long generated expressions
SEARCH_CONFIG = "english"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab, newline and return are whitespace
# Sentinels around matches (private-use characters, which PostgreSQL keeps in ts_headline options
# and readers never type): the snippet is escaped first, then the sentinels become <mark> tags.
_START, _STOP = "\ue000", "\ue001"
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
# Words too common to suggest a match on their own (the SQLite fallback has no stemmer or stop list).
_STOP_WORDS_TEXT = (
    "a about after all also am an and any are as at be because been before being but by can could did do "
    "does doing for from get got had has have having he her his how i if in into is it its just me might "
    "my no not of on or our out should so some than that the their them then there these they this those "
    "to too up us was we were what when where which while who why will with would you your"
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


class InvalidQuery(ValueError):
    """A query we refuse to run; ``str(error)`` is a message for the reader."""


@dataclass
class ParsedQuery:
    """Web-search syntax: every group must match (any one term of it); no excluded term may."""

    groups: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        return [term for group in self.groups for term in group]


def clean_query(raw: str) -> str:
    """Drop control characters and squeeze whitespace, for lenient callers (suggestions)."""
    return " ".join(_CONTROL.sub(" ", raw or "").split())


def validate_query(raw: str) -> str:
    """The reader's query, whitespace squeezed; InvalidQuery if it is too long or holds control characters."""
    if _CONTROL.search(raw or ""):
        raise InvalidQuery(_("Your search contains control characters we cannot search for. Please type plain words."))
    query = " ".join((raw or "").split())
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidQuery(
            _("Your search is too long (%(length)d characters). Please use at most %(limit)d characters.")
            % {"length": len(query), "limit": MAX_QUERY_LENGTH}
        )
    return query


def parse_websearch(query: str) -> ParsedQuery:
    """Quotes keep a phrase, ``-word`` excludes, ``or`` joins its neighbours, like PostgreSQL's websearch."""
    parsed = ParsedQuery()
    join_next = False
    for match in _TOKEN.finditer(query):
        phrase, word = match.group(1), match.group(2)
        negate = False
        if word is not None:
            if word.lower() == "or":
                join_next = bool(parsed.groups)
                continue
            negate = word.startswith("-") and len(word) > 1
            text = " ".join(_WORD.findall(word))
        else:
            text = " ".join(_WORD.findall(phrase))
        if not text:
            continue
        if negate:
            parsed.excluded.append(text)
        elif join_next:
            parsed.groups[-1].append(text)
        else:
            parsed.groups.append([text])
        join_next = False
    return parsed


def keywords(text: str, *, limit: int = MAX_FALLBACK_TERMS) -> list[str]:
    """Distinct meaningful words of free text, in order: what a reader's question is about."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text.lower()):
        if len(word) > 2 and word not in STOP_WORDS and not word.isdigit():
            seen.setdefault(word, None)
    return list(seen)[:limit]


def _fallback_rank(terms: list[str]) -> Case | Value:
    """Question matches weigh most, then the summary, then anything in the document (bodies)."""
    rank = Value(0, output_field=IntegerField())
    for term in terms:
        rank += Case(When(question__icontains=term, then=4), default=0, output_field=IntegerField())
        rank += Case(When(summary__icontains=term, then=2), default=0, output_field=IntegerField())
        rank += Case(When(search_document__icontains=term, then=1), default=0, output_field=IntegerField())
    return rank


def _matches(term: str) -> Q:
    return Q(question__icontains=term) | Q(summary__icontains=term) | Q(search_document__icontains=term)


def _on_postgresql() -> bool:
    return connection.vendor == "postgresql"


def search_publications(query: str, *, topic_id: int | None = None) -> QuerySet:
    """Public publications matching ``query`` (web-search syntax), best first, with ``rank`` annotated."""
    qs = Publication.objects.public().select_related("topic")
    if topic_id:
        qs = qs.filter(topic_id=topic_id)
    if _on_postgresql():
        search = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        return (
            qs.filter(search_vector=search)
            .annotate(
                rank=SearchRank(F("search_vector"), search),
                snippet=SearchHeadline(
                    "search_document",
                    search,
                    config=SEARCH_CONFIG,
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "-published_at", "pk")
        )
    parsed = parse_websearch(query)
    if not parsed.groups:
        return qs.none()
    groups = list(dict.fromkeys(tuple(dict.fromkeys(group)) for group in parsed.groups))
    for group in groups[:MAX_FALLBACK_TERMS]:
        any_term = Q()
        for term in group[:MAX_FALLBACK_TERMS]:
            any_term |= _matches(term)
        qs = qs.filter(any_term)
    for term in parsed.excluded[:MAX_FALLBACK_TERMS]:
        qs = qs.exclude(_matches(term))
    terms = list(dict.fromkeys(parsed.terms))[:MAX_FALLBACK_TERMS]
    return qs.annotate(rank=_fallback_rank(terms)).order_by("-rank", "-published_at", "pk")


def suggest_publications(text: str, *, limit: int = 5, exclude_article_ids: tuple[int, ...] = ()) -> QuerySet:
    """Public answers that share the most words with ``text``: any word may match, best overlap first.

    Used while a reader types a question and for the editors' related-question suggestions.
    """
    words = keywords(text)
    qs = Publication.objects.public().exclude(article_id__in=exclude_article_ids).select_related("topic")
    if not words:
        return qs.none()
    if _on_postgresql():
        search = SearchQuery(" or ".join(words), search_type="websearch", config=SEARCH_CONFIG)
        return (
            qs.filter(search_vector=search)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "-published_at", "pk")[:limit]
        )
    any_word = Q()
    for word in words:
        any_word |= _matches(word)
    return qs.filter(any_word).annotate(rank=_fallback_rank(words)).order_by("-rank", "-published_at", "pk")[:limit]


def similar_publications(article: Article, *, limit: int = 5) -> list[Publication]:
    """Public answers similar to ``article`` that it does not link to yet: suggestions for its editors."""
    linked = set(article.related_links.values_list("related_id", flat=True))
    # The question says what an article is about; summary words (often generic) made suggestions worse.
    return list(suggest_publications(article.question, limit=limit, exclude_article_ids=(article.pk, *linked)))


def _mark(text: str) -> SafeString:
    return mark_safe(escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308 - escaped


def snippet_for(publication: Publication, query: str) -> SafeString:
    """The highlighted snippet: PostgreSQL's headline, or a window around the first match."""
    headline = getattr(publication, "snippet", None)
    if headline is not None:
        return _mark(headline)
    text = publication.search_document.replace(_START, "").replace(_STOP, "")
    terms = [t for t in parse_websearch(query).terms if len(t) > 1]
    starts = [m.start() for t in terms if (m := re.search(re.escape(t), text, re.IGNORECASE))]
    first = min(starts, default=0)
    begin = max(0, text.rfind(" ", 0, max(0, first - 80)) + 1) if first > 80 else 0
    end = text.find(" ", first + 200)
    window = text[begin : end if end != -1 else len(text)]
    if terms:
        pattern = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        window = re.sub(f"({pattern})", f"{_START}\\1{_STOP}", window, flags=re.IGNORECASE)
    return _mark(("… " if begin else "") + window + (" …" if end != -1 else ""))
