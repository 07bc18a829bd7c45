"""Bytes of an uploaded file to text, with a clear message for what is not a text export."""

import codecs
import re

from django.utils.translation import gettext as _

from .records import ImportFormatError

_BINARY_SIGNATURES = {
    b"%PDF": "PDF",
    b"PK\x03\x04": "ZIP or Word/Excel",
    b"\xd0\xcf\x11\xe0": "Word/Excel (old format)",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
}


# Control characters other than tab and line breaks (form feeds and vertical tabs count as spaces).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def check_control_characters(text: str) -> None:
    """Raise ImportFormatError naming the line of the first control character (NUL cannot even be stored)."""
    found = _CONTROL.search(text)
    if found:
        raise ImportFormatError(
            _(
                "the file contains the control character U+%(code)04X, which is not text. "
                "Export the references again, or remove the character."
            )
            % {"code": ord(found.group())},
            line=text.count("\n", 0, found.start()) + 1,
        )


def normalize_text(text: str) -> str:
    """One kind of line break, no byte-order mark."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def decode_file(data: bytes) -> str:
    """The text of an exported reference file: UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    if not data.strip():
        raise ImportFormatError(_("the file is empty."))
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise ImportFormatError(
                _("this is a %(kind)s file, not a reference export. Export RIS, BibTeX, PubMed or CSL-JSON text.")
                % {"kind": kind}
            )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in data[:8192]:
        raise ImportFormatError(_("this looks like a binary file, not a text export of references."))
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFormatError(
            _(
                "the file is not UTF-8 text (byte 0x%(byte)02x cannot be read). "
                "Export it again with the encoding set to UTF-8 (Unicode)."
            )
            % {"byte": data[error.start]},
            line=line,
        ) from error
    return normalize_text(text)
