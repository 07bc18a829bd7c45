"""PubMed's MEDLINE format (the ``.nbib`` file of PubMed's "Send to: Citation manager").

No maintained parser fits our pins, and the format is small: a tag of up to four
characters padded to four, "- ", the value; a value continues on lines indented six
spaces; a blank line ends a record. Tags repeat (FAU, AU, PT, AID), in file order.
"""

import re

from django.utils.translation import gettext as _

from references.models import Reference

from .records import (
    ImportFormatError,
    ParsedReference,
    clean_doi,
    clean_isbn,
    clean_pmcid,
    clean_pmid,
    clean_text,
    clean_title,
    parse_year,
)
from .types import type_from_publication_types

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]{1,3}) {0,2}-(?: (.*)|)$")
_CONTINUATION = "      "
_DOI_ID = re.compile(r"^(\S+)\s*\[doi\]$", re.IGNORECASE)
_PMC_ID = re.compile(r"^(PMC\d+)\s*\[pmc\]$", re.IGNORECASE)
_SUFFIXES = {"Jr", "Sr", "2nd", "3rd", "II", "III", "IV"}


def _records(text: str) -> list[tuple[int, list[tuple[str, str]]]]:
    """(first line, [(tag, value), ...]) for every record, continuation lines joined."""
    records: list[tuple[int, list[tuple[str, str]]]] = []
    fields: list[tuple[str, str]] | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            fields = None
            continue
        match = _TAG_LINE.match(line)
        if match and len(line) >= 5 and line[4] == "-":
            if fields is None:
                fields = []
                records.append((number, fields))
            fields.append((match.group(1), (match.group(2) or "").strip()))
        elif line.startswith(_CONTINUATION) and fields:
            tag, value = fields[-1]
            fields[-1] = (tag, f"{value} {line.strip()}")
        else:
            raise ImportFormatError(
                _(
                    "“%(text)s” is neither a tag line (a tag padded to four characters, then “- ”, as in “TI  - ”) "
                    "nor a continuation line (indented six spaces)."
                )
                % {"text": line.strip()[:60]},
                entry=len(records) if fields else None,
                line=number,
            )
    return records


def _person(family: str, given: str) -> str:
    """ "Cross", "J Thomas Jr" -> "Cross, J Thomas, Jr": MEDLINE appends suffixes to the given names."""
    given, _space, last = given.rpartition(" ")
    if given and last in _SUFFIXES:
        return f"{family}, {given}, {last}"
    given = f"{given} {last}".strip()
    return f"{family}, {given}" if given else family


def _authors(fields: list[tuple[str, str]]) -> list[str]:
    """Full names (FAU) where given, else short ones (AU: "Chou R" -> "Chou, R"); groups (CN) as named."""
    has_full = any(tag == "FAU" for tag, _ in fields)
    authors = []
    for tag, value in fields:
        value = clean_text(value)
        if tag == "CN":
            authors.append(value)
        elif tag == "FAU" and has_full:
            family, _comma, given = value.partition(",")
            authors.append(_person(family.strip(), given.strip()))
        elif tag == "AU" and not has_full:
            parts = value.split(" ")
            if len(parts) > 2 and parts[-1] in _SUFFIXES:  # "Cross JT Jr"
                authors.append(_person(" ".join(parts[:-2]), f"{parts[-2]} {parts[-1]}"))
            else:
                authors.append(_person(" ".join(parts[:-1]), parts[-1]) if len(parts) > 1 else value)
    return [a for a in authors if a]


def _record(fields: list[tuple[str, str]], *, entry: int, line: int) -> ParsedReference:
    values: dict[str, list[str]] = {}
    for tag, value in fields:
        values.setdefault(tag, []).append(value)

    def first(*tags: str) -> str:
        return next((clean_text(values[t][0]) for t in tags if values.get(t) and clean_text(values[t][0])), "")

    doi = ""
    for value in [*values.get("LID", []), *values.get("AID", [])]:
        match = _DOI_ID.match(value.strip())
        if match:
            doi = clean_doi(match.group(1))
            break
    pmcid = clean_pmcid(first("PMC"))
    for value in values.get("AID", []):
        match = _PMC_ID.match(value.strip())
        if match and not pmcid:
            pmcid = clean_pmcid(match.group(1))
    is_book = bool(values.get("BTI")) and not values.get("TA")
    publication_types = values.get("PT", [])
    return ParsedReference(
        title=clean_title(first("TI", "BTI")),
        authors=_authors(fields),
        source=first("PB") if is_book else first("TA", "JT"),
        year=parse_year(first("DP", "DEP")),
        volume=first("VI"),
        issue=first("IP"),
        pages=first("PG"),
        doi=doi,
        pmid=clean_pmid(first("PMID")),
        pmcid=pmcid,
        isbn=clean_isbn(values.get("ISBN", [])),
        type=Reference.Type.BOOK
        if is_book
        else (type_from_publication_types(publication_types) or Reference.Type.JOURNAL_ARTICLE),
        entry=entry,
        line=line,
    )


def parse(text: str) -> list[ParsedReference]:
    """Every record of a MEDLINE file, in file order."""
    records = _records(text)
    if not records:
        raise ImportFormatError(_("no PubMed records found: a record starts with a line such as “PMID- 17909209”."))
    return [_record(fields, entry=n, line=line) for n, (line, fields) in enumerate(records, start=1)]
