"""Reading (and writing) the demo content files under ``demo/content/``.

An article is one Markdown file: YAML front matter, then one body per audience, each
introduced by a line ``<!-- audience: <slug> -->``. Its references are not listed: they
follow from the ``[@key]`` citations in its bodies, as for any article. References are
one CSL-JSON file, read by the project's own importer. Audiences, topics and board
members are in ``site.yaml``; the editorial policy is ``editorial-policy.md``.

This module only reads and writes text; it touches no database, so it needs no settings.
"""

import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

CONTENT_DIR = Path(__file__).resolve().parent / "content"
STATES = ("draft", "submitted", "under_review", "changes_requested", "approved")

_REQUIRED = ("question", "slug", "topic", "summary", "state")
_OPTIONAL = ("review_comment", "related")
_MARKER = re.compile(r"^<!-- audience: ([A-Za-z0-9_-]+) -->$", re.MULTILINE)
# Anything that looks like a marker but is not one exactly, so a typo cannot merge two bodies.
_LOOSE_MARKER = re.compile(r"^\s*<!--\s*audience\b", re.MULTILINE | re.IGNORECASE)


@dataclass(frozen=True)
class DemoArticle:
    """One demo article; ``bodies`` maps an audience slug to its Markdown, in file order."""

    slug: str
    question: str
    topic: str
    summary: str
    state: str
    review_comment: str
    related: tuple[str, ...]
    bodies: dict[str, str]


@dataclass(frozen=True)
class DemoAudience:
    slug: str
    label: str
    description: str
    disclaimer_title: str
    disclaimer_text: str
    target_grade: str | None  # a decimal as text ("8.0"), or None for no target
    is_default: bool
    order: int


@dataclass(frozen=True)
class DemoTopic:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class DemoBoardMember:
    username: str
    display_name: str
    credentials: str
    specialty: str
    bio: str


@dataclass(frozen=True)
class DemoSite:
    """Audiences, topics (in display order), board members and the editorial policy."""

    audiences: tuple[DemoAudience, ...]
    topics: tuple[DemoTopic, ...]
    board: tuple[DemoBoardMember, ...]
    policy_title: str
    policy_body: str

    @property
    def default_audience(self) -> DemoAudience:
        return next(audience for audience in self.audiences if audience.is_default)


class _Dumper(yaml.SafeDumper):
    """Block lists indented under their key; text with line breaks as a literal block."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _represent_text)


def _front_matter(text: str, *, name: str) -> tuple[dict[str, Any], str]:
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


def _text(metadata: dict[str, Any], key: str, *, name: str) -> str:
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


def parse_article(text: str, *, name: str = "article") -> DemoArticle:
    """An article from the text of its file; ``name`` labels errors. Raises ValueError if malformed."""
    metadata, content = _front_matter(text, name=name)
    missing = [key for key in _REQUIRED if key not in metadata]
    if missing:
        raise ValueError(f"{name}: the front matter has no {', '.join(repr(k) for k in missing)}.")
    unknown = sorted(set(metadata) - {*_REQUIRED, *_OPTIONAL})
    if unknown:
        raise ValueError(f"{name}: unknown front matter key {', '.join(repr(k) for k in unknown)}.")
    values = {key: _text(metadata, key, name=name) for key in _REQUIRED}
    if values["state"] not in STATES:
        raise ValueError(f"{name}: unknown state {values['state']!r}; expected one of {', '.join(STATES)}.")
    review_comment = _text(metadata, "review_comment", name=name) if "review_comment" in metadata else ""
    if values["state"] == "changes_requested" and not review_comment:
        raise ValueError(f"{name}: an article with changes requested needs the board's 'review_comment'.")
    related = metadata.get("related", [])
    if not isinstance(related, list) or not all(isinstance(slug, str) and slug for slug in related):
        raise ValueError(f"{name}: 'related' must be a list of article slugs.")
    return DemoArticle(
        **values,
        review_comment=review_comment,
        related=tuple(related),
        bodies=_bodies(content, name=name),
    )


def dump_article(article: DemoArticle) -> str:
    """The article as Markdown with front matter: the demo files' format, which ``parse_article`` reads."""
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


def load_articles(directory: Path = CONTENT_DIR / "articles") -> list[DemoArticle]:
    """Every ``<slug>.md`` in ``directory``, sorted by file name."""
    articles = []
    for path in sorted(directory.glob("*.md")):
        article = parse_article(path.read_text(encoding="utf-8"), name=str(path))
        if article.slug != path.stem:
            raise ValueError(f"{path}: the slug {article.slug!r} differs from the file name.")
        articles.append(article)
    return articles


def _records(cls: type, items: object, *, name: str, section: str) -> tuple[Any, ...]:
    """Dataclass instances from a YAML list of mappings whose keys are exactly the dataclass's fields."""
    expected = {f.name for f in fields(cls)}
    if not isinstance(items, list):
        raise ValueError(f"{name}: '{section}' must be a list.")
    records = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or set(item) != expected:
            keys = sorted(item) if isinstance(item, dict) else item
            raise ValueError(f"{name}: {section} entry {number} must have the keys {sorted(expected)}, not {keys}.")
        records.append(cls(**item))
    return tuple(records)


def load_site(directory: Path = CONTENT_DIR) -> DemoSite:
    """Audiences, topics and board members from ``site.yaml``; the policy from ``editorial-policy.md``."""
    site_path, policy_path = directory / "site.yaml", directory / "editorial-policy.md"
    try:
        data = yaml.safe_load(site_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{site_path}: not valid YAML: {error}") from error
    if not isinstance(data, dict) or set(data) != {"audiences", "topics", "board"}:
        raise ValueError(f"{site_path}: expected exactly the sections 'audiences', 'topics' and 'board'.")
    audiences = _records(DemoAudience, data["audiences"], name=str(site_path), section="audiences")
    if sum(audience.is_default is True for audience in audiences) != 1:
        raise ValueError(f"{site_path}: exactly one audience must have 'is_default: true'.")
    metadata, body = _front_matter(policy_path.read_text(encoding="utf-8"), name=str(policy_path))
    if set(metadata) != {"title"} or not body.strip():
        raise ValueError(f"{policy_path}: expected front matter with only a 'title', then the policy's text.")
    return DemoSite(
        audiences=audiences,
        topics=_records(DemoTopic, data["topics"], name=str(site_path), section="topics"),
        board=_records(DemoBoardMember, data["board"], name=str(site_path), section="board"),
        policy_title=_text(metadata, "title", name=str(policy_path)),
        policy_body=body.strip() + "\n",
    )


def references_text(directory: Path = CONTENT_DIR) -> str:
    """The demo references as CSL-JSON text, for ``references.services.reference_import``."""
    return (directory / "references.json").read_text(encoding="utf-8")
