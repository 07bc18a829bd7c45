"""Markdown bodies to safe HTML, with Pandoc-style citations numbered in AMA order.

Editors write ``[@key]`` or ``[@key1; @key2]``; a key is a reference's citation key,
``pmid:NNN`` or ``doi:10.x/y``. References are numbered by first appearance, each cluster
is sorted and compressed (2,4-6), and every number links to its ``#ref-N`` entry.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from references.identifiers import normalize_citation_key

# Pandoc's citation-key grammar: starts with a letter, digit or underscore; may hold
# internal punctuation but does not end with it.
_KEY = r"[A-Za-z0-9_](?:[\w:.#$%&+?<>~/-]*[\w])?"
_CLUSTER_ITEM = re.compile(rf"^\s*@({_KEY})\s*$")
_SENTENCE_END = re.compile(r"[.!?](?=\s)")

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong", "del", "s",
    "a", "code", "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "sup",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "class", "aria-label"},
    "sup": {"id", "class"},
    "ol": {"start"},
    "th": {"class"},
    "td": {"class"},
}
_SAFE_ID = re.compile(r"^cite-[A-Za-z0-9-]+$")
_SAFE_CLASS = {"citation", "citation-missing", "align-left", "align-center", "align-right"}
_ALIGN = re.compile(r"^text-align:(left|center|right)$")


def _keep_attribute(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        return value if _SAFE_ID.match(value) else None
    if attr == "class":
        return value if value in _SAFE_CLASS else None
    return value


def sanitize_html(html: str) -> str:
    """Keep only the tags and attributes Markdown produces; drop scripts, handlers, unsafe URLs."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


@dataclass
class MissingKey:
    key: str
    sentence: str


@dataclass
class CitedReference:
    number: int
    reference: Any
    first_anchor: str


@dataclass
class RenderedBody:
    html: str
    references: list[CitedReference] = field(default_factory=list)
    missing: list[MissingKey] = field(default_factory=list)

    @property
    def cited_reference_ids(self) -> set[int]:
        return {c.reference.pk for c in self.references}


def build_resolver(references: Iterable[Any]) -> Callable[[str], Any | None]:
    """A key -> reference lookup over ``references``, by every key each answers to."""
    table = {k: ref for ref in references for k in ref.lookup_keys()}
    return lambda key: table.get(normalize_citation_key(key))


def _citation_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("[@", pos):
        return False
    end = src.find("]", pos)
    if end == -1 or "[" in src[pos + 1 : end]:
        return False
    items = src[pos + 1 : end].split(";")
    keys = []
    for item in items:
        match = _CLUSTER_ITEM.match(item)
        if not match:
            return False
        keys.append(match.group(1))
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"keys": keys, "sentence": _sentence_around(src, pos, end)}
    state.pos = end + 1
    return True


def _sentence_around(src: str, start: int, end: int) -> str:
    before = [m.end() for m in _SENTENCE_END.finditer(src, 0, start)]
    sentence_start = before[-1] if before else 0
    after = _SENTENCE_END.search(src, end)
    sentence_end = after.end() if after else len(src)
    return " ".join(src[sentence_start:sentence_end].split())


def _align_with_classes(state: Any) -> None:
    # Table alignment as classes, not style attributes, so a strict Content-Security-Policy holds.
    for token in state.tokens:
        if token.type in ("th_open", "td_open") and (match := _ALIGN.match(token.attrs.pop("style", "") or "")):
            token.attrs["class"] = f"align-{match.group(1)}"


def _demote_h1(state: Any) -> None:
    # The page's only h1 is the question: a "# Heading" in a body becomes h2.
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"


def compress_numbers(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """[5, 2, 4, 6] -> [(2, 2), (4, 6)]: sorted runs, AMA style."""
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


class _CitationRenderer:
    def __init__(self, resolve: Callable[[str], Any | None]):
        self.resolve = resolve
        self.numbers: dict[int, CitedReference] = {}  # reference pk -> cited
        self.missing: list[MissingKey] = []
        self.clusters = 0

    def __call__(self, tokens, idx, options, env) -> str:
        token = tokens[idx]
        self.clusters += 1
        anchor = f"cite-c{self.clusters}"
        numbers, unknown = [], []
        for key in token.meta["keys"]:
            reference = self.resolve(key)
            if reference is None:
                unknown.append(key)
                self.missing.append(MissingKey(key=key, sentence=token.meta["sentence"]))
                continue
            cited = self.numbers.get(reference.pk)
            if cited is None:
                cited = self.numbers[reference.pk] = CitedReference(len(self.numbers) + 1, reference, anchor)
            numbers.append(cited.number)
        parts = []
        for first, last in compress_numbers(numbers):
            link = f'<a href="#ref-{first}">{first}</a>'
            if last > first:
                sep = "-" if last > first + 1 else ","
                link += f'{sep}<a href="#ref-{last}">{last}</a>'
            parts.append(link)
        html = ""
        if parts:
            html += f'<sup class="citation" id="{anchor}">{",".join(parts)}</sup>'
        if unknown:
            html += '<sup class="citation-missing">[' + escape("; ".join(f"@{k}" for k in unknown)) + "?]</sup>"
        return html


def _render_citation(tokens, idx, options, env) -> str:
    return env["citations"](tokens, idx, options, env)


def _build_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(["table", "strikethrough"])
    md.inline.ruler.before("link", "citation", _citation_rule)
    md.core.ruler.push("demote_h1", _demote_h1)
    md.core.ruler.push("align_with_classes", _align_with_classes)
    md.renderer.rules["citation"] = _render_citation
    return md


_PARSER = _build_parser()


def render_markdown(text: str, resolve: Callable[[str], Any | None] | None = None) -> RenderedBody:
    """Render one body. ``resolve`` maps a citation key to a reference, or None if unknown."""
    citations = _CitationRenderer(resolve or (lambda key: None))
    html = sanitize_html(_PARSER.render(text or "", {"citations": citations}))
    ordered = sorted(citations.numbers.values(), key=lambda c: c.number)
    return RenderedBody(html=html, references=ordered, missing=citations.missing)


def cited_keys(text: str) -> list[str]:
    """Every key cited in a body, in order of first appearance (``[@a; @b]`` gives both)."""
    keys: dict[str, None] = {}
    for token in _PARSER.parse(text or "", {"citations": _CitationRenderer(lambda key: None)}):
        for child in token.children or ():
            if child.type == "citation":
                keys.update(dict.fromkeys(child.meta["keys"]))
    return list(keys)
