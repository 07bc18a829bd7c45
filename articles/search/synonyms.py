"""Editors' synonym groups applied to a reader's query: any term of a group finds them all.

Matching is phrase-aware: consecutive words of the query ("pain between the shoulder blades")
are compared with every term of every group, longest first, so "shoulder blades" becomes
("shoulder blades" or "shoulder blade" or "scapula" or "interscapular") while "pain" stays a
word of its own. Words are compared in a rough singular form, so "blades" meets "blade".
"""

import re
from functools import lru_cache

from articles.cache import ALL, SYNONYMS, known_versions
from articles.models import SearchSynonym

from .query import STOP_WORDS, ParsedQuery

MAX_TERM_WORDS = 4  # meaningful words of a term (stop words aside)
MAX_PHRASE_WORDS = 6  # words of a term as typed, as the admin allows
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


@lru_cache(maxsize=8192)  # snippets ask for the same words over and over
def normal_form(word: str) -> str:
    """A word lower-cased, without a possessive or a plain English plural ending."""
    word = word.lower().removesuffix("'s").removesuffix("’s")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _key(text: str) -> tuple[str, ...]:
    return tuple(normal_form(word) for word in _WORD.findall(text) if word.lower() not in STOP_WORDS)


SynonymIndex = dict[tuple[str, ...], list[str]]


# This process's index of the editors' groups and the versions it was built at: built on the first
# search, again only after a group changed (``_synonyms_changed`` gives the ``synonyms`` tag a new
# version) or every cached thing was dropped (the ``pages`` tag). One cache read a search, no query.
# With the local-memory cache (no REDIS_URL) another process's edit is seen once this one restarts.
_built: tuple[tuple[str | None, ...], SynonymIndex] | None = None


def synonym_index(groups: list[list[str]] | None = None) -> SynonymIndex:
    """Each term's words (normal form) -> every term of its groups; the editors' groups when
    ``groups`` is None: this process's index while they are unchanged, else one query."""
    global _built
    if groups is None:
        versions = known_versions(SYNONYMS, ALL)
        if _built is None or _built[0] != versions:
            _built = (versions, _index([synonym.term_list for synonym in SearchSynonym.objects.only("terms")]))
        return _built[1]
    return _index(groups)


def _index(groups: list[list[str]]) -> SynonymIndex:
    index: SynonymIndex = {}
    for terms in ([" ".join(term.lower().split()) for term in group] for group in groups):
        for term in terms:
            key = _key(term)
            if key and len(key) <= MAX_TERM_WORDS:
                index.setdefault(key, [])
                index[key].extend(t for t in terms if t not in index[key])
    return index


def _expand_text(text: str, index: SynonymIndex) -> list[str]:
    return list(dict.fromkeys([text.lower(), *index.get(_key(text), [])]))


def expand(parsed: ParsedQuery, index: SynonymIndex) -> ParsedQuery:
    """``parsed`` with each term or run of words that names a synonym widened to its whole group."""
    if not index:
        return parsed
    groups: list[list[str]] = []
    i = 0
    while i < len(parsed.groups):
        group = parsed.groups[i]
        if len(group) == 1 and " " not in group[0]:
            # A run of single words: try the longest phrase starting here, shorter ones after.
            run = [group[0]]
            for later in parsed.groups[i + 1 : i + MAX_PHRASE_WORDS]:
                if len(later) != 1 or " " in later[0]:
                    break
                run.append(later[0])
            matched = 0
            for length in range(min(len(run), MAX_PHRASE_WORDS), 1, -1):
                words = [w for w in run[:length] if w.lower() not in STOP_WORDS]
                if run[length - 1].lower() in STOP_WORDS or len(words) < 2:
                    continue
                phrase = " ".join(words)
                if _key(phrase) in index:
                    groups.append(_expand_text(phrase, index))
                    matched = length
                    break
            if matched:
                i += matched
                continue
        groups.append(list(dict.fromkeys(t for text in group for t in _expand_text(text, index))))
        i += 1
    return ParsedQuery(groups=groups, excluded=parsed.excluded)
