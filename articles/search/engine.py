"""Matching and ranking: PostgreSQL full text over a capped candidate set, an SQLite fallback.

On PostgreSQL, ``Publication.search_vector`` (question weighted A, summary B, bodies C; filled
by ``article_publish``) is matched behind a GIN index (migration 0003); ``search_head`` (the
question, summary and excerpt, small enough to read cheaply) ranks, and its question and summary
part is matched behind a second GIN index (migration 0010). Only
a bounded candidate set is ranked: up to ``SEARCH_RESULTS_CAP`` + 1 matches in any order, plus
as many whose question or summary matches, so a broad query never ranks every match and a
question that matches is never left out. A question that matches every term of the query comes
first. Elsewhere the same syntax is matched with ``icontains``, ranked question > summary > body.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Case, F, FloatField, Func, IntegerField, Q, QuerySet, Value, When

from articles.models import Article, Publication

from .query import MAX_FALLBACK_TERMS, SEARCH_CONFIG, STOP_WORDS, ParsedQuery, keywords, parse_websearch
from .spelling import corrected_query
from .synonyms import SynonymIndex, expand, synonym_index

WEIGHTS = [0.05, 0.1, 0.4, 1.0]  # D (unused), C excerpt, B summary, A question
QUESTION_BOOST = 1.0  # the question holds every term: above any ranking by the body (shared out per term)
MAX_BOOSTED_GROUPS = 8
HEAD_BOOST = 0.3  # the question and summary together hold every term
FEW = 3  # fewer results than this and "did you mean" is worked out


@dataclass
class SearchResults:
    """Ranked ids of the public answers found (at most the cap) and what the reader should be told."""

    query: str  # what was searched: the reader's query, or its correction
    ids: list[int] = field(default_factory=list)
    more: bool = False  # more answers matched than the cap
    terms: list[str] = field(default_factory=list)  # what snippets mark: words, phrases, synonyms
    corrected_from: str | None = None  # the reader's own query, when its correction was searched instead
    suggestion: str | None = None  # a correction to offer as a link
    relaxed: bool = False  # no answer holds every word: these hold some

    @property
    def count(self) -> int:
        return len(self.ids)


class _Part(Func):
    """The lexemes of a weighted vector with the given weights (``ts_filter``); ``letters`` is ours, never input."""

    function = "ts_filter"
    output_field = SearchVectorField()

    def __init__(self, vector, *, letters: str):
        super().__init__(vector)
        self.template = f"%(function)s(%(expressions)s, '{{{letters}}}'::\"char\"[])"


class _Holds(Func):
    """1.0 when the part of the vector with weights ``letters`` matches the query, else 0.0."""

    output_field = FloatField()

    def __init__(self, vector, query, *, letters: str):
        super().__init__(vector, query)
        self.template = "(CASE WHEN ts_filter(%(expressions)s) THEN 1.0 ELSE 0.0 END)"
        self.arg_joiner = f", '{{{letters}}}'::\"char\"[]) @@ ("


def meaningful(parsed: ParsedQuery) -> ParsedQuery:
    """``parsed`` without stop-word-only terms, which would match everything (SQLite) or nothing."""

    def keep(text: str) -> bool:
        return any(word.lower() not in STOP_WORDS for word in text.split())

    groups = [kept for group in parsed.groups if (kept := [t for t in group if keep(t)])]
    return ParsedQuery(groups=groups, excluded=[t for t in parsed.excluded if keep(t)])


def _tsquery(parsed: ParsedQuery, *, any_group: bool = False):
    """Every group (any one of its terms, phrases kept) and none of the excluded terms; None if empty."""
    combined = None
    for group in parsed.groups:
        alternatives = None
        for text in group:
            term = SearchQuery(text, search_type="phrase", config=SEARCH_CONFIG)
            alternatives = term if alternatives is None else alternatives | term
        if combined is None:
            combined = alternatives
        else:
            combined = combined | alternatives if any_group else combined & alternatives
    if combined is not None:
        for text in parsed.excluded:
            combined &= ~SearchQuery(text, search_type="phrase", config=SEARCH_CONFIG)
    return combined


def _rank(tsquery, parsed: ParsedQuery):
    """ts_rank over the head (question > summary > excerpt), plus the share of the query's groups
    the question holds, plus a bonus when the question and summary hold the whole query."""
    head = F("search_head")
    groups = [_tsquery(ParsedQuery(groups=[group])) for group in parsed.groups[:MAX_BOOSTED_GROUPS]]
    coverage = sum((_Holds(head, group, letters="a") for group in groups), start=Value(0.0, output_field=FloatField()))
    return (
        SearchRank(F("search_head"), tsquery, weights=WEIGHTS, normalization=Value(1))
        + coverage * (QUESTION_BOOST / max(1, len(groups)))
        + _Holds(head, tsquery, letters="a,b") * HEAD_BOOST
    )


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


def _fallback(qs: QuerySet, parsed: ParsedQuery, *, any_group: bool = False) -> QuerySet:
    if not parsed.groups:
        return qs.none()
    wanted = Q()
    for group in parsed.groups[:MAX_FALLBACK_TERMS]:
        any_term = Q()
        for term in group[:MAX_FALLBACK_TERMS]:
            any_term |= _matches(term)
        wanted = (wanted | any_term) if any_group else (wanted & any_term)
    qs = qs.filter(wanted)
    for term in parsed.excluded[:MAX_FALLBACK_TERMS]:
        qs = qs.exclude(_matches(term))
    terms = list(dict.fromkeys(parsed.terms))[:MAX_FALLBACK_TERMS]
    return qs.annotate(rank=_fallback_rank(terms)).order_by("-rank", "-published_at", "pk")


def _on_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _public(topic_id: int | None) -> QuerySet:
    qs = Publication.objects.public()
    return qs.filter(topic_id=topic_id) if topic_id else qs


def _ranked(parsed: ParsedQuery, *, topic_id: int | None, any_group: bool = False) -> tuple[list[int], bool]:
    """The ranked ids of the capped candidate set, and whether more answers matched: one query."""
    cap = settings.SEARCH_RESULTS_CAP
    base = _public(topic_id)
    if not _on_postgresql():
        ids = list(_fallback(base, parsed, any_group=any_group).values_list("pk", flat=True)[: cap + 1])
        return ids[:cap], len(ids) > cap
    tsquery = _tsquery(parsed, any_group=any_group)
    if tsquery is None:
        return [], False
    # Any matches (the GIN index stops after cap + 1), then those whose question or summary matches
    # (an index on that part of the head), so the best answers are in the set however broad the query. Ranking
    # reads only the small head vector: reading whole documents (TOASTed, several KB) dominated the time.
    anywhere = base.filter(search_vector=tsquery).values("pk")[: cap + 1]
    head = base.alias(head=_Part(F("search_head"), letters="a,b")).filter(head=tsquery).values("pk")[:cap]
    candidates = Publication.objects.filter(pk__in=anywhere.union(head))
    ranked = candidates.annotate(rank=_rank(tsquery, parsed)).order_by("-rank", "-published_at", "pk")
    ids = list(ranked.values_list("pk", flat=True)[: cap + 1])
    return ids[:cap], len(ids) > cap


def search(query: str, *, topic_id: int | None = None, correct: bool = True) -> SearchResults:
    """The reader's query answered: synonyms applied, at most the cap ranked; when it finds little,
    a corrected spelling searched instead (nothing found) or offered (a few found), and when
    nothing holds every word, the answers holding the most of them."""
    synonyms = synonym_index()
    parsed = meaningful(expand(parse_websearch(query), synonyms))
    ids, more = _ranked(parsed, topic_id=topic_id)
    results = SearchResults(query=query, ids=ids, more=more, terms=parsed.terms)
    if len(ids) >= FEW or not correct or not parsed.groups:
        return results
    correction = corrected_query(query, synonyms)
    if correction and correction.lower() != query.lower():
        fixed = meaningful(expand(parse_websearch(correction), synonyms))
        fixed_ids, fixed_more = _ranked(fixed, topic_id=topic_id)
        if not ids and fixed_ids:
            return SearchResults(
                query=correction, ids=fixed_ids, more=fixed_more, terms=fixed.terms, corrected_from=query
            )
        if len(fixed_ids) > len(ids):
            results.suggestion = correction
    if not ids and len(parsed.groups) > 1:
        results.ids, results.more = _ranked(parsed, topic_id=topic_id, any_group=True)
        results.relaxed = bool(results.ids)
    return results


def page_publications(ids: list[int]) -> list[Publication]:
    """The publications of one page of results, in the order of ``ids``, with their topics: one query."""
    rows = (
        Publication.objects.filter(pk__in=ids)
        .select_related("topic")
        .defer("search_document", "search_vector", "reviewers", "related_article_ids", "content_hash")
    )
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def search_publications(query: str, *, topic_id: int | None = None, synonyms: SynonymIndex | None = None) -> QuerySet:
    """Every public publication matching ``query`` (web-search syntax, synonyms applied), best first,
    with ``rank`` annotated: the content API's paged search. The public page uses ``search``."""
    parsed = meaningful(expand(parse_websearch(query), synonym_index() if synonyms is None else synonyms))
    qs = _public(topic_id).select_related("topic")
    if not _on_postgresql():
        return _fallback(qs, parsed)
    tsquery = _tsquery(parsed)
    if tsquery is None:
        return qs.none()
    return (
        qs.filter(search_vector=tsquery).annotate(rank=_rank(tsquery, parsed)).order_by("-rank", "-published_at", "pk")
    )


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
