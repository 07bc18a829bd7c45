"""The one normalisation rule for typed text: line endings, trailing whitespace, blank lines at the ends."""

import pytest

from articles.rendering import render_markdown
from articles.text import normalize_markdown, normalize_plain


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("One.\r\nTwo.\r\n", "One.\nTwo.\n"),  # what browsers send
        ("One.\rTwo.", "One.\nTwo.\n"),  # old Mac line endings
        ("Trailing spaces.   \nAnd a tab.\t\n", "Trailing spaces.\nAnd a tab.\n"),
        ("\n\n\nText.\n\n\n\n", "Text.\n"),  # blank lines at either end
        ("Text.", "Text.\n"),  # exactly one final newline
        ("A\n\n\nB", "A\n\n\nB\n"),  # blank lines inside are the editor's
        ("    code()\n\nText.", "    code()\n\nText.\n"),  # leading indentation is Markdown (code)
        ("- a\n\t- nested\tb", "- a\n\t- nested\tb\n"),  # tabs inside a line are kept
        ("", ""),
        ("  \r\n \t \n", ""),
        (None, ""),
    ],
)
def test_normalize_markdown(typed, stored):
    """CRLF and CR become LF; trailing whitespace and blank end lines go; one final newline."""
    assert normalize_markdown(typed) == stored


def test_normalize_markdown_is_idempotent():
    """Normalising twice changes nothing more, so a saved body loads and saves as itself."""
    once = normalize_markdown(" \r\n## Heading  \r\n\r\nText [@a].\t\r\n\r\n")
    assert normalize_markdown(once) == once


def test_normalisation_keeps_the_rendered_meaning():
    """Line endings and trailing spaces do not change what readers see (a backslash keeps a hard break)."""
    typed = "## Causes\r\n\r\nMostly muscular.  \r\n\r\n- one\r\n- two\r\n\r\nFirst line\\\r\nsecond line\r\n"
    assert render_markdown(normalize_markdown(typed)).html == render_markdown(typed.replace("\r\n", "\n")).html
    assert "<br" in render_markdown(normalize_markdown(typed)).html


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  A question?  ", "A question?"),
        ("One line.  \r\nTwo lines.\r\n", "One line.\nTwo lines."),
        ("\r\n\r\n", ""),
        (None, ""),
    ],
)
def test_normalize_plain(typed, stored):
    """Short texts: LF line endings, no trailing whitespace, nothing at either end."""
    assert normalize_plain(typed) == stored
