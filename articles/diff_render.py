"""Differences between two revisions as a clinician reads them: rendered text, not Markdown.

Both bodies are rendered as readers see them (``render_markdown``: citations numbered, callouts
and figures as such, sanitised), cut into blocks (paragraphs, headings, list items, figures,
tables; callouts, lists and quotes are containers of blocks), and the blocks are aligned. A block
that changed is compared word by word, its inline formatting kept; a block added or removed is
marked whole. Only words and the things between them count, so a change of whitespace alone
(reflowed lines, extra spaces, trailing blanks) shows nothing.

The result comes two ways: ``inline`` (one column, ``<ins>``/``<del>`` in place) and ``rows``
(before and after side by side, one row per top-level block). Ids are dropped (each view repeats
the text) and citation numbers are plain text. The output is built from the sanitised rendering
and passes the sanitiser again, with ``ins`` and the diff classes allowed.

``citation_changes`` says which references were added, removed, renumbered or changed in their
metadata (type, title, authors, journal, year, DOI, PMID, link), each with its number.
"""

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

import lxml.html
import nh3
from django.utils.translation import gettext_lazy as _

from personalization.models import Audience
from references.models import Reference

from .citation_diff import CitationChange, citation_changes
from .diff import TextDiff, diff_text
from .html_blocks import DROP_ATTRIBUTES, Block, Container, Token, parse_blocks, serialize
from .models import Article
from .rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, _keep_attribute, build_resolver, render_markdown
from .selectors import figure_resolver_for
from .versioning import ArticleContent

# Aligning blocks and words.


@dataclass(eq=False)
class Op:
    kind: str  # "equal" | "insert" | "delete" | "change"
    old: Block | None = None
    new: Block | None = None
    words: list[tuple[str, Token]] = field(default_factory=list)  # for "change": (equal|insert|delete, token)


def _similar(a: Block, b: Block) -> bool:
    if a.tag != b.tag or a.atomic or b.atomic:
        return False
    if tuple(c.signature for c in a.path) != tuple(c.signature for c in b.path):
        return False
    ratio = difflib.SequenceMatcher(a=[t.key for t in a.tokens], b=[t.key for t in b.tokens], autojunk=False).ratio()
    return ratio >= 0.4


def _word_ops(old: Block, new: Block) -> list[tuple[str, Token]]:
    a, b = old.tokens, new.tokens
    matcher = difflib.SequenceMatcher(a=[t.compare_key for t in a], b=[t.compare_key for t in b], autojunk=False)
    ops: list[tuple[str, Token]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.extend(("equal", t) for t in b[j1:j2])
            continue
        if tag in ("delete", "replace"):
            ops.extend(("delete", t) for t in a[i1:i2])
        if tag in ("insert", "replace"):
            ops.extend(("insert", t) for t in b[j1:j2])
    return ops


def align(old: list[Block], new: list[Block]) -> list[Op]:
    matcher = difflib.SequenceMatcher(a=[b.key for b in old], b=[b.key for b in new], autojunk=False)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.extend(Op("equal", o, n) for o, n in zip(old[i1:i2], new[j1:j2], strict=True))
        elif tag == "delete":
            ops.extend(Op("delete", old=o) for o in old[i1:i2])
        elif tag == "insert":
            ops.extend(Op("insert", new=n) for n in new[j1:j2])
        else:
            j = j1
            for o in old[i1:i2]:
                match = next((k for k in range(j, j2) if _similar(o, new[k])), None)
                if match is None:
                    ops.append(Op("delete", old=o))
                    continue
                ops.extend(Op("insert", new=n) for n in new[j:match])
                ops.append(Op("change", o, new[match], _word_ops(o, new[match])))
                j = match + 1
            ops.extend(Op("insert", new=n) for n in new[j:j2])
    return ops


# Rendering.

_MARK = {"insert": ("ins", _("added")), "delete": ("del", _("removed"))}
_CLASS = {"insert": "diff-added", "delete": "diff-removed", "change": "diff-changed"}


def _open_tag(tag: str, attrs, extra_class: str = "") -> str:
    attrs = dict(attrs)
    if extra_class:
        attrs["class"] = f"{attrs.get('class', '')} {extra_class}".strip()
    rendered = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    return f"<{tag}{rendered}>"


def _render_tokens(ops: list[tuple[str, Token]]) -> str:
    """Tokens back to HTML; each run of added or removed words in one ``<ins>``/``<del>``, inline
    elements closed and reopened at run boundaries, so the result is always well nested."""
    out: list[str] = []
    first = True
    i = 0
    while i < len(ops):
        kind = ops[i][0]
        run = []
        while i < len(ops) and ops[i][0] == kind:
            run.append(ops[i][1])
            i += 1
        if run[0].space_before and not first:
            out.append(" ")
        if kind in _MARK:
            out.append(f"<{_MARK[kind][0]}>")
        open_stack: list = []
        for n, token in enumerate(run):
            common = 0
            while common < len(open_stack) and common < len(token.stack) and open_stack[common] == token.stack[common]:
                common += 1
            out.extend(f"</{tag}>" for tag, _attrs in reversed(open_stack[common:]))
            if n and token.space_before:
                out.append(" ")
            out.extend(_open_tag(tag, attrs) for tag, attrs in token.stack[common:])
            open_stack = list(token.stack)
            out.append(escape(token.text) if token.kind == "word" else token.text)
        out.extend(f"</{tag}>" for tag, _attrs in reversed(open_stack))
        if kind in _MARK:
            out.append(f"</{_MARK[kind][0]}>")
        first = False
    return "".join(out)


def _leaf_html(block: Block, kind: str, words: list[tuple[str, Token]] | None = None) -> str:
    if block.atomic:
        if kind in _MARK:
            tag = _MARK[kind][0]
            return f'<{tag} class="diff-block">{block.html}</{tag}>'
        return block.html
    inner = _render_tokens(
        words if words is not None else [(kind if kind in _MARK else "equal", t) for t in block.tokens]
    )
    if block.tag is None:
        return inner
    return f"{_open_tag(block.tag, block.attrs, _CLASS.get(kind, ''))}{inner}</{block.tag}>"


def _items(ops: list[Op], side: str, mapping: dict) -> list[tuple[Block, tuple[Container, ...], str, list | None]]:
    """What one view shows: (block, containers, kind, word ops) per op. ``side`` is "both", "old" or "new"."""
    items = []
    for op in ops:
        if op.kind == "equal":
            block = op.old if side == "old" else op.new
            items.append((block, block.path, "equal", None))
        elif op.kind == "insert" and side != "old":
            items.append((op.new, op.new.path, "insert", None))
        elif op.kind == "delete" and side != "new":
            path = op.old.path if side == "old" else tuple(mapping.get(id(c), c) for c in op.old.path)
            items.append((op.old, path, "delete", None))
        elif op.kind == "change":
            block = op.old if side == "old" else op.new
            keep = {"old": ("equal", "delete"), "new": ("equal", "insert"), "both": ("equal", "delete", "insert")}
            words = [(k, t) for k, t in op.words if k in keep[side]]
            items.append((block, block.path, "change", words))
    return items


def _render(items) -> str:
    out: list[str] = []
    open_path: list[Container] = []
    kinds_under: dict[int, set[str]] = {}
    for _block, path, kind, _words in items:
        for container in path:
            kinds_under.setdefault(id(container), set()).add(kind)
    for block, path, kind, words in items:
        common = 0
        while common < len(open_path) and common < len(path) and open_path[common] is path[common]:
            common += 1
        out.extend(f"</{c.tag}>" for c in reversed(open_path[common:]))
        for container in path[common:]:
            kinds = kinds_under[id(container)]
            extra = _CLASS[next(iter(kinds))] if len(kinds) == 1 and kinds <= {"insert", "delete"} else ""
            out.append(_open_tag(container.tag, container.attrs, extra))
        open_path = list(path)
        out.append(_leaf_html(block, kind, words))
    out.extend(f"</{c.tag}>" for c in reversed(open_path))
    return sanitize_diff("\n".join(out))


def _container_mapping(ops: list[Op]) -> dict[int, Container]:
    """Old containers that hold the same blocks as new ones, so a removed list item is shown in its list."""
    mapping: dict[int, Container] = {}
    for op in ops:
        if op.kind in ("equal", "change"):
            for old, new in zip(op.old.path, op.new.path, strict=False):
                if old.signature != new.signature:
                    break
                mapping.setdefault(id(old), new)
    return mapping


_DIFF_CLASSES = {"diff-added", "diff-removed", "diff-changed", "diff-block"}


def _keep_diff_attribute(tag: str, attr: str, value: str) -> str | None:
    if attr == "class":
        classes = set(value.split())
        diff = classes & _DIFF_CLASSES
        rest = " ".join(c for c in value.split() if c not in _DIFF_CLASSES)
        kept = _keep_attribute(tag, attr, rest) if rest else None
        if kept is None and rest:
            return " ".join(sorted(diff)) or None
        return " ".join(filter(None, [kept, *sorted(diff)])) or None
    if attr in DROP_ATTRIBUTES:
        return None
    return _keep_attribute(tag, attr, value)


def sanitize_diff(html: str) -> str:
    """The renderer's own allowlist, plus ``ins``/``del`` and the diff classes; no ids."""
    attributes = {tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()}
    for tag in ("ins", "del", "li", "ul", "ol", "blockquote", "pre", "table", "h5", "h6", "section", "figure", "p"):
        attributes.setdefault(tag, set()).add("class")
    for tag in ("h2", "h3", "h4"):
        attributes[tag].add("class")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS | {"ins", "del"},
        clean_content_tags={"script", "style"},
        attributes=attributes,
        attribute_filter=_keep_diff_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def _unlink_citations(html: str) -> str:
    """Citation numbers as plain text: in a diff they would point at a list that is not there."""
    if "citation" not in html:
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for sup in root.iter("sup"):
        for link in list(sup.iter("a")):
            link.drop_tag()
    return (root.text or "") + "".join(serialize(child, with_tail=True) for child in root)


@dataclass
class DiffRow:
    before: str
    after: str
    changed: bool


@dataclass
class RowGroup:
    rows: list[DiffRow]
    folded: bool  # a run of unchanged rows away from any change, shown folded


@dataclass
class BodyDiff:
    inline: str
    rows: list[DiffRow]
    changed: bool
    citations: list[CitationChange]

    def row_groups(self, context: int = 1) -> list[RowGroup]:
        """The side-by-side rows, with unchanged rows more than ``context`` rows away from a change
        folded together (the page shows them behind a "Show unchanged" disclosure)."""
        near = set()
        for i, row in enumerate(self.rows):
            if row.changed:
                near.update(range(i - context, i + context + 1))
        groups: list[RowGroup] = []
        for i, row in enumerate(self.rows):
            folded = not row.changed and i not in near
            if groups and groups[-1].folded == folded:
                groups[-1].rows.append(row)
            else:
                groups.append(RowGroup([row], folded))
        return groups


def diff_bodies(
    old_text: str,
    new_text: str,
    *,
    resolve: Callable,
    figures: Callable | None = None,
    old_metadata: dict[str, dict] | None = None,
) -> BodyDiff:
    """Compare two Markdown bodies as readers see them (module docstring). ``old_metadata`` is the
    reference metadata as it was ({key: ``reference_fields``}), to find references changed since."""
    old_rendered = render_markdown(old_text, resolve, figures=figures)
    new_rendered = render_markdown(new_text, resolve, figures=figures)
    old_blocks = parse_blocks(_unlink_citations(old_rendered.html))
    new_blocks = parse_blocks(_unlink_citations(new_rendered.html))
    ops = align(old_blocks, new_blocks)
    mapping = _container_mapping(ops)
    rows: list[DiffRow] = []
    for segment in _segments(ops, mapping):
        changed = any(op.kind != "equal" for op in segment)
        rows.append(
            DiffRow(
                before=_render(_items(segment, "old", mapping)),
                after=_render(_items(segment, "new", mapping)),
                changed=changed,
            )
        )
    return BodyDiff(
        inline=_render(_items(ops, "both", mapping)),
        rows=rows,
        changed=any(op.kind != "equal" for op in ops),
        citations=citation_changes(old_rendered.references, new_rendered.references, old_metadata=old_metadata),
    )


def _segments(ops: list[Op], mapping: dict) -> list[list[Op]]:
    """Ops grouped by their top-level block (a callout, a list, or a single paragraph)."""
    segments: list[list[Op]] = []
    last = None
    for op in ops:
        if op.new is not None:
            top = op.new.path[0] if op.new.path else None
        else:
            top = mapping.get(id(op.old.path[0]), op.old.path[0]) if op.old.path else None
        if top is not None and top is last and segments:
            segments[-1].append(op)
        else:
            segments.append([op])
        last = top
    return segments


# Whole contents.


@dataclass
class AudienceDiff:
    audience: object
    diff: BodyDiff
    added: bool = False  # no body for this audience before
    removed: bool = False  # no body for it now


@dataclass
class ContentComparison:
    fields: list[TextDiff]
    bodies: list[AudienceDiff]
    related_before: list = field(default_factory=list)
    related_after: list = field(default_factory=list)

    @property
    def related_changed(self) -> bool:
        return [a.pk for a in self.related_before] != [a.pk for a in self.related_after]

    @property
    def changed(self) -> bool:
        return any(f.changed for f in self.fields) or any(b.diff.changed for b in self.bodies) or self.related_changed


def compare_content(
    old: ArticleContent | None, new: ArticleContent, *, old_metadata: dict[str, dict] | None = None
) -> ContentComparison:
    """Compare two contents for the board (``old`` None: everything is new). Question, summary and
    web address word by word, each audience's body rendered (``diff_bodies``), related questions.
    A fixed number of queries: audiences, references, figures, related articles."""
    empty = ArticleContent(article_id=new.article_id, question="", slug="", summary="", topic_id=new.topic_id)
    old = old or empty
    references = Reference.objects.filter(pk__in=set(old.reference_ids) | set(new.reference_ids))
    resolve = build_resolver(references)
    figures = figure_resolver_for([*old.bodies.values(), *new.bodies.values()])
    audiences = Audience.objects.in_bulk(set(old.bodies) | set(new.bodies))
    bodies = []
    for pk in sorted(audiences, key=lambda pk: (audiences[pk].order, audiences[pk].label)):
        bodies.append(
            AudienceDiff(
                audience=audiences[pk],
                diff=diff_bodies(
                    old.bodies.get(pk, ""),
                    new.bodies.get(pk, ""),
                    resolve=resolve,
                    figures=figures,
                    old_metadata=old_metadata,
                ),
                added=pk not in old.bodies,
                removed=pk not in new.bodies,
            )
        )
    related = (
        Article.objects.in_bulk(set(old.related_ids) | set(new.related_ids))
        if (old.related_ids or new.related_ids)
        else {}
    )
    return ContentComparison(
        fields=[
            diff_text(_("Question"), _squash(old.question), _squash(new.question)),
            diff_text(_("Summary"), _squash(old.summary), _squash(new.summary)),
            diff_text(_("Web address (slug)"), old.slug, new.slug),
        ],
        bodies=bodies,
        related_before=[related[pk] for pk in old.related_ids if pk in related],
        related_after=[related[pk] for pk in new.related_ids if pk in related],
    )


def _squash(text: str) -> str:
    return " ".join((text or "").split())
