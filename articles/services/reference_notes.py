"""The site's notes beside published references, kept current as the sources' health changes.

A retraction note is a site annotation, not editorial content: it tells readers what became known
about a source after the board approved the answer, so refreshing it changes no reviewed text and
needs no review (the article itself goes back to the board through ``articles.signals``).
"""

from django.db import connection, transaction

from articles.models import PublishedBody
from articles.reference_list import render_reference_list, retraction_note, upgrade_entries
from references.models import Reference


@transaction.atomic
def published_references_refresh(*, reference: Reference) -> int:
    """Re-render the reference list of every published body that cites ``reference``, with or without
    its retraction note as its health now says; returns how many bodies changed.

    Called by the ``reference_health_changed`` receiver. Each changed row is saved with ``save()``,
    so whatever listens to ``post_save`` of published bodies (the page cache) hears of it."""
    reference = Reference.objects.with_health().get(pk=reference.pk)
    note = retraction_note(reference)
    changed = 0
    for body in _bodies_citing(reference.pk):
        entries = [dict(entry) for entry in body.references]
        touched = False
        for entry in entries:
            if entry.get("id") == reference.pk and entry.get("retraction") != note:
                entry["retraction"] = note
                touched = True
        if touched:
            body.references = entries
            body.references_html = render_reference_list(entries)
            body.save(update_fields=["references", "references_html"])
            changed += 1
    return changed


def _bodies_citing(reference_id: int):
    bodies = PublishedBody.objects.select_for_update().only("id", "publication_id", "audience_id", "references")
    if connection.vendor == "postgresql":
        return bodies.filter(references__contains=[{"id": reference_id}])
    # SQLite (development) has no JSON containment: read the lists and pick in Python.
    return [b for b in bodies if any(e.get("id") == reference_id for e in b.references)]


def published_reference_lists_rerender(*, batch_size: int = 200) -> int:
    """Render again every stored reference list from its frozen entries: fills ``references_html``,
    per-marker back-links and reference ids on snapshots stored before they existed, and brings each
    retraction note up to date. What the entries say (the reviewed content) is unchanged. Returns
    the number of bodies saved; each is saved with ``save()`` (see ``published_references_refresh``)."""
    saved = 0
    keys = dict(Reference.objects.filter(merged_into__isnull=True).values_list("citation_key", "pk"))
    ids = PublishedBody.objects.order_by("pk").values_list("pk", flat=True)
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            bodies = list(PublishedBody.objects.select_for_update().filter(pk__in=ids[start : start + batch_size]))
            entries_of = {b.pk: upgrade_entries(b.references, b.html, ids_by_key=keys) for b in bodies}
            cited = {e["id"] for entries in entries_of.values() for e in entries if e.get("id")}
            notes = {r.pk: retraction_note(r) for r in Reference.objects.filter(pk__in=cited).with_health()}
            for body in bodies:
                entries = entries_of[body.pk]
                for entry in entries:
                    entry["retraction"] = notes.get(entry.get("id"))
                body.references = entries
                body.references_html = render_reference_list(entries)
                body.save(update_fields=["references", "references_html"])
                saved += 1
    return saved
