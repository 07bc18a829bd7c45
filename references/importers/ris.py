"""RIS, as Zotero, EndNote, Mendeley and most databases export it, read with rispy.

rispy is lenient: it silently drops an entry without ``ER`` and reads a mistyped tag as
text of the line before. So the file's structure is checked first, line by line, and any
fault is reported with its entry and line before rispy reads the fields.
"""

import re

import rispy
from django.utils.translation import gettext as _

from .records import (
    ImportFormatError,
    ParsedReference,
    clean_doi,
    clean_isbn,
    clean_pmid,
    clean_text,
    clean_title,
    join_pages,
    parse_date,
    parse_year,
    pmcid_from_text,
    pmid_from_text,
    split_urls,
)
from .types import type_from_ris

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: |$)")
_BROKEN_TAG_LINE = re.compile(r"^(?:[A-Z][A-Z0-9] {0,3}-(?: |$)|[a-z][a-z0-9]  - )")
_BOOK_TYPES = {"BOOK", "EBOOK", "EDBOOK", "CHAP", "ECHAP", "RPRT", "GOVDOC", "STAND"}


def _check_structure(lines: list[str]) -> list[int]:
    """The line number of every entry's ``TY`` line; raises ImportFormatError on a broken file."""
    starts: list[int] = []
    open_since: int | None = None
    for number, line in enumerate(lines, start=1):
        match = _TAG_LINE.match(line)
        tag = match.group(1) if match else None
        if tag is None and _BROKEN_TAG_LINE.match(line):
            raise ImportFormatError(
                _(
                    "“%(text)s” is not a valid RIS tag line: a tag is two capital letters, two spaces, a hyphen and a space, as in “AU  - ”."
                )
                % {"text": line.strip()[:60]},
                entry=len(starts) if open_since else None,
                line=number,
            )
        if tag == "TY":
            if open_since is not None:
                raise ImportFormatError(
                    _("the entry has no “ER  - ” line before the next entry starts on line %(next)s.")
                    % {"next": number},
                    entry=len(starts),
                    line=open_since,
                )
            starts.append(number)
            open_since = number
        elif tag == "ER":
            if open_since is None:
                raise ImportFormatError(_("“ER  - ” ends an entry that never started with “TY  - ”."), line=number)
            open_since = None
        elif tag is not None and open_since is None:
            raise ImportFormatError(
                _("the tag %(tag)s is outside an entry; every entry starts with “TY  - ” and ends with “ER  - ”.")
                % {"tag": tag},
                line=number,
            )
    if open_since is not None:
        raise ImportFormatError(
            _("the entry is not closed: the file ends before its “ER  - ” line."), entry=len(starts), line=open_since
        )
    return starts


def _first(record: dict, *names: str) -> str:
    for name in names:
        value = clean_text(record.get(name))
        if value:
            return value
    return ""


def _record(raw: dict, *, entry: int, line: int) -> ParsedReference:
    ris_type = clean_text(raw.get("type_of_reference")).upper()
    url, doi_from_url, pmid_from_url = split_urls(raw.get("urls") or [])
    accession = clean_text(raw.get("accession_number"))
    publication_types = re.split(r"[;\n]", str(raw.get("type_of_work") or ""))  # EndNote keeps PubMed's here
    if ris_type in _BOOK_TYPES:
        source = _first(raw, "publisher", "secondary_title")
    else:
        source = _first(
            raw, "alternate_title1", "alternate_title2", "secondary_title", "journal_name", "alternate_title3"
        )
        source = source or _first(raw, "publisher")
    return ParsedReference(
        title=clean_title(_first(raw, "title", "primary_title", "short_title")),
        authors=[clean_text(a).rstrip(",").strip() for a in [*raw.get("first_authors", []), *raw.get("authors", [])]],
        source=source,
        year=parse_year(_first(raw, "year", "publication_year", "date")),
        volume=_first(raw, "volume"),
        issue=_first(raw, "number"),
        pages=join_pages(raw.get("start_page"), raw.get("end_page")),
        doi=clean_doi(raw.get("doi")) or doi_from_url,
        pmid=(clean_pmid(accession) if accession.isdigit() else "")
        or pmid_from_text(*(raw.get("notes") or []), raw.get("note"), raw.get("custom1"), raw.get("custom2"))
        or pmid_from_url,
        url=url,
        isbn=clean_isbn(raw.get("issn")),  # RIS keeps ISBN and ISSN in one tag, SN; only a valid ISBN counts
        pmcid=pmcid_from_text(*(raw.get("notes") or []), raw.get("note"), raw.get("custom1"), raw.get("custom2")),
        accessed=parse_date(raw.get("access_date")),  # Y2
        type=type_from_ris(ris_type, publication_types),
        key=clean_text(raw.get("id")),
        entry=entry,
        line=line,
    )


def parse(text: str) -> list[ParsedReference]:
    """Every entry of a RIS file, in file order."""
    lines = text.split("\n")
    starts = _check_structure(lines)
    if not starts:
        raise ImportFormatError(_("no RIS entries found: an entry starts with “TY  - ” and ends with “ER  - ”."))
    raw_entries = rispy.loads(text)
    if len(raw_entries) != len(starts):  # the structure check should make this impossible
        raise ImportFormatError(
            _("found %(found)s entries but could read only %(read)s.")
            % {"found": len(starts), "read": len(raw_entries)}
        )
    return [_record(raw, entry=n, line=line) for n, (raw, line) in enumerate(zip(raw_entries, starts, strict=True), 1)]
