"""The one rule for text that editors type: how line endings and stray whitespace are normalised.

Browsers send textareas with CRLF line endings, and pasted text brings trailing spaces
and blank lines. Every field that takes Markdown (and every service that writes one)
stores text through ``normalize_markdown``, so that saving what was loaded changes
nothing and a diff shows only what an editor changed.

Trailing whitespace is removed from every line. In Markdown two trailing spaces make a
hard line break; editors write a backslash at the end of the line instead (``line\\``),
which survives normalisation and is visible in the text.
"""

_LINE_BREAKS = str.maketrans({"\r": "\n"})


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.replace("\r\n", "\n").translate(_LINE_BREAKS).split("\n")]


def normalize_markdown(text: str | None) -> str:
    """LF line endings, no trailing whitespace, no blank lines at either end, and exactly one
    final newline; text with nothing in it becomes "". Indentation is kept (it can be code)."""
    lines = _lines(text or "")
    while lines and not lines[-1]:
        lines.pop()
    start = next((i for i, line in enumerate(lines) if line), len(lines))
    body = "\n".join(lines[start:])
    return f"{body}\n" if body else ""


def normalize_plain(text: str | None) -> str:
    """A short text field (question, summary): LF line endings, no trailing whitespace on any
    line, and no whitespace at either end."""
    return "\n".join(_lines(text or "")).strip()
