""" "Did you mean": readers' misspellings corrected from the words of the published answers.

The vocabulary (``SearchTerm``) holds every word of the published questions, summaries and
bodies with the number of answers using it; publishing keeps it up to date
(``vocabulary_record``). A query word the vocabulary lacks is replaced by the closest known
word: candidates are the nearest words by trigrams (pg_trgm, GiST index) at least
``SEARCH_SPELLING_SIMILARITY`` similar, or with the same letters (swapped letters defeat
trigrams: "pian" / "pain"); the
fewest edits win, then the word more answers use.
"""

import difflib
import re

from django.conf import settings
from django.db import connection
from django.db.models import F

from articles.models import SearchTerm

from .query import STOP_WORDS, parse_websearch
from .synonyms import SynonymIndex, normal_form

MAX_WORD = 40
MIN_WORD = 3
MAX_CORRECTED = 6  # words per query looked up
CANDIDATES = 30
_VOCABULARY_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def vocabulary_words(text: str) -> set[str]:
    """The distinct words of ``text`` worth correcting towards: letters only, lower case, no stop words."""
    return {
        word
        for word in (w.lower() for w in _VOCABULARY_WORD.findall(text))
        if MIN_WORD <= len(word) <= MAX_WORD and word not in STOP_WORDS
    }


def anagram(word: str) -> str:
    return "".join(sorted(word))


def vocabulary_record(*, before: str, after: str) -> None:
    """An answer's searchable text changed from ``before`` to ``after`` (either may be empty):
    count its new words in, its dropped words out. Runs in the publishing transaction."""
    old, new = vocabulary_words(before), vocabulary_words(after)
    added, dropped = sorted(new - old), sorted(old - new)
    with connection.cursor() as cursor:
        if added and connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO articles_searchterm (word, anagram, documents) "
                "SELECT w, a, 1 FROM unnest(%s::text[], %s::text[]) AS t(w, a) "
                "ON CONFLICT (word) DO UPDATE SET documents = articles_searchterm.documents + 1",
                [added, [anagram(w) for w in added]],
            )
        elif added:
            cursor.executemany(
                "INSERT INTO articles_searchterm (word, anagram, documents) VALUES (%s, %s, 1) "
                "ON CONFLICT (word) DO UPDATE SET documents = articles_searchterm.documents + 1",
                [(w, anagram(w)) for w in added],
            )
    if dropped:
        SearchTerm.objects.filter(word__in=dropped, documents__gt=0).update(documents=F("documents") - 1)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance where swapping two neighbouring letters is one edit (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = current[j - 1] + 1
            cost = min(cost, previous[j] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _candidates(words: list[str]) -> dict[str, list[tuple[str, int, float]]]:
    """word -> [(vocabulary word, documents, similarity)] for the words the vocabulary lacks, one query
    on PostgreSQL: the ``CANDIDATES`` nearest by trigrams (the GiST index walks them in order and
    stops there, migration 0015) that are at least ``SEARCH_SPELLING_SIMILARITY`` similar, and as
    many with the same letters."""
    found: dict[str, list[tuple[str, int, float]]] = {w: [] for w in words}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT t.w, v.word, v.documents, similarity(v.word, t.w) FROM unnest(%s::text[], %s::text[]) AS t(w, a) "
                "CROSS JOIN LATERAL ("
                "SELECT word, documents FROM (SELECT word, documents FROM articles_searchterm WHERE documents > 0 "
                "ORDER BY word <-> t.w LIMIT %s) AS nearest WHERE similarity(word, t.w) >= %s "
                "UNION (SELECT word, documents FROM articles_searchterm WHERE documents > 0 AND anagram = t.a LIMIT %s)"
                ") AS v WHERE NOT EXISTS (SELECT FROM articles_searchterm k WHERE k.word = t.w AND k.documents > 0)",
                [words, [anagram(w) for w in words], CANDIDATES, settings.SEARCH_SPELLING_SIMILARITY, CANDIDATES],
            )
            for word, candidate, documents, similarity in cursor.fetchall():
                found[word].append((candidate, documents, similarity))
        return found
    # Elsewhere (the SQLite development database): the same choice over words sharing a first letter.
    rows = SearchTerm.objects.filter(documents__gt=0, word__regex=f"^[{''.join({w[0] for w in words})}]")
    for candidate, documents, letters in rows.values_list("word", "documents", "anagram"):
        for word in words:
            similarity = difflib.SequenceMatcher(None, word, candidate).ratio()
            if similarity >= settings.SEARCH_SPELLING_SIMILARITY or letters == anagram(word):
                found[word].append((candidate, documents, similarity))
    return found


def _best(word: str, candidates: list[tuple[str, int, float]]) -> str | None:
    if any(candidate == word for candidate, _, _ in candidates):
        return None
    allowed = 1 if len(word) <= 4 else 2
    scored = [
        (edit_distance(word, candidate), -documents, -similarity, candidate)
        for candidate, documents, similarity in candidates
        if edit_distance(word, candidate) <= allowed
    ]
    return min(scored)[3] if scored else None


def corrected_query(query: str, synonyms: SynonymIndex) -> str | None:
    """``query`` with its unknown words replaced by the closest words of the vocabulary, or None."""
    known = {word for key in synonyms for word in key}
    words = [
        word
        for word in dict.fromkeys(w.lower() for term in parse_websearch(query).terms for w in term.split())
        if MIN_WORD <= len(word) <= MAX_WORD
        and word not in STOP_WORDS
        and normal_form(word) not in known
        and _VOCABULARY_WORD.fullmatch(word)
    ][:MAX_CORRECTED]
    if not words:
        return None
    found = _candidates(words)
    corrections = {word: best for word in words if (best := _best(word, found[word]))}
    if not corrections:
        return None
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in corrections) + r")\b", re.IGNORECASE)
    return pattern.sub(lambda m: corrections[m.group().lower()], query)
