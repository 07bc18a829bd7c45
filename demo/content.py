"""Reading the demo content files under ``demo/content/``.

An article is one Markdown file: YAML front matter, then one body per audience, each
introduced by a line ``<!-- audience: <slug> -->``. Its references are not listed: they
follow from the ``[@key]`` citations in its bodies, as for any article. References are
one CSL-JSON file, read by the project's own importer. Audiences, topics and board
members are in ``site.yaml``; the editorial policy is ``editorial-policy.md``.

The article format itself is ``articles.exchange`` (the admin's export writes it too). This module
only reads text; it touches no database, so it needs no settings.
"""

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from articles.exchange import ArticleFile, front_matter_text, parse_article, read_front_matter

CONTENT_DIR = Path(__file__).resolve().parent / "content"


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
    review_by: list[str]  # the specialties whose board members review the topic's articles


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


def load_articles(directory: Path = CONTENT_DIR / "articles") -> list[ArticleFile]:
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
    metadata, body = read_front_matter(policy_path.read_text(encoding="utf-8"), name=str(policy_path))
    if set(metadata) != {"title"} or not body.strip():
        raise ValueError(f"{policy_path}: expected front matter with only a 'title', then the policy's text.")
    return DemoSite(
        audiences=audiences,
        topics=_records(DemoTopic, data["topics"], name=str(site_path), section="topics"),
        board=_records(DemoBoardMember, data["board"], name=str(site_path), section="board"),
        policy_title=front_matter_text(metadata, "title", name=str(policy_path)),
        policy_body=body.strip() + "\n",
    )


def references_text(directory: Path = CONTENT_DIR) -> str:
    """The demo references as CSL-JSON text, for ``references.services.reference_import``."""
    return (directory / "references.json").read_text(encoding="utf-8")


@dataclass(frozen=True)
class DemoRevision:
    """An earlier approved version of a demo article (``history.yaml``): the article is first
    approved without ``without_sections`` (audience slug -> headings), then revised to its file."""

    slug: str
    without_sections: dict[str, list[str]]
    revised_after_days: int
    change_summary: str
    substantive: bool


def load_history(directory: Path = CONTENT_DIR) -> dict[str, DemoRevision]:
    """The entries of ``history.yaml`` by article slug."""
    path = directory / "history.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: not valid YAML: {error}") from error
    return {r.slug: r for r in _records(DemoRevision, data, name=str(path), section="history")}


@dataclass(frozen=True)
class DemoTranslation:
    """An article's text in another language (``translations.yaml``): bodies by audience slug."""

    slug: str
    language: str
    question: str
    summary: str
    bodies: dict[str, str]


def load_translations(directory: Path = CONTENT_DIR) -> dict[str, list[DemoTranslation]]:
    """The entries of ``translations.yaml`` by article slug."""
    path = directory / "translations.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: not valid YAML: {error}") from error
    found: dict[str, list[DemoTranslation]] = {}
    for record in _records(DemoTranslation, data, name=str(path), section="translations"):
        found.setdefault(record.slug, []).append(record)
    return found


def without_sections(body: str, headings: list[str]) -> str:
    """``body`` without the ``## <heading>`` sections named (each up to the next ``## `` heading);
    ValueError when one is not there, so the history file cannot silently drift from the articles."""
    lines, kept, skipping, found = body.splitlines(keepends=True), [], False, set()
    for line in lines:
        if line.startswith("## "):
            skipping = line[3:].strip() in headings
            if skipping:
                found.add(line[3:].strip())
        if not skipping:
            kept.append(line)
    missing = [h for h in headings if h not in found]
    if missing:
        raise ValueError(f"No section {missing} to leave out.")
    return "".join(kept)


def load_synonyms(directory: Path = CONTENT_DIR) -> list[list[str]]:
    """The demo's search synonym groups from ``synonyms.txt``: paragraphs of terms, ``#`` comments."""
    text = (directory / "synonyms.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if not line.lstrip().startswith("#")]
    return [group.split("\n") for group in "\n".join(lines).split("\n\n") if group.strip()]
