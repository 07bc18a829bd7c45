"""Readable differences between two versions of an article's content, for reviewers and editors."""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from personalization.models import Audience
from references.models import Reference

from .models import Article
from .versioning import ArticleContent

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class TextDiff:
    label: str
    segments: list[tuple[str, str]]  # ("equal" | "insert" | "delete", text)

    @property
    def changed(self) -> bool:
        return any(op != "equal" for op, _text in self.segments)


@dataclass
class ContentDiff:
    fields: list[TextDiff] = field(default_factory=list)
    bodies: list[TextDiff] = field(default_factory=list)
    references_added: list[Reference] = field(default_factory=list)
    references_removed: list[Reference] = field(default_factory=list)
    related_before: list[Article] = field(default_factory=list)
    related_after: list[Article] = field(default_factory=list)

    @property
    def related_changed(self) -> bool:
        return [a.pk for a in self.related_before] != [a.pk for a in self.related_after]

    @property
    def changed(self) -> bool:
        return (
            any(d.changed for d in self.fields + self.bodies)
            or bool(self.references_added or self.references_removed)
            or self.related_changed
        )


def diff_text(label: str, old: str, new: str) -> TextDiff:
    """Word-level diff that keeps whitespace, so paragraphs and lists stay readable."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    segments: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("insert", "".join(b[j1:j2])))
    return TextDiff(label=label, segments=segments)


def diff_content(old: ArticleContent | None, new: ArticleContent) -> ContentDiff:
    """Compare two contents; ``old`` None means everything is new (first review)."""
    empty = ArticleContent(article_id=new.article_id, question="", slug="", summary="", topic_id=new.topic_id)
    old = old or empty
    audiences = Audience.objects.in_bulk(set(old.bodies) | set(new.bodies))
    result = ContentDiff(
        fields=[
            diff_text(_("Question"), old.question, new.question),
            diff_text(_("Summary"), old.summary, new.summary),
            diff_text(_("Web address (slug)"), old.slug, new.slug),
        ]
    )
    for pk in sorted(audiences, key=lambda pk: (audiences[pk].order, audiences[pk].label)):
        result.bodies.append(diff_text(audiences[pk].label, old.bodies.get(pk, ""), new.bodies.get(pk, "")))
    references = Reference.objects.in_bulk(set(old.reference_ids) | set(new.reference_ids))
    result.references_added = [references[pk] for pk in new.reference_ids if pk not in old.reference_ids]
    result.references_removed = [references[pk] for pk in old.reference_ids if pk not in new.reference_ids]
    articles = Article.objects.in_bulk(set(old.related_ids) | set(new.related_ids))
    result.related_before = [articles[pk] for pk in old.related_ids if pk in articles]
    result.related_after = [articles[pk] for pk in new.related_ids if pk in articles]
    return result
