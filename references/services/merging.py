"""Merging two references that describe the same work."""

import logging

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from references.models import Finding, Reference
from references.signals import references_merged, send_on_commit

from .findings import FindingData, findings_store

logger = logging.getLogger(__name__)

# Identifiers the library holds once: the survivor takes them over when it has none.
MOVED_IDENTIFIERS = ("doi", "pmid")
# Fields the survivor takes from the merged reference when its own are empty.
FILLED_FIELDS = ("authors", "source", "year", "volume", "issue", "pages", "pmcid", "isbn", "url", "accessed")


def reference_merge(*, merged: Reference, survivor: Reference, actor: object) -> Reference:
    """Merge the duplicate ``merged`` into ``survivor``, which stays in the library.

    For editors with ``references.change_reference`` (the admin checks it). ``merged`` is not
    deleted: it lives on as an alias (``merged_into``), left out of the library's lists, so every
    key it answers to (its citation key, ``doi:``, ``pmid:``) keeps resolving, to ``survivor``.
    The survivor takes over the DOI and PMID it lacks and fills its empty fields from ``merged``;
    aliases of ``merged`` and references it superseded point at ``survivor`` from now on; open
    findings are copied to ``survivor``.

    Locks every row it changes. Writes two revisions to the references' history: the state before
    the merge (reverting that revision, in the history of either reference, undoes the merge) and
    the merge itself. On commit sends ``references_merged`` (for the articles app to move its
    citations) and, for each copied finding that is new to ``survivor``, ``reference_health_changed``.
    ValidationError if the two are the same or either is already merged into another.
    """
    with transaction.atomic():
        pair = Reference.objects.select_for_update().in_bulk([merged.pk, survivor.pk])
        if merged.pk == survivor.pk or len(pair) != 2:
            raise ValidationError(_("Choose two different references to merge."), code="invalid")
        merged, survivor = pair[merged.pk], pair[survivor.pk]
        for reference in (merged, survivor):
            if reference.merged_into_id:
                raise ValidationError(
                    _("“%(key)s” was already merged into another reference.") % {"key": reference.citation_key},
                    code="merged",
                )
        aliases = list(Reference.objects.select_for_update().filter(merged_into=merged))
        superseded = list(Reference.objects.select_for_update().filter(superseded_by=merged).exclude(pk=survivor.pk))
        everyone = [merged, survivor, *aliases, *superseded]
        comment = {"merged": merged.citation_key, "survivor": survivor.citation_key}
        user = actor if getattr(actor, "pk", None) else None

        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(_("Before merging “%(merged)s” into “%(survivor)s”") % comment)
            for reference in everyone:
                reversion.add_to_revision(reference)

        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(_("Merged “%(merged)s” into “%(survivor)s”") % comment)
            _combine(merged, survivor)
            for reference in aliases:
                reference.merged_into = survivor
                reference.save(update_fields=["merged_into", "updated_at"])
            for reference in superseded:
                reference.superseded_by = survivor
                reference.save(update_fields=["superseded_by", "updated_at"])

        copied = [
            FindingData(
                kind=f.kind,
                source=f.source,
                notice_id=f.notice_id,
                notice_doi=f.notice_doi,
                notice_url=f.notice_url,
                notice_date=f.notice_date,
                details={**f.details, "merged_from": merged.citation_key},
            )
            for f in Finding.objects.open().filter(reference=merged).exclude(kind=Finding.Kind.SUPERSEDED)
        ]
        if copied:
            findings_store(reference=survivor, findings=copied)
        send_on_commit(references_merged, merged=merged, survivor=survivor)
    logger.info("Reference %s merged into %s by %s", merged.citation_key, survivor.citation_key, actor or "a script")
    return survivor


def _combine(merged: Reference, survivor: Reference) -> None:
    """Move identifiers and fill fields from ``merged`` into ``survivor``, then save both (merged first,
    so that the DOI and PMID it gives up are free when the survivor takes them)."""
    moved = [name for name in MOVED_IDENTIFIERS if getattr(merged, name) and not getattr(survivor, name)]
    for name in moved:
        setattr(survivor, name, getattr(merged, name))
        setattr(merged, name, "")
    for name in (f for f in FILLED_FIELDS if getattr(merged, f) and not getattr(survivor, f)):
        setattr(survivor, name, getattr(merged, name))
    newer = merged.superseded_by
    if newer is not None and not survivor.superseded_by_id and not survivor.supersession_problem(newer):
        survivor.superseded_by = newer
    keys = [*survivor.alias_keys, *merged.own_keys(), *merged.alias_keys]
    # The merged reference's DOI and PMID moved to the survivor answer as its own keys already.
    survivor_own = set(survivor.own_keys())
    survivor.alias_keys = list(dict.fromkeys(k for k in keys if k not in survivor_own))
    merged.alias_keys = []
    merged.merged_into = survivor
    if merged.superseded_by_id == survivor.pk:
        merged.superseded_by = None
    merged.save()
    survivor.save()
