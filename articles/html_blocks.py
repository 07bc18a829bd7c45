"""Rendered HTML as blocks a reviewer reads: paragraphs, headings, list items, figures and tables,
each with the containers around it (callouts, lists, quotes), and each text block as words and
atoms (a citation's numbers, an image) with the inline formatting around them. The diff
(``articles.diff_render``) aligns these."""

import re
from dataclasses import dataclass

import lxml.html

# A word, a number (with its decimals, so "2.5 mg" compares as one), or one punctuation mark.
_WORD = re.compile(r"\d+(?:[.,]\d+)*%?|\w+(?:['’-]\w+)*|[^\w\s]")
_SPACE = re.compile(r"\s+")

CONTAINER_TAGS = {"section", "ul", "ol", "blockquote"}
BLOCK_TAGS = CONTAINER_TAGS | {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "table", "figure", "hr", "div"}
# Leaves compared as one piece: shown whole as removed and added when anything in them changed.
ATOMIC_LEAVES = {"pre", "table", "figure", "hr"}
# Inline elements compared as one token (a citation's numbers, an image, a line break).
ATOMIC_INLINE = {"sup", "img", "br"}
DROP_ATTRIBUTES = {"id", "aria-labelledby"}


@dataclass(eq=False)
class Container:
    tag: str
    attrs: tuple[tuple[str, str], ...]

    @property
    def signature(self) -> tuple:
        return (self.tag, dict(self.attrs).get("class", ""))


@dataclass(eq=False)
class Token:
    kind: str  # "word" | "atom"
    text: str  # the word, or the atom's HTML
    key: str  # what is compared
    space_before: bool
    stack: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # enclosing inline elements

    @property
    def compare_key(self) -> tuple:
        return (self.kind, self.key, tuple((tag, attrs) for tag, attrs in self.stack))


@dataclass(eq=False)
class Block:
    path: tuple[Container, ...]
    tag: str | None  # None: an inline run inside a list item that holds blocks
    attrs: tuple[tuple[str, str], ...]
    tokens: list[Token]
    html: str  # the leaf's inner HTML (atomic leaves: the whole element)
    atomic: bool

    @property
    def text_key(self) -> str:
        return " ".join(t.key for t in self.tokens)

    @property
    def key(self) -> tuple:
        return (tuple(c.signature for c in self.path), self.tag, self.text_key)


def _attrs(element) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for k, v in sorted(element.attrib.items()) if k not in DROP_ATTRIBUTES)


def serialize(element, *, with_tail: bool = False) -> str:
    return lxml.html.tostring(element, encoding="unicode", with_tail=with_tail)


def _without_ids(element) -> None:
    for node in element.iter():
        for name in DROP_ATTRIBUTES:
            node.attrib.pop(name, None)


def _atom_key(element) -> str:
    if element.tag == "img":
        return f"img:{element.get('src', '')}:{element.get('alt', '')}"
    return f"{element.tag}:{_SPACE.sub(' ', element.text_content()).strip()}"


def _inline_tokens(element, stack=(), pending_space=False) -> tuple[list[Token], bool]:
    """The words and atoms inside ``element``, each with the inline elements around it."""
    tokens: list[Token] = []

    def words(text: str | None, space: bool) -> bool:
        if not text:
            return space
        position = 0
        for match in _WORD.finditer(text):
            space = space or match.start() > position
            tokens.append(Token("word", match.group(), match.group(), space, stack))
            space, position = False, match.end()
        return space or position < len(text)

    pending_space = words(element.text, pending_space)
    for child in element:
        if not isinstance(child.tag, str):  # a comment
            pending_space = words(child.tail, pending_space)
            continue
        if child.tag in ATOMIC_INLINE:
            copy = lxml.html.fromstring(serialize(child))
            _without_ids(copy)
            tokens.append(Token("atom", serialize(copy), _atom_key(child), pending_space, stack))
            pending_space = False
        else:
            inner, pending_space = _inline_tokens(child, (*stack, (child.tag, _attrs(child))), pending_space)
            tokens.extend(inner)
        pending_space = words(child.tail, pending_space)
    return tokens, pending_space


def _leaf(element, path) -> Block:
    if element.tag in ATOMIC_LEAVES:
        copy = lxml.html.fromstring(serialize(element))
        _without_ids(copy)
        key = _SPACE.sub(" ", element.text_content()).strip()
        images = " ".join(img.get("src", "") for img in element.iter("img"))
        token = Token("atom", "", f"{element.tag}:{key}:{images}", False, ())
        return Block(path, element.tag, _attrs(element), [token], serialize(copy), True)
    tokens, _space = _inline_tokens(element)
    return Block(path, element.tag, _attrs(element), tokens, "", False)


def _has_blocks(element) -> bool:
    return any(isinstance(child.tag, str) and child.tag in BLOCK_TAGS for child in element)


def _walk(element, path: tuple[Container, ...], blocks: list[Block], *, blocks_only: bool = False) -> None:
    for child in element:
        if not isinstance(child.tag, str) or (blocks_only and child.tag not in BLOCK_TAGS):
            continue  # a list item's inline words before its blocks are its head (_li_head)
        if child.tag in CONTAINER_TAGS or (child.tag == "li" and _has_blocks(child)):
            container = Container(child.tag, _attrs(child))
            inner_path = (*path, container)
            if child.tag == "li":
                _li_head(child, inner_path, blocks)
            _walk(child, inner_path, blocks, blocks_only=child.tag == "li")
        else:
            blocks.append(_leaf(child, path))


def _li_head(li, path, blocks: list[Block]) -> None:
    """The words of a list item before its first block (a tight item with a nested list)."""
    head = lxml.html.fragment_fromstring("<span></span>")
    head.text = li.text
    for child in list(li):
        if isinstance(child.tag, str) and child.tag in BLOCK_TAGS:
            break
        head.append(lxml.html.fromstring(serialize(child, with_tail=False)))
        head[-1].tail = child.tail
    tokens, _space = _inline_tokens(head)
    if tokens:
        blocks.append(Block(path, None, (), tokens, "", False))


def parse_blocks(html: str) -> list[Block]:
    """A rendered body as its leaf blocks, in order, each with the containers around it."""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    blocks: list[Block] = []
    _walk(root, (), blocks)
    return blocks
