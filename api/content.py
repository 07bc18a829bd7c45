"""A published body's HTML in the forms partners need: absolute links, plain text and sections.

The input is the snapshot's sanitised HTML (``articles.rendering.sanitize_html`` allows a small,
fixed set of tags and attributes), so a small parser is enough and nothing here can add markup.
"""

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

# Elements that start and end a block of text (a paragraph break in the plain text).
_BLOCKS = {
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "pre", "blockquote", "table", "tr",
    "section", "figure", "figcaption", "hr",
}  # fmt: skip
_VOID = {"br", "hr", "img"}
_URL_ATTRIBUTE = re.compile(r'(\s(?:src|href)=")(/(?!/)[^"]*)"')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)"')


def absolute_urls(html: str, base: str) -> str:
    """Site-relative ``src``, ``href`` and ``srcset`` URLs made absolute, so the HTML works on a partner's pages."""
    base = base.rstrip("/")
    html = _URL_ATTRIBUTE.sub(lambda m: f'{m.group(1)}{base}{m.group(2)}"', html)

    def srcset(match: re.Match) -> str:
        items = []
        for item in match.group(2).split(","):
            item = item.strip()
            items.append(f"{base}{item}" if item.startswith("/") and not item.startswith("//") else item)
        return f'{match.group(1)}{", ".join(items)}"'

    return _SRCSET.sub(srcset, html)


class _TextWriter(HTMLParser):
    """Plain text: one blank line between blocks, list items marked "• ", citations as [1,2]."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.in_citation = 0
        self.list_depth = 0

    def _break(self) -> None:
        text = re.sub(r"[ \t\r\f\v]+", " ", "".join(self.current)).strip()
        text = re.sub(r" *\n *", "\n", text)
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = dict(attrs)
        if tag in _BLOCKS:
            self._break()
        if tag in {"ul", "ol"}:
            self.list_depth += 1
        elif tag == "li":
            self.current.append("  " * (self.list_depth - 1) + "• ")
        elif tag == "br":
            self.current.append("\n")
        elif tag == "sup" and "citation" in (attributes.get("class") or "").split():
            self.in_citation += 1
            if self.current and not self.current[-1][-1:].isspace():
                self.current.append(" ")
            self.current.append("[")
        elif tag in {"td", "th"} and self.current:
            self.current.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "sup" and self.in_citation:
            self.in_citation -= 1
            self.current.append("]")
        if tag in {"ul", "ol"}:
            self.list_depth = max(0, self.list_depth - 1)
        if tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def text(self) -> str:
        self._break()
        return "\n\n".join(self.blocks)


def plain_text(html: str) -> str:
    """The body as plain text without markup or Markdown, paragraphs separated by a blank line."""
    writer = _TextWriter()
    writer.feed(html)
    writer.close()
    return writer.text()


@dataclass
class Section:
    heading: str
    html_parts: list[str] = field(default_factory=list)

    @property
    def html(self) -> str:
        return "".join(self.html_parts).strip()


class _Splitter(HTMLParser):
    """Cuts the body at its top-level ``<h2>`` headings (a callout's own heading stays inside it)."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.sections = [Section(heading="")]
        self.depth = 0
        self.in_heading = False
        self.heading: list[str] = []

    def _raw(self) -> str:
        return self.get_starttag_text() or ""

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "h2" and self.depth == 0:
            self.in_heading, self.heading = True, []
        elif self.in_heading:
            pass  # markup inside the heading: its text is kept, its tags dropped
        else:
            self.sections[-1].html_parts.append(self._raw())
        if tag not in _VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        if not self.in_heading:
            self.sections[-1].html_parts.append(self._raw())

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)
        if self.in_heading:
            if tag == "h2" and self.depth == 0:
                self.in_heading = False
                self.sections.append(Section(heading=re.sub(r"\s+", " ", "".join(self.heading)).strip()))
            return
        self.sections[-1].html_parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        (self.heading if self.in_heading else self.sections[-1].html_parts).append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def sections(html: str) -> list[dict]:
    """``[{"heading", "html", "text"}]``: the text before the first heading (heading "") and one per
    top-level heading, in order; sections without any content are left out."""
    splitter = _Splitter()
    splitter.feed(html)
    splitter.close()
    result = []
    for section in splitter.sections:
        body = section.html
        if not body and not section.heading:
            continue
        result.append({"heading": unescape(section.heading), "html": body, "text": plain_text(body)})
    return result


def reference_text(html: str) -> str:
    """An AMA reference's formatted HTML as plain text."""
    return plain_text(f"<p>{html}</p>") if html else ""
