"""Reading reference files: RIS, BibTeX, PubMed MEDLINE (.nbib) and CSL-JSON.

``parse_references(text)`` detects the format from the content, parses every entry into a
``ParsedReference`` and suggests a citation key for each. Nothing here touches the
database; checking entries against the library is ``references.services``' job.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import bibtex, csljson, nbib, ris
from .decoding import check_control_characters, decode_file, normalize_text
from .keys import generated_key, key_from_file
from .records import ImportFormatError, ParsedReference

__all__ = [
    "FORMATS",
    "FORMAT_LABELS",
    "ImportFormatError",
    "ParsedFile",
    "ParsedReference",
    "decode_file",
    "detect_format",
    "parse_references",
]

FORMATS: dict[str, Callable[[str], list[ParsedReference]]] = {
    "ris": ris.parse,
    "bibtex": bibtex.parse,
    "nbib": nbib.parse,
    "csljson": csljson.parse,
}
FORMAT_LABELS = {
    "ris": gettext_lazy("RIS"),
    "bibtex": gettext_lazy("BibTeX"),
    "nbib": gettext_lazy("PubMed (MEDLINE / .nbib)"),
    "csljson": gettext_lazy("CSL-JSON"),
}
_MARKERS = {
    "ris": re.compile(r"^TY  -", re.MULTILINE),
    "nbib": re.compile(r"^PMID- ?\d", re.MULTILINE),
    "bibtex": re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE),
}


@dataclass
class ParsedFile:
    format: str
    records: list[ParsedReference]


def detect_format(text: str) -> str:
    """ "ris", "bibtex", "nbib" or "csljson", from the content alone (file names lie)."""
    stripped = normalize_text(text).lstrip()
    if not stripped:
        raise ImportFormatError(_("the file is empty."))
    if stripped[0] in "[{":
        return "csljson"
    found = [(match.start(), name) for name, pattern in _MARKERS.items() if (match := pattern.search(stripped))]
    if not found:
        raise ImportFormatError(
            _(
                "the format is not recognised. Expected RIS (“TY  - JOUR”), BibTeX (“@article{…”), "
                "PubMed MEDLINE (“PMID- 12345678”) or CSL-JSON (“[{…}]”)."
            )
        )
    return min(found)[1]


def parse_references(text: str, *, file_format: str | None = None) -> ParsedFile:
    """Parse every entry and suggest its citation key; raises ImportFormatError on a malformed file."""
    text = normalize_text(text)
    check_control_characters(text)
    file_format = file_format or detect_format(text)
    if file_format not in FORMATS:
        raise ImportFormatError(_("unknown format “%(format)s”.") % {"format": file_format})
    records = FORMATS[file_format](text)
    for record in records:
        record.key = key_from_file(record.key) or generated_key(
            authors=record.authors, year=record.year, title=record.title
        )
    return ParsedFile(format=file_format, records=records)
