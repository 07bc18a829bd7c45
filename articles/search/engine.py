"""Matching and ranking: PostgreSQL full text over a capped candidate set, an SQLite fallback.

On PostgreSQL three vectors are filled by ``article_publish``: ``search_vector`` (question weighted
A, summary B, bodies C; GIN index, migration 0003), ``search_head`` (question, summary and excerpt,
which ranks) and ``search_lead`` (question and summary only: a few hundred bytes kept in the row,
GIN index, migration 0014). Candidates are found by the lead, so finding them reads no vector of
several KB per row: up to ``SEARCH_RESULTS_CAP`` + 1 answers whose question and summary hold the
query, and only when there are no more than the cap of those, as many answers matching anywhere
(bodies) as it takes to reach cap + 1. A broad query therefore ranks only answers whose question
or summary is about it; a narrow one ranks every answer it matches up to the cap. A question that
matches every term of the query comes first. Elsewhere the same syntax is matched with
``icontains``, ranked question > summary > body.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from articles.models import Article, Publication

from .query import MAX_FALLBACK_TERMS, SEARCH_CONFIG, STOP_WORDS, ParsedQuery, keywords, parse_websearch
from .spelling import corrected_query
from .synonyms import expand, synonym_index

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


def _tsquery_sql(parsed: ParsedQuery, *, any_group: bool = False) -> tuple[str, list[str]]:
    """``_tsquery`` as SQL with its parameters, for the rank: a raw expression costs the ORM nothing
    to resolve and compile, where the same expression tree cost milliseconds a search."""
    phrase = "phraseto_tsquery(%s::regconfig, %s)"
    sql = (" || " if any_group else " && ").join(f"({' || '.join([phrase] * len(g))})" for g in parsed.groups)
    params = [value for group in parsed.groups for text in group for value in (SEARCH_CONFIG, text)]
    for text in parsed.excluded:
        sql = f"({sql}) && !!{phrase}"
        params += [SEARCH_CONFIG, text]
    return f"({sql})", params


def _rank_sql(parsed: ParsedQuery, *, any_group: bool = False) -> tuple[str, list[str]]:
    """ts_rank over the head (question > summary > excerpt), plus ``HEAD_BOOST`` when the question
    and summary hold the whole query, plus the share of the query's groups the question holds.

    Only the candidates are ranked (at most cap + 1 rows, ``_ranked``), so reading their head vector
    costs about a millisecond; the two tests read the small lead vector kept in the row."""
    table = connection.ops.quote_name(Publication._meta.db_table)
    lead, head = f"{table}.search_lead", f"{table}.search_head"
    weights = "'{" + ",".join(map(str, WEIGHTS)) + "}'::float4[]"
    query, params = _tsquery_sql(parsed, any_group=any_group)
    sql = f"ts_rank({weights}, {head}, {query}, 1) + (CASE WHEN {lead} @@ {query} THEN {HEAD_BOOST} ELSE 0 END)"
    params = params * 2
    groups = parsed.groups[:MAX_BOOSTED_GROUPS]
    for group in groups:
        held, held_params = _tsquery_sql(ParsedQuery(groups=[group]))
        sql += f" + (CASE WHEN ts_filter({lead}, '{{a}}') @@ {held} THEN {QUESTION_BOOST / len(groups)} ELSE 0 END)"
        params += held_params
    return sql, params


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


def _public(topic_id: int | None, *, approved_only: bool = False) -> QuerySet:
    qs = Publication.objects.public()
    if approved_only:
        qs = qs.approved()
    return qs.filter(topic_id=topic_id) if topic_id else qs


def _ranked(
    parsed: ParsedQuery, *, topic_id: int | None, any_group: bool = False, approved_only: bool = False
) -> tuple[list[int], bool]:
    """The ranked ids of the capped candidate set, and whether more answers matched: one query."""
    cap = settings.SEARCH_RESULTS_CAP
    base = _public(topic_id, approved_only=approved_only)
    if not _on_postgresql():
        ids = list(_fallback(base, parsed, any_group=any_group).values_list("pk", flat=True)[: cap + 1])
        return ids[:cap], len(ids) > cap
    tsquery = _tsquery(parsed, any_group=any_group)
    if tsquery is None:
        return [], False
    # Any cap + 1 answers whose question and summary hold the query (checked in the row, or found by
    # the lead's GIN index when few do). Past the cap they prove "more than the cap" and fill the
    # page with answers about the query, and the bodies part is never run: a broad query reads no
    # body vector at all. Otherwise as many answers that only mention the query in their bodies as
    # it takes to reach cap + 1 join them, ranked on the same scale. The parts are the ORM's (the
    # public rule included); the statement around them is written out, a CTE the ORM cannot express.
    lead_sql, lead_params = base.filter(search_lead=tsquery).values("pk")[: cap + 1].query.sql_with_params()
    bodies = base.filter(search_vector=tsquery).exclude(search_lead=tsquery).values("pk")[: cap + 1]
    bodies_sql, bodies_params = bodies.query.sql_with_params()
    rank_sql, rank_params = _rank_sql(parsed, any_group=any_group)
    table = connection.ops.quote_name(Publication._meta.db_table)
    sql = (
        f"WITH lead AS MATERIALIZED ({lead_sql}), "  # noqa: S608 - the ORM's SQL and ours; input only in params
        f"bodies AS MATERIALIZED (SELECT pk FROM ({bodies_sql}) AS b WHERE (SELECT count(*) FROM lead) <= %s "
        "LIMIT (SELECT %s - count(*) FROM lead)) "
        f"SELECT {table}.id FROM {table} WHERE {table}.id IN (SELECT pk FROM lead UNION ALL SELECT pk FROM bodies) "
        f"ORDER BY {rank_sql} DESC, {table}.published_at DESC, {table}.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*lead_params, *bodies_params, cap, cap + 1, *rank_params, cap + 1])
        ids = [pk for (pk,) in cursor.fetchall()]
    return ids[:cap], len(ids) > cap


def search(
    query: str, *, topic_id: int | None = None, correct: bool = True, approved_only: bool = False
) -> SearchResults:
    """The reader's query answered: synonyms applied, at most the cap ranked; when it finds little,
    a corrected spelling searched instead (nothing found) or offered (a few found), and when
    nothing holds every word, the answers holding the most of them.

    ``correct=False`` searches the words as typed, every one required (no correction, nothing
    relaxed); ``approved_only`` leaves out answers still pending review (the content API)."""
    synonyms = synonym_index()
    parsed = meaningful(expand(parse_websearch(query), synonyms))
    ids, more = _ranked(parsed, topic_id=topic_id, approved_only=approved_only)
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


PAGE_FIELDS = ("article_id", "status", "slug", "question", "summary", "search_excerpt", "published_at", "unpublish_at")


def page_publications(ids: list[int]) -> list[Publication]:
    """The publications of one page of results, in the order of ``ids``, with their topics: one query.

    Only what a result shows is read (the vectors and the document are kilobytes each), plus what
    the page cache tracks of a snapshot it shows (``article_id``, ``unpublish_at``)."""
    rows = (
        Publication.objects.filter(pk__in=ids).select_related("topic").only(*PAGE_FIELDS, "topic__name", "topic__slug")
    )
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


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
