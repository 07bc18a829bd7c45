"""What every importer produces: plain records, one clear error type, small cleaning helpers."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from references.identifiers import first_isbn, is_valid_pmcid, normalize_doi, normalize_pmcid, normalize_pmid
from references.models import Reference

_WHITESPACE = re.compile(r"\s+")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d|21\d\d)(?!\d)")
_PMCID_IN_TEXT = re.compile(r"\bPMCID\s*:?\s*(PMC\d{1,9})\b", re.IGNORECASE)
_PMID_IN_TEXT = re.compile(r"\bPMID\s*:?\s*(\d{1,9})\b", re.IGNORECASE)
_PUBMED_URL = re.compile(r"^https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/(\d{1,9})/?$")
_DOI_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_WORDY_DATE = re.compile(
    r"^(?:(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})|([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})|(\d{4})\s+([A-Za-z]+)\.?\s+(\d{1,2}))$"
)


@dataclass
class ParsedReference:
    """One entry read from a file, before it is checked against the library."""

    title: str
    authors: list[str] = field(default_factory=list)  # "Family, Given" or an organisation's name
    source: str = ""
    year: int | None = None
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    url: str = ""
    isbn: str = ""  # ISBN-13
    pmcid: str = ""
    accessed: datetime.date | None = None
    type: str = Reference.Type.JOURNAL_ARTICLE
    key: str = ""  # the suggested citation key: the file's own, else generated
    entry: int = 0  # position in the file, from 1
    line: int | None = None  # the line the entry starts on, from 1, where the format has lines

    def describe(self) -> str:
        """How messages name this entry: "entry 3 (chou2007), line 41"."""
        return describe_entry(entry=self.entry, key=self.key, line=self.line)

    def model_fields(self) -> dict:
        """The values a Reference row takes from this record (all but the citation key)."""
        return {
            "type": self.type,
            "title": self.title,
            "authors": "\n".join(self.authors),
            "source": self.source,
            "year": self.year,
            "volume": self.volume,
            "issue": self.issue,
            "pages": self.pages,
            "doi": self.doi,
            "pmid": self.pmid,
            "url": self.url,
            "isbn": self.isbn,
            "pmcid": self.pmcid,
            "accessed": self.accessed,
        }


def describe_entry(*, entry: int | None = None, key: str = "", line: int | None = None) -> str:
    parts = []
    if entry:
        parts.append(_("entry %(number)s") % {"number": entry} + (f" ({key})" if key else ""))
    elif key:
        parts.append(_("entry %(key)s") % {"key": key})
    if line:
        parts.append(_("line %(line)s") % {"line": line})
    return ", ".join(parts)


class ImportFormatError(ValidationError):
    """The file cannot be read as references; the message names the entry and line where known."""

    def __init__(self, message: str, *, entry: int | None = None, key: str = "", line: int | None = None):
        self.detail, self.entry, self.key, self.line = message, entry, key, line
        where = describe_entry(entry=entry, key=key, line=line)
        text = f"{where}: {message}" if where else message
        text = text[:1].upper() + text[1:]
        super().__init__(text, code="malformed")

    def __str__(self) -> str:
        return self.message


def clean_text(value: object) -> str:
    """Collapse runs of whitespace (including line breaks inside a field) to single spaces."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = " ".join(str(v) for v in value)
    return _WHITESPACE.sub(" ", str(value)).strip()


def clean_title(value: object) -> str:
    """A title without the closing period MEDLINE and some exporters add (AMA adds its own)."""
    title = clean_text(value)
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()
    return title


def parse_year(value: object) -> int | None:
    """The first plausible four-digit year in a date such as "2007 Oct 2" or "2007/10/02/"."""
    match = _YEAR.search(clean_text(value))
    return int(match.group(1)) if match else None


def join_pages(start: object, end: object = "") -> str:
    start, end = clean_text(start), clean_text(end)
    if start and end and end != start:
        return f"{start}-{end}"
    return start or end


def parse_date(value: object) -> datetime.date | None:
    """A full date ("2025/03/03/", "2025-03-03", "3 March 2025", "March 3, 2025", "2025 Mar 3", CSL's
    ``{"date-parts": [[2025, 3, 3]]}``); None for anything less precise or impossible."""
    if isinstance(value, dict):
        parts = value.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and len(parts[0]) >= 3:
            return _date(*parts[0][:3])
        return parse_date(value.get("raw") or value.get("literal"))
    text = clean_text(value)
    match = _NUMERIC_DATE.match(text)
    if match:
        return _date(*match.groups())
    match = _WORDY_DATE.match(text.rstrip("."))
    if match:
        g = match.groups()
        day, month, year = (g[0], g[1], g[2]) if g[0] else (g[4], g[3], g[5]) if g[3] else (g[8], g[7], g[6])
        number = _MONTHS.get(month.lower())
        return _date(year, number, day) if number else None
    return None


def _date(year: object, month: object, day: object) -> datetime.date | None:
    try:
        return datetime.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def clean_isbn(*values: object) -> str:
    """The first valid ISBN among ``values``, as ISBN-13; "" if there is none (an ISSN is no ISBN)."""
    return first_isbn(*(clean_text(v) if not isinstance(v, list | tuple) else v for v in values))


def clean_pmcid(value: object) -> str:
    pmcid = normalize_pmcid(clean_text(value))
    return pmcid if is_valid_pmcid(pmcid) else ""


def clean_doi(value: object) -> str:
    return normalize_doi(clean_text(value))


def clean_pmid(value: object) -> str:
    return normalize_pmid(clean_text(value))


def pmid_from_text(*values: object) -> str:
    """A PMID written as "PMID: 17909209" in a note, or a PubMed URL."""
    for value in values:
        text = clean_text(value)
        match = _PMID_IN_TEXT.search(text) or _PUBMED_URL.match(text)
        if match:
            return match.group(1)
    return ""


def pmcid_from_text(*values: object) -> str:
    """A PMCID written as "PMCID: PMC1234567" in a note (as Zotero keeps it in "Extra")."""
    for value in values:
        match = _PMCID_IN_TEXT.search(clean_text(value))
        if match:
            return clean_pmcid(match.group(1))
    return ""


def split_urls(values: object) -> tuple[str, str, str]:
    """(url, doi, pmid) from a list of links: doi.org and PubMed links become identifiers."""
    items = values if isinstance(values, list | tuple) else [values]
    url = doi = pmid = ""
    for item in (clean_text(v) for v in items):
        if not item:
            continue
        if _DOI_URL.match(item):
            doi = doi or normalize_doi(item)
        elif _PUBMED_URL.match(item):
            pmid = pmid or pmid_from_text(item)
        else:
            url = url or item
    return url, doi, pmid
