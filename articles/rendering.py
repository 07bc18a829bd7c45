"""Markdown bodies to safe HTML: Pandoc-style citations numbered in AMA order, callouts and figures.

Editors write ``[@key]`` or ``[@key1; @key2]``; a key is a reference's citation key,
``pmid:NNN`` or ``doi:10.x/y``. References are numbered by first appearance, each cluster
is sorted and compressed (2,4-6), and every number links to its ``#ref-N`` entry.

A callout is a fenced container, ``::: urgent`` (or ``red-flags``, ``key-points``, ``note``)
with an optional title after the type, closed by ``:::``; what it holds is ordinary Markdown.
A figure from the media library is an image alone in its paragraph: ``![caption](figure:slug)``.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from typing import Any, Protocol

import nh3
from django.utils.translation import gettext_lazy as _
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from references.identifiers import normalize_citation_key

# Pandoc's citation-key grammar: starts with a letter, digit or underscore; may hold
# internal punctuation but does not end with it.
_KEY = r"[A-Za-z0-9_](?:[\w:.#$%&+?<>~/-]*[\w])?"
_CLUSTER_ITEM = re.compile(rf"^\s*@({_KEY})\s*$")
_SENTENCE_END = re.compile(r"[.!?](?=\s)")

# The callout types editors may use, each with the heading readers see when no title is given.
CALLOUT_TYPES = {
    "urgent": _("When to get help now"),
    "red-flags": _("Red flags"),
    "key-points": _("Key points"),
    "note": _("Note"),
}
# The short name of each type, said before an editor's own title ("Urgent: Call 999 now if").
CALLOUT_LABELS = {
    "urgent": _("Urgent"),
    "red-flags": _("Red flags"),
    "key-points": _("Key points"),
    "note": _("Note"),
}
_CALLOUT_OPENING = re.compile(r"^\s*([A-Za-z][\w-]*)(?:\s+(.*?))?\s*$")
_CALLOUT_CLOSING = re.compile(r"^:{3,}$")

FIGURE_SCHEME = "figure:"
FIGURE_URL_PREFIX = "/figures/"
FIGURE_SIZES = "(min-width: 48rem) 46rem, 100vw"  # the article column is at most 46rem wide
_FIGURE_SLUG = re.compile(r"^[A-Za-z0-9_-]+$")
_FIGURE_REFERENCE = re.compile(r"figure:([A-Za-z0-9_-]+)")
_FIGURE_URL = r"/figures/[A-Za-z0-9_-]+/[0-9a-f]{12}/[0-9]{1,5}\.(?:jpg|png|webp)"
_FIGURE_SRC = re.compile(rf"^{_FIGURE_URL}$")
_FIGURE_SRCSET = re.compile(rf"^{_FIGURE_URL} [0-9]{{1,5}}w(?:, {_FIGURE_URL} [0-9]{{1,5}}w)*$")

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong", "del", "s",
    "a", "code", "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "sup", "span",
    "section", "figure", "figcaption", "img", "div",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "class", "aria-label"},
    "sup": {"id", "class"},
    "ol": {"start"},
    "th": {"class"},
    "td": {"class"},
    "p": {"class"},
    "span": {"class"},
    "section": {"class", "aria-labelledby"},
    "h2": {"id", "class"},
    "h3": {"id", "class"},
    "h4": {"id", "class"},
    "figure": {"class"},
    "img": {"src", "srcset", "sizes", "width", "height", "alt", "loading", "decoding"},
    "div": {"class", "tabindex"},
}
_ALIGN_CLASSES = {"align-left", "align-center", "align-right"}
_CALLOUT_CLASSES = {"callout", *(f"callout-{kind}" for kind in CALLOUT_TYPES)}
# Per tag, the only classes and ids the renderer itself writes; nothing else survives.
_SAFE_CLASSES = {
    "a": {"citation", "citation-missing", *_ALIGN_CLASSES},
    "sup": {"citation", "citation-missing"},
    "th": _ALIGN_CLASSES,
    "td": _ALIGN_CLASSES,
    "p": {"figure-missing"},
    "span": {"visually-hidden", "figure-credit", "figure-missing"},
    "section": _CALLOUT_CLASSES,
    "h2": {"callout-title"},
    "h3": {"callout-title"},
    "h4": {"callout-title"},
    "figure": {"figure"},
    "div": {"table-scroll"},
}
_SAFE_ID = {
    "a": re.compile(r"^cite-[A-Za-z0-9-]+$"),
    "sup": re.compile(r"^cite-[A-Za-z0-9-]+$"),
    "h2": re.compile(r"^callout-[0-9]+$"),
    "h3": re.compile(r"^callout-[0-9]+$"),
    "h4": re.compile(r"^callout-[0-9]+$"),
}
_ALIGN = re.compile(r"^text-align:(left|center|right)$")
_DIMENSION = re.compile(r"^[0-9]{1,5}$")
_IMG_ATTRIBUTES = {
    "src": _FIGURE_SRC.match,
    "srcset": _FIGURE_SRCSET.match,
    "sizes": lambda value: value == FIGURE_SIZES,
    "width": _DIMENSION.match,
    "height": _DIMENSION.match,
    "loading": lambda value: value == "lazy",
    "decoding": lambda value: value == "async",
    "alt": lambda value: True,
}


def _keep_attribute(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        pattern = _SAFE_ID.get(tag)
        return value if pattern and pattern.match(value) else None
    if attr == "class":
        classes = value.split()
        return value if classes and set(classes) <= _SAFE_CLASSES.get(tag, set()) else None
    if attr == "aria-labelledby":
        return value if _SAFE_ID["h2"].match(value) else None
    if tag == "img":
        return value if _IMG_ATTRIBUTES[attr](value) else None
    if attr == "tabindex":
        return value if value == "0" else None
    return value


_SAME_PAGE_REL = re.compile(r'(<a href="#[^"]*") rel="noopener noreferrer nofollow"')


def sanitize_html(html: str) -> str:
    """Keep only the tags and attributes the renderer produces; drop scripts, handlers, unsafe URLs.

    Classes and ids come from fixed sets per tag, and an image survives only with a source
    on this site's own figure URLs (``/figures/...``), so nothing else can be loaded. Links
    within the page (citation numbers) carry no ``rel``: it only matters for other sites."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return _SAME_PAGE_REL.sub(r"\1", cleaned)


@dataclass
class MissingKey:
    key: str
    sentence: str


@dataclass
class CitedReference:
    number: int
    reference: Any
    first_anchor: str
    # Every in-text marker (``cite-cN``) that cites it, in reading order: the reference list links
    # back to each, so a reader returns to the citation they followed.
    anchors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.anchors:
            self.anchors = [self.first_anchor]


@dataclass
class RenderedBody:
    html: str
    references: list[CitedReference] = field(default_factory=list)
    missing: list[MissingKey] = field(default_factory=list)
    # Slugs of ``figure:`` images that resolved to no figure, or that do not stand alone in a paragraph.
    missing_figures: list[str] = field(default_factory=list)
    misplaced_figures: list[str] = field(default_factory=list)
    # Types of ``::: type`` containers that are not callout types (shown as text, not as a callout).
    unknown_callouts: list[str] = field(default_factory=list)

    @property
    def cited_reference_ids(self) -> set[int]:
        return {c.reference.pk for c in self.references}


class FigureLike(Protocol):
    """What the renderer needs of a figure (``articles.models.Figure``)."""

    alt_text: str
    caption: str

    @property
    def credit_line(self) -> str: ...

    def image_candidates(self) -> list[tuple[str, int, int]]:
        """(url, width, height) of each stored size, narrowest first."""
        ...


def build_resolver(references: Iterable[Any]) -> Callable[[str], Any | None]:
    """A key -> reference lookup over ``references``, by every key each answers to."""
    table = {k: ref for ref in references for k in ref.lookup_keys()}
    return lambda key: table.get(normalize_citation_key(key))


def figure_slugs(texts: Iterable[str]) -> set[str]:
    """Every slug a ``figure:`` image in ``texts`` may name (a superset: enough to load them at once)."""
    return {slug for text in texts for slug in _FIGURE_REFERENCE.findall(text or "")}


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


def _is_callout_opening(params: str, markup: str) -> bool:
    return bool(_CALLOUT_OPENING.match(params))


def _callout_outline(state: Any) -> None:
    """Give each callout its type, title and a heading one level below the heading it follows
    (h2 to h4; the page's h1 is the question), so the page outline stays in order."""
    last_level, stack = 1, []
    for token in state.tokens:
        if token.type == "heading_open" and not stack:
            last_level = int(token.tag[1])
        elif token.type == "container_callout_open":
            kind, title = _CALLOUT_OPENING.match(token.info).groups()
            kind = kind.lower()
            parent = stack[-1] if stack else {"level": last_level}
            meta = {"kind": kind, "title": title or "", "known": kind in CALLOUT_TYPES}
            meta["level"] = min(4, parent["level"] + 1) if meta["known"] else parent["level"]
            token.meta = meta
            stack.append(meta)
        elif token.type == "container_callout_close" and stack:
            token.meta = stack.pop()


def _place_figures(state: Any) -> None:
    """A paragraph holding nothing but a ``figure:`` image becomes a figure block."""
    tokens, placed = state.tokens, []
    for i, token in enumerate(tokens):
        if token.type != "paragraph_open" or i + 2 >= len(tokens):
            continue
        children = [c for c in tokens[i + 1].children or () if not (c.type == "text" and not c.content.strip())]
        children = [c for c in children if c.type not in ("softbreak", "hardbreak")]
        if len(children) == 1 and children[0].type == "image" and _figure_slug(children[0]) is not None:
            figure = Token("figure", "figure", 0)
            figure.block, figure.map, figure.meta = True, token.map, {"image": children[0]}
            placed.append((i, figure))
    for i, figure in reversed(placed):
        tokens[i : i + 3] = [figure]


def _figure_slug(image: Token) -> str | None:
    src = str(image.attrs.get("src", ""))
    return src[len(FIGURE_SCHEME) :] if src.startswith(FIGURE_SCHEME) else None


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
            elif cited.anchors[-1] != anchor:
                cited.anchors.append(anchor)
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


class _BlockRenderer:
    """Callouts and figures of one body; what went wrong is kept for the integrity checks."""

    def __init__(self, figures: Callable[[str], FigureLike | None]):
        self.figures = figures
        self.callouts = 0
        self.unknown_callouts: list[str] = []
        self.missing_figures: list[str] = []
        self.misplaced_figures: list[str] = []

    def callout(self, renderer, tokens, idx, options, env) -> str:
        token, meta = tokens[idx], tokens[idx].meta
        if not meta.get("known"):
            # Not a callout: the editor's markers stay visible as text, and the checks name the type.
            if token.nesting == 1:
                self.unknown_callouts.append(meta.get("kind") or token.info.strip())
                return f"<p>{escape(token.markup)} {escape(token.info.strip())}</p>\n"
            return f"<p>{escape(token.markup)}</p>\n" if _CALLOUT_CLOSING.match(token.markup) else ""
        if token.nesting == -1:
            return "</section>\n"
        self.callouts += 1
        anchor, level, kind = f"callout-{self.callouts}", meta["level"], meta["kind"]
        default, label = str(CALLOUT_TYPES[kind]), str(CALLOUT_LABELS[kind])
        title = escape(meta["title"] or default)
        if meta["title"] and label.lower() not in meta["title"].lower() and meta["title"] != default:
            # An editor's own title may not say what kind of callout it is; screen readers hear it.
            title = f'<span class="visually-hidden">{escape(label)}: </span>{title}'
        return (
            f'<section class="callout callout-{kind}" aria-labelledby="{anchor}">\n'
            f'<h{level} class="callout-title" id="{anchor}">{title}</h{level}>\n'
        )

    def figure(self, renderer, tokens, idx, options, env) -> str:
        image = tokens[idx].meta["image"]
        slug = _figure_slug(image) or ""
        figure = self.figures(slug) if _FIGURE_SLUG.match(slug) else None
        if figure is None:
            self.missing_figures.append(slug)
            return f'<p class="figure-missing">[{escape(FIGURE_SCHEME + slug)}?]</p>\n'
        candidates = figure.image_candidates()
        src, width, height = next((c for c in reversed(candidates) if c[1] <= 960), candidates[0])
        srcset = ", ".join(f"{url} {w}w" for url, w, _h in candidates)
        caption = renderer.renderInline(image.children or [], options, env).strip() or escape(figure.caption)
        credit = f'<span class="figure-credit">{escape(figure.credit_line)}</span>'
        return (
            f'<figure class="figure">\n<img src="{escape(src)}" srcset="{escape(srcset)}" sizes="{FIGURE_SIZES}"'
            f' width="{width}" height="{height}" alt="{escape(figure.alt_text)}" loading="lazy" decoding="async">\n'
            f"<figcaption>{' '.join(filter(None, (caption, credit)))}</figcaption>\n</figure>\n"
        )

    def image(self, renderer, tokens, idx, options, env) -> str:
        # Only figures from the media library are shown, each alone in its paragraph; any other
        # image (http:, data:, relative) is dropped, as the sanitiser would drop it.
        slug = _figure_slug(tokens[idx])
        if slug is None:
            return ""
        self.misplaced_figures.append(slug)
        return f'<span class="figure-missing">[{escape(FIGURE_SCHEME + slug)}]</span>'


def _render_table_open(self, tokens, idx, options, env) -> str:
    # A wide table scrolls sideways in its own box (focusable, so keyboards can scroll it) rather
    # than squeezing its cells until words break.
    return '<div class="table-scroll" tabindex="0">\n' + self.renderToken(tokens, idx, options, env)


def _render_table_close(self, tokens, idx, options, env) -> str:
    return self.renderToken(tokens, idx, options, env) + "</div>\n"


def _render_citation(tokens, idx, options, env) -> str:
    return env["citations"](tokens, idx, options, env)


def _render_callout(self, tokens, idx, options, env) -> str:
    return env["blocks"].callout(self, tokens, idx, options, env)


def _render_figure(self, tokens, idx, options, env) -> str:
    return env["blocks"].figure(self, tokens, idx, options, env)


def _render_image(self, tokens, idx, options, env) -> str:
    return env["blocks"].image(self, tokens, idx, options, env)


def _build_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(["table", "strikethrough"])
    md.use(container_plugin, name="callout", validate=_is_callout_opening, render=_render_callout)
    md.inline.ruler.before("link", "citation", _citation_rule)
    md.core.ruler.push("demote_h1", _demote_h1)
    md.core.ruler.push("align_with_classes", _align_with_classes)
    md.core.ruler.push("callout_outline", _callout_outline)
    md.core.ruler.push("place_figures", _place_figures)
    md.renderer.rules["citation"] = _render_citation
    md.add_render_rule("figure", _render_figure)
    md.add_render_rule("image", _render_image)
    md.add_render_rule("table_open", _render_table_open)
    md.add_render_rule("table_close", _render_table_close)
    return md


_PARSER = _build_parser()


def render_markdown(
    text: str,
    resolve: Callable[[str], Any | None] | None = None,
    *,
    figures: Callable[[str], FigureLike | None] | None = None,
) -> RenderedBody:
    """Render one body. ``resolve`` maps a citation key to a reference, ``figures`` a figure slug
    to a figure (``articles.selectors.figure_resolver_for``); each returns None if unknown."""
    citations = _CitationRenderer(resolve or (lambda key: None))
    blocks = _BlockRenderer(figures or (lambda slug: None))
    html = sanitize_html(_PARSER.render(text or "", {"citations": citations, "blocks": blocks}))
    ordered = sorted(citations.numbers.values(), key=lambda c: c.number)
    return RenderedBody(
        html=html,
        references=ordered,
        missing=citations.missing,
        missing_figures=blocks.missing_figures,
        misplaced_figures=blocks.misplaced_figures,
        unknown_callouts=blocks.unknown_callouts,
    )


def cited_keys(text: str) -> list[str]:
    """Every key cited in a body, in order of first appearance (``[@a; @b]`` gives both)."""
    keys: dict[str, None] = {}

    def walk(tokens: Iterable[Token]) -> None:
        for token in tokens:
            if token.type == "citation":
                keys.update(dict.fromkeys(token.meta["keys"]))
            elif token.type == "figure":
                walk([token.meta["image"]])
            walk(token.children or ())

    walk(_PARSER.parse(text or "", {"citations": _CitationRenderer(lambda key: None)}))
    return list(keys)
