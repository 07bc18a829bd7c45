"""Highlighted snippets, made in Python from a publication's short stored excerpt.

``Publication.search_excerpt`` (the summary and the first paragraphs, a few hundred words) is
written at publish time; a snippet is a window of it around the first matched word, so a page
of results costs no ``ts_headline`` over whole documents, only a few string operations per hit.
"""

import re
from collections.abc import Iterable
from html import escape

from django.utils.safestring import SafeString, mark_safe

from articles.models import Publication

from .query import STOP_WORDS, parse_websearch
from .synonyms import normal_form

EXCERPT_WORDS = 300
SNIPPET_WORDS = 36
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_WORD_SPLIT = re.compile(r"(\w+(?:['’-]\w+)*)")
# A stem this long matches longer word forms ("scan" marks "scans", "scanning"); shorter ones match exactly.
_PREFIX_MATCH = 4


def excerpt_of(*texts: str, words: int = EXCERPT_WORDS) -> str:
    """The first ``words`` words of ``texts``, whitespace squeezed: what ``search_excerpt`` stores."""
    return " ".join(" ".join(texts).split()[:words])


def highlight_stems(terms: Iterable[str]) -> set[str]:
    """The normal forms of the meaningful words of ``terms`` (words and phrases)."""
    return {normal_form(word) for term in terms for word in _WORD.findall(term) if word.lower() not in STOP_WORDS} - {
        ""
    }


def _matches(word: str, stems: set[str]) -> bool:
    form = normal_form(word)
    return form in stems or any(len(s) >= _PREFIX_MATCH and form.startswith(s) for s in stems)


def snippet_for(publication: Publication, query: str, *, terms: Iterable[str] | None = None) -> SafeString:
    """About ``SNIPPET_WORDS`` words of the excerpt around the first match, matches in ``<mark>``.

    ``terms`` are what to mark (the query's words and their synonyms); by default the query's own words.
    """
    stems = highlight_stems(parse_websearch(query).terms if terms is None else terms)
    words = (publication.search_excerpt or publication.summary).split()
    first = next((i for i, token in enumerate(words) if any(_matches(w, stems) for w in _WORD.findall(token))), 0)
    begin = max(0, first - 8) if first > SNIPPET_WORDS - 8 else 0
    window = words[begin : begin + SNIPPET_WORDS]
    parts = []
    for token in window:
        # re.split with a group alternates text between words (odd indexes are words); all escaped.
        pieces = _WORD_SPLIT.split(token)
        parts.append(
            "".join(
                f"<mark>{escape(piece)}</mark>" if index % 2 and _matches(piece, stems) else escape(piece)
                for index, piece in enumerate(pieces)
            )
        )
    text = " ".join(parts)
    return mark_safe(("… " if begin else "") + text + (" …" if begin + SNIPPET_WORDS < len(words) else ""))  # noqa: S308 - every piece escaped
