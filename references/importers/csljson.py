"""CSL-JSON, the format of Zotero's "CSL JSON" export, citeproc and pandoc: a list of items."""

import json

from django.utils.translation import gettext as _

from .records import (
    ImportFormatError,
    ParsedReference,
    clean_doi,
    clean_pmid,
    clean_text,
    clean_title,
    parse_year,
    pmid_from_text,
    split_urls,
)
from .types import type_from_csl

_BOOK_TYPES = {"book", "chapter", "report", "standard"}


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
    key = clean_text(item.get("id"))
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
        type=type_from_csl(csl_type, [text("genre")]),
        key=key,
        entry=entry,
    )


def parse(text: str) -> list[ParsedReference]:
    """Every item of a CSL-JSON file (a list of items, or one item), in file order."""
    try:
        data = json.loads(text)
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
