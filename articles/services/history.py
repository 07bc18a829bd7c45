"""The public version history: one row per approval, written when it goes live.

Only ``article_publish`` calls ``version_record``, inside its transaction. What changed is
derived from the stored snapshots (section headings and reference lists), so it costs no
rendering and cannot disagree with what readers were shown.
"""

from collections.abc import Iterable

from articles.models import Article, Publication, PublishedBody, PublishedVersion
from articles.outline import outline


def version_outline(bodies: Iterable[PublishedBody]) -> dict:
    """The sections (top-level headings, every audience, in order, once each) and references of a snapshot."""
    sections, references = [], {}
    for body in sorted(bodies, key=lambda b: b.audience_id):
        for heading in outline(body.html).headings:
            if heading not in sections:
                sections.append(heading)
        for entry in body.references:
            references.setdefault(entry["key"], {k: entry.get(k) for k in ("key", "title", "year")})
    return {"sections": sections, "references": list(references.values())}


def version_changes(before: dict | None, after: dict, *, same_content: bool) -> dict:
    """What a reader can check changed between two outlines; empty when there is no earlier one."""
    if before is None or "sections" not in before:
        return {}
    old_keys = {r["key"] for r in before.get("references", [])}
    new_keys = {r["key"] for r in after["references"]}
    return {
        "unchanged": same_content,
        "sections_added": [s for s in after["sections"] if s not in before["sections"]],
        "sections_removed": [s for s in before["sections"] if s not in after["sections"]],
        "references_added": [r for r in after["references"] if r["key"] not in old_keys],
        "references_removed": [r for r in before.get("references", []) if r["key"] not in new_keys],
    }


def version_record(
    *, article: Article, publication: Publication, change_summary: str, substantive: bool, first: bool
) -> PublishedVersion:
    """Add the history row of the approval that ``publication`` now shows (just written by
    ``_snapshot``, with its ``written_bodies``); a first approval has no earlier row to compare with."""
    previous = None if first else PublishedVersion.objects.filter(article=article).newest_first().first()
    current = version_outline(publication.written_bodies)
    same = previous is not None and previous.content_hash == publication.content_hash
    return PublishedVersion.objects.create(
        article=article,
        revision_id=publication.revision_id,
        content_hash=publication.content_hash,
        published_at=publication.published_at,
        last_reviewed=publication.last_reviewed,
        reviewers=publication.reviewers,
        change_summary=change_summary,
        substantive=substantive and not first,
        is_first=first,
        outline=current,
        changes=version_changes(previous.outline if previous else None, current, same_content=same),
    )
