"""An article's content as one unit: what django-reversion stores and what reviewers approve.

The content of a revision is rebuilt from the revision's stored versions, never from the
live rows, so approving and publishing always act on exactly what was submitted.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from reversion.models import Revision, Version

from .models import Article, ArticleBody, ArticleTranslation, ArticleTranslationBody, Citation, RelatedQuestion


def register_with_reversion() -> None:
    if reversion.is_registered(Article):
        return
    reversion.register(Article, follow=["bodies", "citations", "related_links", "translations"])
    reversion.register(ArticleBody)
    reversion.register(ArticleTranslation, follow=["bodies"])
    reversion.register(ArticleTranslationBody)
    reversion.register(Citation)
    reversion.register(RelatedQuestion)


@dataclass(frozen=True)
class TranslationContent:
    """The article in one other language, as the board reads it."""

    language_id: int
    question: str
    summary: str
    bodies: dict[int, str] = field(default_factory=dict)  # audience id -> Markdown
    source_fingerprint: str = ""  # the source version it was last brought up to date with
    source_date: date | None = None

    def payload(self) -> dict:
        return {
            "question": self.question,
            "summary": self.summary,
            "bodies": {str(k): v for k, v in sorted(self.bodies.items())},
            "source": self.source_fingerprint,
        }


def _translations(translations, bodies) -> tuple[TranslationContent, ...]:
    """``TranslationContent`` of translation rows and their body rows, by language id."""
    texts: dict[int, dict[int, str]] = {}
    for body in bodies:
        texts.setdefault(body.translation_id, {})[body.audience_id] = body.body
    return tuple(
        sorted(
            (
                TranslationContent(
                    language_id=t.language_id,
                    question=t.question,
                    summary=t.summary,
                    bodies=texts.get(t.pk, {}),
                    source_fingerprint=t.source_fingerprint,
                    source_date=t.source_date,
                )
                for t in translations
            ),
            key=lambda t: t.language_id,
        )
    )


@dataclass(frozen=True)
class ArticleContent:
    """Everything the board approves: question, summary, bodies, citations, related questions."""

    article_id: int
    question: str
    slug: str
    summary: str
    topic_id: int
    bodies: dict[int, str] = field(default_factory=dict)  # audience id -> Markdown
    reference_ids: tuple[int, ...] = ()
    related_ids: tuple[int, ...] = ()  # in the order readers see them
    overrides: tuple[tuple[int, str], ...] = ()  # (reference id, why it is cited although retracted)
    translations: tuple[TranslationContent, ...] = ()  # by language id
    revision_id: int | None = None  # the reversion revision it was rebuilt from; None for live rows

    @classmethod
    def from_article(cls, article: Article) -> "ArticleContent":
        citations = list(article.citations.all())
        return cls(
            article_id=article.pk,
            question=article.question,
            slug=article.slug,
            summary=article.summary,
            topic_id=article.topic_id,
            bodies={b.audience_id: b.body for b in article.bodies.all()},
            reference_ids=tuple(sorted(c.reference_id for c in citations)),
            related_ids=tuple(r.related_id for r in sorted(article.related_links.all(), key=_link_order)),
            overrides=_overrides(citations),
            translations=_translations(
                translations := list(article.translations.all()),
                ArticleTranslationBody.objects.filter(translation__in=translations) if translations else [],
            ),
        )

    @classmethod
    def from_revision(cls, revision: Revision | int, article_id: int) -> "ArticleContent":
        """Rebuild the article as it was in ``revision`` (a Revision or its id) from reversion's serialised rows."""
        revision_id = revision if isinstance(revision, int) else revision.pk
        versions = Version.objects.filter(revision_id=revision_id).select_related("content_type")
        return cls._from_versions(versions, revision_id, article_id)

    @classmethod
    def _from_versions(cls, versions, revision_id: int, article_id: int) -> "ArticleContent":
        article, bodies, citations, links, translations, translated = None, [], [], [], [], []
        for version in versions:
            model = version.content_type.model_class()
            obj = version._object_version.object
            if model is Article and obj.pk == article_id:
                article = obj
            elif model is ArticleBody and obj.article_id == article_id:
                bodies.append(obj)
            elif model is Citation and obj.article_id == article_id:
                citations.append(obj)
            elif model is RelatedQuestion and obj.article_id == article_id:
                links.append(obj)
            elif model is ArticleTranslation and obj.article_id == article_id:
                translations.append(obj)
            elif model is ArticleTranslationBody:
                translated.append(obj)
        if article is None:
            raise Version.DoesNotExist(f"Revision {revision_id} holds no version of article {article_id}.")
        return cls(
            article_id=article_id,
            question=article.question,
            slug=article.slug,
            summary=article.summary,
            topic_id=article.topic_id,
            bodies={b.audience_id: b.body for b in bodies},
            reference_ids=tuple(sorted(c.reference_id for c in citations)),
            related_ids=tuple(r.related_id for r in sorted(links, key=_link_order)),
            overrides=_overrides(citations),
            translations=_translations(
                translations, [b for b in translated if b.translation_id in {t.pk for t in translations}]
            ),
            revision_id=revision_id,
        )

    def fingerprint(self) -> str:
        """A SHA-256 of the canonical content: equal hashes mean the board read the same thing."""
        payload = {
            "question": self.question,
            "slug": self.slug,
            "summary": self.summary,
            "topic": self.topic_id,
            "bodies": {str(k): v for k, v in sorted(self.bodies.items())},
            "references": list(self.reference_ids),
            "related": list(self.related_ids),
        }
        if self.overrides:  # absent when empty, so content without any keeps the hash it always had
            payload["overrides"] = [list(o) for o in self.overrides]
        if self.translations:  # likewise: an article in one language keeps its hash
            payload["translations"] = {str(t.language_id): t.payload() for t in self.translations}
        encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(encoded.encode()).hexdigest()

    def source_fingerprint(self) -> str:
        """A SHA-256 of the source-language text alone (question, summary, bodies): what a
        translation records when it is brought up to date, and compares against to be outdated."""
        payload = {
            "question": self.question,
            "summary": self.summary,
            "bodies": {str(k): v for k, v in sorted(self.bodies.items())},
        }
        encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(encoded.encode()).hexdigest()

    def translation(self, language_id: int) -> TranslationContent | None:
        return next((t for t in self.translations if t.language_id == language_id), None)


def _overrides(citations) -> tuple[tuple[int, str], ...]:
    return tuple(sorted((c.reference_id, c.override_reason) for c in citations if getattr(c, "override_reason", "")))


def _link_order(link: RelatedQuestion) -> tuple[int, int]:
    return (link.order, link.pk or 0)


@dataclass(frozen=True)
class PinnedRevision:
    """A revision the board reads: its content, and who authored or edited the article up to it."""

    content: ArticleContent
    editor_ids: frozenset[int]


def pinned_revision(article: Article, revision_id: int) -> PinnedRevision:
    """``ArticleContent.from_revision`` and ``revision_editor_ids`` in one query: the versions of the
    pinned revision, plus the article's own versions in earlier revisions with their users."""
    article_type = ContentType.objects.get_for_model(Article)
    versions = list(
        Version.objects.filter(
            Q(revision_id=revision_id)
            | Q(content_type=article_type, object_id=str(article.pk), revision_id__lt=revision_id)
        ).select_related("content_type", "revision")
    )
    content = ArticleContent._from_versions(
        [v for v in versions if v.revision_id == revision_id], revision_id, article.pk
    )
    editors = {
        v.revision.user_id
        for v in versions
        if v.content_type_id == article_type.pk and v.object_id == str(article.pk) and v.revision.user_id
    }
    return PinnedRevision(content=content, editor_ids=frozenset(editors | {article.author_id}))
