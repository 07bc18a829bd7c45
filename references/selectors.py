"""Reads of the reference library that pages need: possible duplicates."""

from dataclasses import dataclass

from .matching import Described, Matcher, Rule
from .models import Reference

MAX_PAIRS = 500


@dataclass(frozen=True)
class DuplicatePair:
    first: Reference  # the older of the two
    second: Reference
    rule: Rule


def possible_duplicates(*, limit: int = MAX_PAIRS) -> list[DuplicatePair]:
    """Pairs of library references that look like one work (same ISBN, or same title, year and first
    author), oldest first. Two queries; comparisons only within an ISBN or a (year, first author) group."""
    rows = list(Reference.objects.library().values_list("pk", "isbn", "title", "year", "authors").order_by("pk"))
    works = [
        Described.of(pk=pk, title=title, year=year, authors=authors, isbn=isbn)
        for pk, isbn, title, year, authors in rows
    ]
    matcher = Matcher(works)
    pairs: list[tuple[int, int, Rule]] = []
    for work in works:
        for other, rule in matcher.candidates(work):
            if other.pk > work.pk:
                pairs.append((work.pk, other.pk, rule))
    pairs = pairs[:limit]
    references = Reference.objects.in_bulk({pk for pair in pairs for pk in pair[:2]})
    return [DuplicatePair(references[a], references[b], rule) for a, b, rule in pairs]
