"""Full-text search over what readers may see (README "Search").

``query`` reads what the reader typed, ``synonyms`` widens it with the editors' synonym groups,
``engine`` matches and ranks a capped candidate set, ``spelling`` offers "did you mean" from the
published vocabulary, and ``snippets`` highlights a short stored excerpt of each hit shown.
"""

from .engine import (
    SearchResults,
    page_publications,
    search,
    similar_publications,
    suggest_publications,
)
from .query import (
    MAX_QUERY_LENGTH,
    SEARCH_CONFIG,
    STOP_WORDS,
    InvalidQuery,
    ParsedQuery,
    clean_query,
    keywords,
    parse_websearch,
    validate_query,
)
from .snippets import excerpt_of, snippet_for
from .spelling import vocabulary_record

__all__ = [
    "MAX_QUERY_LENGTH",
    "SEARCH_CONFIG",
    "STOP_WORDS",
    "InvalidQuery",
    "ParsedQuery",
    "SearchResults",
    "clean_query",
    "excerpt_of",
    "keywords",
    "page_publications",
    "parse_websearch",
    "search",
    "similar_publications",
    "snippet_for",
    "suggest_publications",
    "validate_query",
    "vocabulary_record",
]
