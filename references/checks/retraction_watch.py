"""The Retraction Watch database, as Crossref distributes it: one CSV file (UTF-8), a row per notice.

Rows are matched to the library by ``OriginalPaperDOI`` (in any case) and ``OriginalPaperPubMedID``;
``RetractionNature`` says what the notice is. The file is read as a stream, row by row, so a file of
hundreds of megabytes needs little memory, and written in one transaction: a file with the wrong
columns, an encoding other than UTF-8 or a broken row stores nothing.
"""

import codecs
import csv
import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from references.identifiers import doi_key, doi_url, is_valid_pmid, normalize_doi, pubmed_url
from references.models import Finding, Reference
from references.services.findings import FindingData, findings_store

REQUIRED_COLUMNS = (
    "Record ID",
    "Title",
    "RetractionDate",
    "RetractionDOI",
    "RetractionPubMedID",
    "OriginalPaperDOI",
    "OriginalPaperPubMedID",
    "RetractionNature",
)
# The other columns of the distributed file, read when present: Subject, Institution, Journal,
# Publisher, Country, Author, URLS, ArticleType, OriginalPaperDate, Reason, Paywalled, Notes.
KINDS = {
    "retraction": Finding.Kind.RETRACTED,
    "correction": Finding.Kind.CORRECTED,
    "expression of concern": Finding.Kind.EXPRESSION_OF_CONCERN,
    "reinstatement": Finding.Kind.REINSTATED,
}
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_EMPTY = {"", "unavailable", "0", "na", "n/a", "none"}
csv.field_size_limit(1024 * 1024)  # a Notes or Reason cell can be long; a megabyte is not a cell


@dataclass
class RetractionWatchResult:
    rows: int = 0
    matched: int = 0  # rows naming a reference of the library
    findings: list[Finding] = field(default_factory=list)  # new ones
    unknown_natures: dict[str, int] = field(default_factory=dict)


def _date(value: str) -> datetime.date | None:
    value = value.strip()
    for pattern, order in ((_US_DATE, (2, 0, 1)), (_ISO_DATE, (0, 1, 2))):
        match = pattern.match(value)
        if match:
            parts = match.groups()
            try:
                return datetime.date(int(parts[order[0]]), int(parts[order[1]]), int(parts[order[2]]))
            except ValueError:
                return None
    return None


def _decoded_text(stream: BinaryIO, chunk_size: int = 1 << 16) -> Iterator[str]:
    """The file as text, a chunk at a time; a byte sequence that is not UTF-8 stops it with its position."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
    position = 0
    while True:
        chunk = stream.read(chunk_size)
        try:
            text = decoder.decode(chunk or b"", final=not chunk)
        except UnicodeDecodeError as error:
            raise ValidationError(
                _(
                    "The file is not UTF-8 text (an unreadable byte near byte %(position)s). Retraction Watch "
                    "distributes its data as UTF-8 CSV: upload the file as downloaded, or save it as “CSV UTF-8”."
                )
                % {"position": position + error.start},
                code="encoding",
            ) from error
        position += len(chunk or b"")
        if text:
            yield text
        if not chunk:
            return


def _lines(pieces: Iterable[str]) -> Iterator[str]:
    """Whole lines, each with its "\n", from pieces of text that may end mid-line."""
    pending = ""
    for piece in pieces:
        *complete, pending = (pending + piece).split("\n")
        yield from (line + "\n" for line in complete)
    if pending:
        yield pending


def _check_header(header: list[str] | None) -> None:
    if not header:
        raise ValidationError(_("The file is empty."), code="empty")
    names = [name.strip() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise ValidationError(
            _(
                "This is not the Retraction Watch CSV file: it lacks the column(s) %(missing)s. Its first line "
                "names %(found)s."
            )
            % {"missing": ", ".join(missing), "found": ", ".join(names[:12]) or _("no columns")},
            code="columns",
        )


def _index() -> tuple[dict[str, list[Reference]], dict[str, list[Reference]]]:
    by_doi: dict[str, list[Reference]] = {}
    by_pmid: dict[str, list[Reference]] = {}
    for reference in Reference.objects.library().exclude(doi="", pmid="").only("pk", "citation_key", "doi", "pmid"):
        if reference.doi:
            by_doi.setdefault(doi_key(reference.doi), []).append(reference)
        if reference.pmid:
            by_pmid.setdefault(reference.pmid, []).append(reference)
    return by_doi, by_pmid


def import_retraction_watch(
    stream: BinaryIO, *, tick: Callable[[int], None] | None = None, actor: object = None
) -> RetractionWatchResult:
    """Read the Retraction Watch CSV from ``stream`` (bytes) and store a finding on every reference of
    the library that a row names. All or nothing: ValidationError, and nothing stored, for a file with
    the wrong columns, an encoding other than UTF-8 or an unreadable row.

    For editors with ``references.change_reference`` (the admin checks it) and the command line.
    ``tick(rows)`` is called as rows are read."""
    result = RetractionWatchResult()
    by_doi, by_pmid = _index()
    with transaction.atomic():
        reader = csv.reader(_lines(_decoded_text(stream)), strict=True)
        try:
            header = next(reader, None)
            _check_header(header)
            columns = {name.strip(): position for position, name in enumerate(header)}
            for row in reader:
                result.rows += 1
                if tick and result.rows % 1000 == 0:
                    tick(1000)
                if not any(cell.strip() for cell in row):
                    continue
                _row(row, columns, by_doi, by_pmid, result, line=reader.line_num)
        except csv.Error as error:
            raise ValidationError(
                _("Line %(line)s of the file is not valid CSV (%(error)s); nothing was stored.")
                % {"line": reader.line_num, "error": error},
                code="csv",
            ) from error
        if tick:
            tick(result.rows % 1000)
    return result


def _row(row, columns, by_doi, by_pmid, result: RetractionWatchResult, *, line: int) -> None:
    def cell(name: str) -> str:
        position = columns.get(name)
        return row[position].strip() if position is not None and position < len(row) else ""

    doi = normalize_doi(cell("OriginalPaperDOI"))
    pmid = cell("OriginalPaperPubMedID")
    references = {r.pk: r for r in by_doi.get(doi_key(doi), []) if doi.lower() not in _EMPTY}
    if pmid.lower() not in _EMPTY and is_valid_pmid(pmid):
        references.update({r.pk: r for r in by_pmid.get(pmid, [])})
    if not references:
        return
    nature = cell("RetractionNature")
    kind = KINDS.get(nature.lower())
    if kind is None:
        result.unknown_natures[nature] = result.unknown_natures.get(nature, 0) + 1
        return
    result.matched += 1
    notice_doi = normalize_doi(cell("RetractionDOI"))
    notice_doi = "" if notice_doi.lower() in _EMPTY else notice_doi
    notice_pmid = cell("RetractionPubMedID")
    notice_pmid = notice_pmid if notice_pmid.lower() not in _EMPTY and is_valid_pmid(notice_pmid) else ""
    record_id = cell("Record ID")
    data = FindingData(
        kind=kind,
        source=Finding.Source.RETRACTION_WATCH,
        notice_id=f"record:{record_id}" if record_id else doi_key(notice_doi) or f"line:{line}",
        notice_doi=notice_doi,
        notice_url=doi_url(notice_doi) or pubmed_url(notice_pmid),
        notice_date=_date(cell("RetractionDate")),
        details={
            key: value
            for key, value in {
                "record_id": record_id,
                "nature": nature,
                "reason": cell("Reason")[:2000],
                "notice_pmid": notice_pmid,
                "journal": cell("Journal")[:300],
                "urls": cell("URLS")[:1000],
            }.items()
            if value
        },
    )
    for reference in references.values():
        result.findings += findings_store(reference=reference, findings=[data])
