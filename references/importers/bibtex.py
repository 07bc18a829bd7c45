"""BibTeX and BibLaTeX, as Zotero, JabRef and Google Scholar export them, read with bibtexparser 2.

bibtexparser splits the file and keeps unreadable blocks as ``failed_blocks``; any such
block makes the file malformed. Names are split by bibtexparser's BibTeX rules and LaTeX
(``M{\\"u}ller``) is decoded to text with pylatexenc, which bibtexparser itself uses.
"""

import logging
import re

import bibtexparser
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from bibtexparser.model import DuplicateBlockKeyBlock, Entry
from django.utils.translation import gettext as _
from pylatexenc.latex2text import LatexNodes2Text

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
from .types import type_from_bibtex

# bibtexparser logs each unreadable block as a warning; we raise it as ImportFormatError with the
# same detail, so the log line would only repeat it (on the console of the import command, too).
logging.getLogger("bibtexparser.splitter").setLevel(logging.ERROR)

_DECODER = LatexNodes2Text(math_mode="verbatim")
# In a .bib file "%" and "&" inside a field are meant literally; LaTeX would read a comment and a tab.
_BARE_SPECIAL = re.compile(r"(?<!\\)([%&])")
_LITERAL_ESCAPES = re.compile(r"\\([_%&#$])")
_BLOCK_KEY = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s]+)")
_PAGE_DASHES = re.compile(r"\s*(?:-{1,3}|\u2013|\u2014)\s*")
# Real titles nest braces three or four deep ({\\"{u}}, {{DNA}}); LaTeX decoding recurses per level.
MAX_BRACE_DEPTH = 20
_BRACES = re.compile(r"[{}]")
_BOOK_TYPES = {"book", "inbook", "incollection", "booklet", "mvbook", "collection", "techreport", "report", "manual"}


def _decode(value: str) -> str:
    return clean_text(_DECODER.latex_to_text(_BARE_SPECIAL.sub(r"\\\1", value)))


def _literal(value: str) -> str:
    """Identifiers and links: no LaTeX decoding (a "%" in a URL is not a comment), only escapes."""
    return clean_text(_LITERAL_ESCAPES.sub(r"\1", value).replace("{", "").replace("}", ""))


def _name(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith("{") and raw.endswith("}") and raw.count("{") == 1:
        return _decode(raw)  # {World Health Organization}: a corporate name, kept whole
    parts = parse_single_name_into_parts(raw, strict=False)
    family = _decode(" ".join([*parts.von, *parts.last]))
    given = _decode(" ".join(parts.first))
    suffix = _decode(" ".join(parts.jr))
    if not given:
        return family
    return ", ".join(p for p in (family, given, suffix) if p)


def _brace_depth(value: str) -> int:
    depth = deepest = 0
    for brace in _BRACES.findall(value):
        depth += 1 if brace == "{" else -1
        deepest = max(deepest, depth)
    return deepest


def _record(entry: Entry, *, number: int) -> ParsedReference:
    fields = {field.key.lower(): field.value for field in entry.fields if isinstance(field.value, str)}
    for name, value in fields.items():
        if _brace_depth(value) > MAX_BRACE_DEPTH:
            raise ImportFormatError(
                _("the field “%(field)s” nests braces more than %(depth)s levels deep. Check the braces of this entry.")
                % {"field": name[:40], "depth": MAX_BRACE_DEPTH},
                entry=number,
                key=entry.key,
                line=(entry.start_line or 0) + 1,
            )

    def text(*names: str) -> str:
        return next((_decode(fields[n]) for n in names if fields.get(n, "").strip()), "")

    url, doi_from_url, pmid_from_url = split_urls(_literal(fields.get("url", "")))
    eprint_pmid = _literal(fields.get("eprint", "")) if fields.get("eprinttype", "").lower() == "pubmed" else ""
    entry_type = entry.entry_type.lower()
    journal = text("shortjournal", "journal", "journaltitle")
    if entry_type in _BOOK_TYPES:
        source = text("publisher", "institution", "organization")
    else:
        source = journal or text("booktitle", "organization", "publisher", "institution", "howpublished")
    return ParsedReference(
        title=clean_title(text("title")),
        authors=[_name(n) for n in split_multiple_persons_names(fields.get("author", "")) if n.strip()],
        source=source,
        year=parse_year(text("year") or text("date")),
        volume=text("volume"),
        issue="" if entry_type in _BOOK_TYPES else text("number", "issue"),  # a report's number is no issue
        pages=_PAGE_DASHES.sub("-", text("pages")),
        doi=clean_doi(_literal(fields.get("doi", ""))) or doi_from_url,
        pmid=clean_pmid(_literal(fields.get("pmid", "")))
        or clean_pmid(eprint_pmid)
        or pmid_from_text(text("note"), text("annote"), text("extra"))
        or pmid_from_url,
        url=url,
        isbn=clean_isbn(_literal(fields.get("isbn", ""))),
        pmcid=clean_pmcid(_literal(fields.get("pmcid", ""))) or pmcid_from_text(text("note"), text("extra")),
        accessed=parse_date(_literal(fields.get("urldate", ""))),
        type=type_from_bibtex(
            entry_type, has_journal=bool(journal), has_url=bool(url), publication_types=[text("type"), text("pubtype")]
        ),
        key=entry.key,
        entry=number,
        line=(entry.start_line or 0) + 1,
    )


def parse(text: str) -> list[ParsedReference]:
    """Every entry of a BibTeX file, in file order; @string, @preamble and @comment are used or skipped."""
    library = bibtexparser.parse_string(text)
    entries: list[Entry] = list(library.entries)
    for failed in sorted(library.failed_blocks, key=lambda b: b.start_line or 0):
        if isinstance(failed, DuplicateBlockKeyBlock) and isinstance(failed.ignore_error_block, Entry):
            entries.append(failed.ignore_error_block)  # keys are made unique later, like any clash
            continue
        key_match = _BLOCK_KEY.match((failed.raw or "").strip())
        reason = getattr(failed.error, "abort_reason", "") or str(failed.error) or _("unreadable BibTeX.")
        reason = clean_text(reason).rstrip(".") + ". " + _("Check the braces and quotes of this entry.")
        position = sum(1 for e in entries if (e.start_line or 0) < (failed.start_line or 0)) + 1
        raise ImportFormatError(
            clean_text(reason),
            entry=position,
            key=key_match.group(1) if key_match else "",
            line=(failed.start_line or 0) + 1,
        )
    if not entries:
        raise ImportFormatError(_("no BibTeX entries found: an entry looks like “@article{key, title = {…}}”."))
    entries.sort(key=lambda e: e.start_line or 0)
    return [_readable_record(entry, number=n) for n, entry in enumerate(entries, start=1)]


def _readable_record(entry: Entry, *, number: int) -> ParsedReference:
    """``_record``, refusing what LaTeX decoding cannot read without exhausting the stack (deep \\begin{…})."""
    try:
        return _record(entry, number=number)
    except RecursionError as error:
        raise ImportFormatError(
            _("the entry nests LaTeX groups or environments too deeply to be read. Simplify its fields."),
            entry=number,
            key=entry.key,
            line=(entry.start_line or 0) + 1,
        ) from error
