"""When two descriptions name the same work, for entries that carry no DOI or PMID.

Rules, strongest first (the import preview names the one that matched):

* ``ISBN``: the same ISBN-13, and titles that agree loosely (chapters share their book's ISBN,
  not its title).
* ``title+year+author``: the same year (or none on both sides), the same first author's family name (accents, case and
  punctuation aside) and near-identical titles (rapidfuzz's ratio on normalised titles).

The thresholds live here and nowhere else.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz

from .importers.keys import ascii_fold

# Similarity (0-100) of two normalised titles for the title+year+author rule: typos, a dropped
# article or a missing subtitle period still match; a different edition's subtitle does not.
TITLE_MATCH_THRESHOLD = 92
# Titles of two entries with the same ISBN must agree at least this much (after normalising):
# a chapter has its own title, the book's title only in its source.
ISBN_TITLE_THRESHOLD = 60

_NOT_WORD = re.compile(r"[^a-z0-9]+")


class Rule(StrEnum):
    DOI = "doi"
    PMID = "pmid"
    ISBN = "isbn"
    TITLE = "title"

    @property
    def label(self) -> str:
        return str(RULE_LABELS[self])


RULE_LABELS = {
    Rule.DOI: _("same DOI"),
    Rule.PMID: _("same PMID"),
    Rule.ISBN: _("same ISBN"),
    Rule.TITLE: _("same title, year and first author"),
}


def normalize_title(title: str) -> str:
    """ "The Clinical Examination of the Thoracic Spine." -> "the clinical examination of the thoracic spine"."""
    folded = ascii_fold(unicodedata.normalize("NFKC", title or "")).lower()
    return _NOT_WORD.sub(" ", folded).strip()


def normalize_family(authors: Iterable[str] | str) -> str:
    """The first author's family name, folded: "Østergaard, Lars" -> "ostergaard"."""
    lines = authors.splitlines() if isinstance(authors, str) else list(authors)
    first = next((line.strip() for line in lines if line.strip()), "")
    return _NOT_WORD.sub("", ascii_fold(first.partition(",")[0]).lower())


def titles_match(a: str, b: str, *, threshold: int = TITLE_MATCH_THRESHOLD) -> bool:
    """Whether two normalised titles are near-identical."""
    if not a or not b:
        return False
    return a == b or fuzz.ratio(a, b) >= threshold


@dataclass(frozen=True)
class Described:
    """The parts of a work the rules compare; from a library reference or an imported entry."""

    pk: int | None
    title: str  # normalised
    year: int | None
    family: str  # normalised
    isbn: str

    @classmethod
    def of(cls, *, pk: int | None, title: str, year: int | None, authors, isbn: str) -> "Described":
        return cls(pk=pk, title=normalize_title(title), year=year, family=normalize_family(authors), isbn=isbn)


class Matcher:
    """An index of library references by ISBN and by (year, first author), answering which of them
    an entry without DOI or PMID describes. Built once per import or duplicates page."""

    def __init__(self, works: Iterable[Described] = ()):
        self.by_isbn: dict[str, list[Described]] = defaultdict(list)
        self.by_year_family: dict[tuple[int, str], list[Described]] = defaultdict(list)  # year 0: none
        for work in works:
            self.add(work)

    def add(self, work: Described) -> None:
        if work.isbn:
            self.by_isbn[work.isbn].append(work)
        if work.title:
            self.by_year_family[(work.year or 0, work.family)].append(work)

    def candidates(self, work: Described) -> list[tuple[Described, Rule]]:
        """Library works that ``work`` describes, strongest rule first, each once."""
        found: list[tuple[Described, Rule]] = []
        if work.isbn:
            found += [
                (other, Rule.ISBN)
                for other in self.by_isbn.get(work.isbn, [])
                if titles_match(work.title, other.title, threshold=ISBN_TITLE_THRESHOLD)
                or not (work.title and other.title)
            ]
        if work.title:  # an undated web page matches another undated one
            found += [
                (other, Rule.TITLE)
                for other in self.by_year_family.get((work.year or 0, work.family), [])
                if titles_match(work.title, other.title)
            ]
        seen: set[int | None] = set()
        unique = []
        for other, rule in found:
            if other.pk not in seen and (other.pk is None or other.pk != work.pk):
                seen.add(other.pk)
                unique.append((other, rule))
        return unique
