"""CSL-JSON, the format of Zotero's "CSL JSON" export, citeproc and pandoc: a list of items."""

import json
import re

from django.utils.translation import gettext as _

from .records import (
    ImportFormatError,
    ParsedReference,
    clean_doi,
    clean_isbn,
    clean_pmcid,
    clean_pmid,
    clean_text,
    clean_title,
    parse_date,
    parse_year,
    pmcid_from_text,
    pmid_from_text,
    split_urls,
)
from .types import type_from_csl

_BOOK_TYPES = {"book", "chapter", "report", "standard"}
# A CSL-JSON file nests five levels at most (list, item, "issued", "date-parts", a date). Deeper
# data is not a reference file, and Python's JSON reader would run out of stack on it.
MAX_DEPTH = 20
# Years, volumes and page numbers have a few digits; Python refuses to read numbers past 4,300.
MAX_DIGITS = 20
_STRUCTURE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


class _HugeNumber(str):
    """A number too long to be anything in a reference, kept as its digits until the entry is known."""


def _number(digits: str) -> int | str:
    return int(digits) if len(digits.lstrip("-")) <= MAX_DIGITS else _HugeNumber(digits)


def _check_nesting(text: str) -> None:
    """Raise ImportFormatError, naming the entry, where arrays and objects nest deeper than MAX_DEPTH."""
    depth, entry, top_is_list = 0, 0, True
    for match in _STRUCTURE.finditer(text):
        mark = match.group()
        if mark[0] == '"':
            continue
        if mark in "]}":
            depth -= 1
            continue
        depth += 1
        if depth == 1:
            top_is_list, entry = mark == "[", 0 if mark == "[" else 1
        elif depth == 2 and top_is_list:
            entry += 1
        if depth > MAX_DEPTH:
            raise ImportFormatError(
                _("the data is nested more than %(depth)s levels deep; a CSL-JSON item needs only a few levels.")
                % {"depth": MAX_DEPTH},
                entry=entry or None,
                line=text.count("\n", 0, match.start()) + 1,
            )


def _huge_number(value: object) -> str | None:
    if isinstance(value, _HugeNumber):
        return value
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return next((found for child in children if (found := _huge_number(child))), None)


def _name(name: object, *, entry: int, key: str) -> str:
    if not isinstance(name, dict):
        raise ImportFormatError(
            _("an author must be an object such as {“family”: …, “given”: …}."), entry=entry, key=key
        )
    if clean_text(name.get("literal")):
        return clean_text(name.get("literal"))
    family = " ".join(
        clean_text(name.get(part))
        for part in ("dropping-particle", "non-dropping-particle", "family")
        if clean_text(name.get(part))
    )
    given, suffix = clean_text(name.get("given")), clean_text(name.get("suffix"))
    if not given or not family:
        return family or given
    return ", ".join(p for p in (family, given, suffix) if p)


def _year(issued: object) -> int | None:
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return parse_year(parts[0][0])
        return parse_year(issued.get("raw") or issued.get("literal"))
    return parse_year(issued)


def _record(item: object, *, entry: int) -> ParsedReference:
    if not isinstance(item, dict):
        raise ImportFormatError(_("each item must be a JSON object."), entry=entry)
    key = clean_text(item.get("id"))[:100]
    huge = _huge_number(item)
    if huge:
        raise ImportFormatError(
            _("a number has %(digits)s digits; numbers in a reference (years, volumes, pages) have a few.")
            % {"digits": len(huge.lstrip("-"))},
            entry=entry,
            key=key,
        )
    authors = item.get("author") or []
    if not isinstance(authors, list):
        raise ImportFormatError(_("“author” must be a list of names."), entry=entry, key=key)

    def text(*names: str) -> str:
        return next((clean_text(item[n]) for n in names if clean_text(item.get(n))), "")

    csl_type = text("type")
    url, doi_from_url, pmid_from_url = split_urls(text("URL"))
    if csl_type in _BOOK_TYPES:
        source = text("publisher", "container-title")
    else:
        source = text("container-title-short", "journalAbbreviation", "container-title", "publisher")
    return ParsedReference(
        title=clean_title(text("title")),
        authors=[a for a in (_name(n, entry=entry, key=key) for n in authors) if a],
        source=source,
        year=_year(item.get("issued")),
        volume=text("volume"),
        issue=text("issue"),
        pages=text("page"),
        doi=clean_doi(text("DOI")) or doi_from_url,
        pmid=clean_pmid(text("PMID")) or pmid_from_text(text("note")) or pmid_from_url,
        url=url,
        isbn=clean_isbn(text("ISBN")),
        pmcid=clean_pmcid(text("PMCID")) or pmcid_from_text(text("note")),
        accessed=parse_date(item.get("accessed")),
        type=type_from_csl(csl_type, [text("genre")]),
        key=key,
        entry=entry,
    )


def parse(text: str) -> list[ParsedReference]:
    """Every item of a CSL-JSON file (a list of items, or one item), in file order."""
    _check_nesting(text)
    try:
        data = json.loads(text, parse_int=_number)
    except RecursionError as error:  # _check_nesting should make this impossible
        raise ImportFormatError(_("the data is nested too deeply to be read.")) from error
    except json.JSONDecodeError as error:
        raise ImportFormatError(
            _("this is not valid JSON (%(problem)s, column %(column)s).")
            % {"problem": error.msg, "column": error.colno},
            line=error.lineno,
        ) from error
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ImportFormatError(_("CSL-JSON is a list of items, each a JSON object."))
    if not data:
        raise ImportFormatError(_("the file holds an empty list: no references to import."))
    return [_record(item, entry=n) for n, item in enumerate(data, start=1)]
