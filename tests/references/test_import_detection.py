import codecs

import pytest

from references.importers import ImportFormatError, decode_file, detect_format

from .conftest import fixture_bytes, fixture_text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sample.ris", "ris"),
        ("sample.bib", "bibtex"),
        ("sample.nbib", "nbib"),
        ("sample.json", "csljson"),
        ("malformed.json", "csljson"),
        ("malformed.ris", "ris"),
    ],
)
def test_detects_each_sample(name, expected):
    """The format comes from the content of each sample file."""
    assert detect_format(fixture_text(name)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\ufeff\n\n  TY  - JOUR\nER  - \n", "ris"),
        ("Provider: Some database\nContent: text/plain\n\nTY  - JOUR\nER  - \n", "ris"),
        ("% comment\n@Article{k, title={T}}", "bibtex"),
        ("\nPMID- 123\nTI  - T\n", "nbib"),
        ('  {"title": "One item"}', "csljson"),
    ],
)
def test_detection_ignores_preambles_and_case(text, expected):
    """Byte-order marks, headers and comments before the first entry do not confuse detection."""
    assert detect_format(text) == expected


@pytest.mark.parametrize(
    "text", ["", "   \n", "Dear editor, please add these references.", "<html><body></body></html>"]
)
def test_unknown_content_is_an_error(text):
    """Text in no known format gets a message naming the formats we read."""
    with pytest.raises(ImportFormatError) as error:
        detect_format(text)
    assert str(error.value).startswith(("The file is empty.", "The format is not recognised."))


def test_decode_accepts_utf8_with_bom_and_utf16():
    """UTF-8 with or without BOM and UTF-16 with BOM decode; line ends become "\\n"."""
    assert decode_file(codecs.BOM_UTF8 + b"TY  - JOUR\r\nER  - \r\n") == "TY  - JOUR\nER  - \n"
    assert decode_file("TI  - Müller\n".encode("utf-16")) == "TI  - Müller\n"
    assert decode_file(fixture_bytes("sample.ris")).count("\r") == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"  \n ", "The file is empty."),
        (b"%PDF-1.7\n...", "This is a PDF file, not a reference export."),
        (b"PK\x03\x04rest", "This is a ZIP or Word/Excel file"),
        (b"TY  - JOUR\x00\x00\x01", "This looks like a binary file"),
        ("TY  - JOUR\nAU  - Müller, J\n".encode("latin-1"), "Line 2: the file is not UTF-8 text (byte 0xfc"),
    ],
)
def test_decode_refuses_what_is_not_utf8_text(data, message):
    """Empty, binary and wrongly encoded files get a message saying what is wrong."""
    with pytest.raises(ImportFormatError) as error:
        decode_file(data)
    assert str(error.value).startswith(message)


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b", "\x7f"])
def test_control_characters_are_refused_with_their_line(character):
    """A control character (NUL cannot even be stored) is refused, naming the line; tabs and form feeds pass."""
    from references.importers import parse_references

    text = f"TY  - JOUR\nTI  - A{character}B\nER  - \n"
    with pytest.raises(ImportFormatError) as error:
        parse_references(text)
    assert f"Line 2: the file contains the control character U+{ord(character):04X}" in str(error.value)
    assert parse_references("TY  - JOUR\nTI  - A\tB\x0cC\nER  - \n").records[0].title == "A B C"


def test_nul_past_the_first_8_kb_is_refused():
    """decode_file looks for NUL at the start of a file; the importer finds it anywhere."""
    from references.importers import parse_references

    text = decode_file(("TY  - JOUR\nTI  - " + "x" * 9000 + "\x00\nER  - \n").encode())
    with pytest.raises(ImportFormatError):
        parse_references(text)
