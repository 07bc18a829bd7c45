"""What a reader typed: validation and the web-search syntax (quotes, ``-word``, ``or``)."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_QUERY_LENGTH = 200
MAX_FALLBACK_TERMS = 8  # SQLite's parser overflows on very long generated expressions
SEARCH_CONFIG = "english"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab, newline and return are whitespace
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
# Words too common to search for: PostgreSQL's English stop list (which drops them from the
# tsquery) and a few more, so the SQLite fallback and the synonym and spelling steps agree with it.
_STOP_WORDS_TEXT = (
    "a about above after again against all also am an and any are as at be because been before being below "
    "between both but by can could did do does doing don down during each few for from further get got had has "
    "have having he her here hers herself him himself his how i if in into is it its itself just me might more "
    "most my myself no nor not now of off on once only or other our ours ourselves out over own s same she "
    "should so some such t than that the their theirs them themselves then there these they this those through "
    "to too under until up us very was we were what when where which while who whom why will with would you "
    "your yours yourself yourselves"
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
