"""The citation-health report: one CSV row per reference of the library, with what is known about it.

Apps above this one may add columns without this app importing them: ``register_report_column``
takes a header and a function from a list of references to ``{reference pk: value}`` (the articles
app can add "cited by N articles" that way).
"""

import csv
from collections.abc import Callable, Iterable, Iterator

from django.utils.translation import gettext as _

from .models import Finding, Reference

CHUNK = 500
_EXTRA_COLUMNS: dict[str, tuple[str, Callable[[list[Reference]], dict[int, object]]]] = {}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def register_report_column(name: str, header: str, values: Callable[[list[Reference]], dict[int, object]]) -> None:
    """Add (or replace, by ``name``) a column to the report; ``values`` is called once per chunk of rows."""
    _EXTRA_COLUMNS[name] = (header, values)


def _cell(value: object) -> str:
    """Text a spreadsheet shows as text: a cell that would start a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _yes(flag: bool) -> str:
    return _("yes") if flag else ""


def header() -> list[str]:
    return [
        _("Citation key"), _("Title"), _("Type"), _("Year"), _("DOI"), _("PMID"), _("PMCID"), _("ISBN"), _("URL"),
        _("Retracted"), _("Corrected"), _("Expression of concern"), _("Superseded by"), _("Link status"),
        _("Link ends at"), _("Link checked"), _("Identifiers checked"), _("Last check error"), _("Open findings"),
        *(column_header for column_header, _values in _EXTRA_COLUMNS.values()),
    ]  # fmt: skip


def rows(references: Iterable[Reference] | None = None) -> Iterator[list[str]]:
    """The report's rows, a chunk of references (three queries) at a time."""
    queryset = Reference.objects.library().with_health().order_by("citation_key")
    chunk: list[Reference] = []
    for reference in queryset.iterator(chunk_size=CHUNK) if references is None else references:
        chunk.append(reference)
        if len(chunk) == CHUNK:
            yield from _rows(chunk)
            chunk = []
    if chunk:
        yield from _rows(chunk)


def _rows(chunk: list[Reference]) -> Iterator[list[str]]:
    extra = [values(chunk) for _header, values in _EXTRA_COLUMNS.values()]
    for reference in chunk:
        health = reference.health
        check = getattr(reference, "last_check", None) if hasattr(reference, "last_check") else None
        findings = "; ".join(f.describe() for f in health.findings if f.kind != Finding.Kind.SUPERSEDED)
        yield [
            _cell(value)
            for value in (
                reference.citation_key,
                reference.title,
                reference.get_type_display(),
                reference.year or "",
                reference.doi,
                reference.pmid,
                reference.pmcid,
                reference.isbn,
                reference.url,
                _yes(health.is_retracted),
                _yes(health.is_corrected),
                _yes(health.has_expression_of_concern),
                health.superseded_by.citation_key if health.superseded_by else "",
                check.get_link_status_display() if check and check.link_status else "",
                health.link_final_url if health.link_final_url != reference.url else "",
                check.link_checked_at.isoformat(timespec="minutes") if check and check.link_checked_at else "",
                check.sources_checked_at.isoformat(timespec="minutes") if check and check.sources_checked_at else "",
                check.sources_error if check else "",
                findings,
                *(values.get(reference.pk, "") for values in extra),
            )
        ]


class Echo:
    """A file-like object whose ``write`` returns what it was given, for streaming CSV."""

    def write(self, value: str) -> str:
        return value


def csv_lines(references: Iterable[Reference] | None = None) -> Iterator[str]:
    writer = csv.writer(Echo())
    yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
    yield writer.writerow(header())
    for row in rows(references):
        yield writer.writerow(row)
