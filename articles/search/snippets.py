"""Highlighted snippets, made in Python from a publication's short stored excerpt.

``Publication.search_excerpt`` (the summary and the first paragraphs, a few hundred words) is
written at publish time; a snippet is a window of it around the first matched word, so a page
of results costs no ``ts_headline`` over whole documents, only a few string operations per hit.
"""

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from articles.models import Publication

from .query import STOP_WORDS, parse_websearch
from .synonyms import normal_form

EXCERPT_WORDS = 300
SNIPPET_WORDS = 36
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
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


@lru_cache(maxsize=256)
def _matcher(terms: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a word is one to mark: built once for a page's terms, not once per word of every hit."""
    stems = frozenset(highlight_stems(terms))
    prefixes = tuple(stem for stem in stems if len(stem) >= _PREFIX_MATCH)

    def matches(word: str) -> bool:
        form = normal_form(word)
        return form in stems or form.startswith(prefixes)

    return matches


def snippet_for(publication: Publication, query: str, *, terms: Iterable[str] | None = None) -> SafeString:
    """About ``SNIPPET_WORDS`` words of the excerpt around the first match, matches in ``<mark>``.

    ``terms`` are what to mark (the query's words and their synonyms); by default the query's own words.
    """
    matches = _matcher(tuple(parse_websearch(query).terms if terms is None else terms))
    words = (publication.search_excerpt or publication.summary).split()
    first = next((i for i, token in enumerate(words) if any(matches(w) for w in _WORD.findall(token))), 0)
    begin = max(0, first - 8) if first > SNIPPET_WORDS - 8 else 0
    text = " ".join(words[begin : begin + SNIPPET_WORDS])
    parts, done = [], 0
    for word in _WORD.finditer(text):
        if matches(word.group()):
            parts += [escape(text[done : word.start()]), "<mark>", escape(word.group()), "</mark>"]
            done = word.end()
    parts.append(escape(text[done:]))
    text = "".join(parts)
    return mark_safe(("… " if begin else "") + text + (" …" if begin + SNIPPET_WORDS < len(words) else ""))  # noqa: S308 - every piece escaped
