"""How the review page shows a body: checkable citations and a way to comment on each section.

The page shows several audiences' bodies at once, so every id a body carries (``ref-N``,
``cite-cN``, ``callout-N``) is given the audience's prefix. Each citation number links to its
reference in that audience's list, names it in ``title`` (a tooltip without JavaScript) and is
described by the reference's text (``aria-describedby``), so a screen reader reads the reference
when the number gets focus; ``static/js/review-citations.js`` adds a popover. Everything here
starts from sanitised HTML and only sets attributes lxml escapes.
"""

import re
from dataclasses import dataclass

import lxml.html
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from references.formatting import format_reference
from references.identifiers import doi_url, pubmed_url

_REF = re.compile(r"^#ref-(\d+)$")
_SPACE = re.compile(r"\s+")


@dataclass
class ReferenceView:
    """One entry of a body's reference list on the review page."""

    number: int
    anchor: str  # the id of the entry
    key: str
    type_label: str
    html: str  # the full AMA reference
    plain: str
    doi_url: str
    pubmed_url: str
    url: str
    doi: str
    pmid: str
    problems: list[str]  # retracted, corrected, superseded, broken link: what the library knows now
    override_reason: str  # the editor's reason for citing it although it was retracted


def reference_views(cited, *, prefix: str, formatted: dict, overrides: dict | None = None) -> list[ReferenceView]:
    """A body's cited references (``RenderedBody.references``) as the review page lists them;
    ``formatted`` caches the AMA text per reference across bodies."""
    views = []
    for c in cited:
        reference = c.reference
        if reference.pk not in formatted:
            formatted[reference.pk] = str(format_reference(reference))
        html = formatted[reference.pk]
        views.append(
            ReferenceView(
                number=c.number,
                anchor=f"{prefix}ref-{c.number}",
                key=reference.citation_key,
                type_label=str(reference.get_type_display()),
                html=html,
                plain=_SPACE.sub(" ", strip_tags(html)).strip(),
                doi_url=doi_url(reference.doi),
                pubmed_url=pubmed_url(reference.pmid),
                url=reference.url,
                doi=reference.doi,
                pmid=reference.pmid,
                problems=_problems(reference),
                override_reason=(overrides or {}).get(reference.pk, ""),
            )
        )
    return views


def _problems(reference) -> list[str]:
    health = reference.health
    problems = [finding.describe() for finding in health.problems]
    if health.is_superseded:
        problems.append(_("Superseded by a newer edition (%(key)s).") % {"key": health.superseded_by.citation_key})
    return problems


def annotate_body(html: str, *, prefix: str, references: list[ReferenceView], section_url=None, sections=()) -> str:
    """The rendered body with prefixed ids, checkable citation numbers and, when ``section_url``
    is given (a function of the section's index), a "Comment on this section" link per section."""
    if not html.strip():
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    by_number = {r.number: r for r in references}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in ("id", "aria-labelledby"):
            if element.get(name):
                element.set(name, prefix + element.get(name))
        if element.tag == "a" and (match := _REF.match(element.get("href", ""))):
            reference = by_number.get(int(match.group(1)))
            element.set("href", f"#{prefix}ref-{match.group(1)}")
            if reference is not None:
                element.set("title", f"{reference.number}. {reference.plain}")
                element.set("aria-describedby", f"{reference.anchor}-text")
                element.set("class", "citation-link")
                element.set("data-ref", reference.anchor)
    if section_url is not None:
        _add_section_links(root, section_url, sections)
    return (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


def _section_link(url: str, label: str):
    paragraph = lxml.html.fragment_fromstring('<p class="section-comment"><a></a></p>')
    link = paragraph[0]
    link.set("href", url)
    link.text = label
    return paragraph


def _add_section_links(root, section_url, sections) -> None:
    headings = [
        child
        for child in root
        if isinstance(child.tag, str) and child.tag == "h2" and "callout-title" not in (child.get("class") or "")
    ]
    indexes = {s.index for s in sections}
    for number, heading in enumerate(headings, start=1):
        if number in indexes:
            title = _SPACE.sub(" ", heading.text_content()).strip()
            heading.addnext(_section_link(section_url(number), _("Comment on the section “%s”") % title))
    if 0 in indexes:
        root.insert(0, _section_link(section_url(0), _("Comment on the opening section")))
