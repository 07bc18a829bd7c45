"""A rendered body's text and sections: what a reviewer can quote or comment on.

Sections follow the body's top-level ``h2`` headings; section 0 is whatever comes before the
first heading (often the opening answer). Callout headings are not sections."""

import re
from dataclasses import dataclass, field

import lxml.html

_SPACE = re.compile(r"\s+")


@dataclass
class Section:
    index: int
    heading: str  # "" for the opening section
    html: str


@dataclass
class Outline:
    text: str
    sections: list[Section] = field(default_factory=list)

    @property
    def headings(self) -> list[str]:
        return [s.heading for s in self.sections if s.heading]

    def section(self, index: int) -> Section | None:
        return next((s for s in self.sections if s.index == index), None)


def _text(element) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


def outline(html: str) -> Outline:
    """The plain text of rendered ``html`` (whitespace collapsed) and its sections."""
    if not html.strip():
        return Outline(text="")
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    sections: list[Section] = []
    heading, parts, index = "", [], 0

    def close() -> None:
        if heading or any(p.strip() for p in parts):
            sections.append(Section(index=index, heading=heading, html="".join(parts)))

    for child in root:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "h2" and "callout-title" not in (child.get("class") or ""):
            close()
            index, heading, parts = index + 1, _text(child), []
            continue
        parts.append(lxml.html.tostring(child, encoding="unicode", with_tail=False))
    close()
    return Outline(text=_text(root), sections=sections)
