"""Articles as files: Markdown with YAML front matter, one body per audience.

The format of the demo's content files and of the editors' "Export as Markdown": front matter
(question, slug, topic, summary, workflow state, the board's comment, related slugs), then each
audience's body introduced by a line ``<!-- audience: <slug> -->``. References are not listed:
they follow from the ``[@key]`` citations in the bodies, as for any article.
"""

import re
from dataclasses import dataclass
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

STATES = ("draft", "submitted", "under_review", "changes_requested", "approved")

_REQUIRED = ("question", "slug", "topic", "summary", "state")
_OPTIONAL = ("review_comment", "related")
_MARKER = re.compile(r"^<!-- audience: ([A-Za-z0-9_-]+) -->$", re.MULTILINE)
# Anything that looks like a marker but is not one exactly, so a typo cannot merge two bodies.
_LOOSE_MARKER = re.compile(r"^\s*<!--\s*audience\b", re.MULTILINE | re.IGNORECASE)


@dataclass(frozen=True)
class ArticleFile:
    """One article as a file; ``bodies`` maps an audience slug to its Markdown, in file order."""

    slug: str
    question: str
    topic: str
    summary: str
    state: str
    review_comment: str
    related: tuple[str, ...]
    bodies: dict[str, str]


class _Dumper(yaml.SafeDumper):
    """Block lists indented under their key; text with line breaks as a literal block."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _represent_text)


def read_front_matter(text: str, *, name: str) -> tuple[dict[str, Any], str]:
    """The metadata and the content of a Markdown file with YAML front matter."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")  # as an editor on Windows may save it
    if not text.startswith("---\n"):
        raise ValueError(f"{name}: the file must start with YAML front matter between two '---' lines.")
    try:
        post = frontmatter.loads(text, handler=YAMLHandler())
    except yaml.YAMLError as error:
        raise ValueError(f"{name}: the front matter is not valid YAML: {error}") from error
    if not post.metadata:
        raise ValueError(f"{name}: the front matter is empty, is not a mapping, or has no closing '---' line.")
    return dict(post.metadata), post.content


def front_matter_text(metadata: dict[str, Any], key: str, *, name: str) -> str:
    value = metadata[key]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name}: '{key}' must be non-empty text.")
    return value


def _bodies(content: str, *, name: str) -> dict[str, str]:
    before, *pairs = _MARKER.split(content)
    if before.strip():
        raise ValueError(f"{name}: text before the first '<!-- audience: <slug> -->' marker.")
    if not pairs:
        raise ValueError(f"{name}: no body; each body starts with a line '<!-- audience: <slug> -->'.")
    bodies: dict[str, str] = {}
    for slug, body in zip(pairs[::2], pairs[1::2], strict=True):
        if slug in bodies:
            raise ValueError(f"{name}: two bodies for the audience '{slug}'.")
        if _LOOSE_MARKER.search(body):
            raise ValueError(
                f"{name}: a malformed audience marker in the '{slug}' body; write '<!-- audience: <slug> -->'."
            )
        if not body.strip():
            raise ValueError(f"{name}: the marker for the audience '{slug}' has no body.")
        bodies[slug] = body.strip() + "\n"
    return bodies


def parse_article(text: str, *, name: str = "article") -> ArticleFile:
    """An article from the text of its file; ``name`` labels errors. Raises ValueError if malformed."""
    metadata, content = read_front_matter(text, name=name)
    missing = [key for key in _REQUIRED if key not in metadata]
    if missing:
        raise ValueError(f"{name}: the front matter has no {', '.join(repr(k) for k in missing)}.")
    unknown = sorted(set(metadata) - {*_REQUIRED, *_OPTIONAL})
    if unknown:
        raise ValueError(f"{name}: unknown front matter key {', '.join(repr(k) for k in unknown)}.")
    values = {key: front_matter_text(metadata, key, name=name) for key in _REQUIRED}
    if values["state"] not in STATES:
        raise ValueError(f"{name}: unknown state {values['state']!r}; expected one of {', '.join(STATES)}.")
    review_comment = front_matter_text(metadata, "review_comment", name=name) if "review_comment" in metadata else ""
    if values["state"] == "changes_requested" and not review_comment:
        raise ValueError(f"{name}: an article with changes requested needs the board's 'review_comment'.")
    related = metadata.get("related", [])
    if not isinstance(related, list) or not all(isinstance(slug, str) and slug for slug in related):
        raise ValueError(f"{name}: 'related' must be a list of article slugs.")
    return ArticleFile(
        **values,
        review_comment=review_comment,
        related=tuple(related),
        bodies=_bodies(content, name=name),
    )


def dump_article(article: ArticleFile) -> str:
    """The article as Markdown with front matter, the format ``parse_article`` reads (the demo's files, the admin's export)."""
    metadata: dict[str, Any] = {key: getattr(article, key) for key in _REQUIRED}
    if article.review_comment:
        metadata["review_comment"] = article.review_comment
    if article.related:
        metadata["related"] = list(article.related)
    content = "\n\n".join(f"<!-- audience: {slug} -->\n\n{body.strip()}" for slug, body in article.bodies.items())
    post = frontmatter.Post(content, **metadata)
    # One line per value however long, so that a diff of an edited summary stays one line.
    text = frontmatter.dumps(post, handler=YAMLHandler(), Dumper=_Dumper, sort_keys=False, width=1_000_000)
    return text + "\n"
