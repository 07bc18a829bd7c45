"""The translations of a submitted revision, as the review page shows them: each language's text,
what changed in it since the comparison revision, and whether it matches this revision's source."""

from dataclasses import dataclass

from articles.diff import TextDiff, diff_text
from articles.versioning import ArticleContent
from personalization.models import Audience, Language


@dataclass
class TranslationView:
    language: Language
    question: str
    summary: str
    bodies: list[tuple[Audience, str]]  # (audience, Markdown), in the audiences' order
    status: str  # "new" | "changed" | "unchanged"
    up_to_date: bool  # translates this revision's source text
    changes: list[TextDiff]  # word diffs against the comparison revision's translation (changed only)


def translation_views(content: ArticleContent, old: ArticleContent | None) -> list[TranslationView]:
    """One view per translation in ``content``, compared with ``old`` (None: everything is new)."""
    if not content.translations:
        return []
    languages = Language.objects.in_bulk([t.language_id for t in content.translations])
    audiences = list(Audience.objects.all())
    source = content.source_fingerprint()
    views = []
    for translated in content.translations:
        before = old.translation(translated.language_id) if old is not None else None
        changes = []
        if before is not None:
            changes = [
                d
                for d in [
                    diff_text("question", before.question, translated.question),
                    diff_text("summary", before.summary, translated.summary),
                    *(
                        diff_text(a.label, before.bodies.get(a.pk, ""), translated.bodies.get(a.pk, ""))
                        for a in audiences
                        if a.pk in translated.bodies or a.pk in before.bodies
                    ),
                ]
                if d.changed
            ]
        views.append(
            TranslationView(
                language=languages[translated.language_id],
                question=translated.question,
                summary=translated.summary,
                bodies=[(a, translated.bodies[a.pk]) for a in audiences if a.pk in translated.bodies],
                status="new" if before is None else ("changed" if changes else "unchanged"),
                up_to_date=translated.source_fingerprint == source,
                changes=changes,
            )
        )
    return views
