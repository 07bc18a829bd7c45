"""Storing what is learnt about references after they entered the library, and newer editions."""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from references.models import Finding, Reference
from references.signals import reference_health_changed, send_on_commit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FindingData:
    """A finding as a check reports it, before it is stored."""

    kind: str
    source: str
    notice_id: str = ""  # what identifies it within its source: the notice's DOI (lower case), PMID, record id
    notice_doi: str = ""
    notice_url: str = ""
    notice_date: datetime.date | None = None
    details: dict = field(default_factory=dict)


def findings_store(*, reference: Reference, findings: Iterable[FindingData]) -> list[Finding]:
    """Store on ``reference`` each finding it does not have yet, and reopen one that was resolved;
    returns those. A finding already stored and open changes nothing, so a check run twice stores
    each thing once.

    For the checks (commands, background jobs, the Retraction Watch upload) and the other services.
    Runs in one transaction; sends ``reference_health_changed`` on commit for each new or reopened
    finding.
    """
    changed: list[Finding] = []
    with transaction.atomic():
        for data in findings:
            finding, created = Finding.objects.get_or_create(
                reference=reference,
                kind=data.kind,
                source=data.source,
                notice_id=data.notice_id[:500],
                defaults={
                    "notice_doi": data.notice_doi[:200],
                    "notice_url": data.notice_url[:500],
                    "notice_date": data.notice_date,
                    "details": data.details,
                },
            )
            if not created and finding.resolved_at is None:
                continue
            if not created:
                finding.resolved_at = None
                finding.save(update_fields=["resolved_at"])
            changed.append(finding)
            send_on_commit(reference_health_changed, reference=reference, finding=finding)
    for finding in changed:
        logger.info("Reference %s: %s", reference.citation_key, finding.describe())
    return changed


def finding_resolve(*, reference: Reference, kinds: Iterable[str], source: str, keep: str | None = None) -> int:
    """Mark the open findings of ``kinds`` from ``source`` on ``reference`` as no longer holding
    (a link that works again), except the one whose notice is ``keep``; returns how many.

    For the checks and the other services; sends nothing (the reference got better)."""
    findings = Finding.objects.open().filter(reference=reference, kind__in=list(kinds), source=source)
    if keep is not None:
        findings = findings.exclude(notice_id=keep)
    return findings.update(resolved_at=timezone.now())


def reference_mark_superseded(*, reference: Reference, superseded_by: Reference | None, actor: object) -> Reference:
    """Record that ``superseded_by`` (a newer edition, a replacing guideline) replaces ``reference``;
    ``None`` takes the mark away.

    For editors with ``references.change_reference`` (the admin checks it). Refuses, with a
    ValidationError, a reference superseding itself, a merged duplicate, or a chain that leads back.
    Locks the reference, saves it in a revision of its history, stores an editor's "superseded"
    finding (resolving an older one) and, on commit, sends ``reference_health_changed``.
    """
    with transaction.atomic():
        locked = Reference.objects.select_for_update().get(pk=reference.pk)
        if superseded_by is not None:
            newer = Reference.objects.select_related("superseded_by").get(pk=superseded_by.pk)
            problem = locked.supersession_problem(newer)
            if problem:
                raise ValidationError({"superseded_by": problem})
        if locked.superseded_by_id != (superseded_by.pk if superseded_by else None):
            with reversion.create_revision():
                reversion.set_user(actor if getattr(actor, "pk", None) else None)
                reversion.set_comment(
                    _("Marked as superseded by “%(key)s”") % {"key": superseded_by.citation_key}
                    if superseded_by
                    else _("No longer marked as superseded")
                )
                locked.superseded_by = superseded_by
                locked.save(update_fields=["superseded_by", "updated_at"])
        notice = f"reference:{superseded_by.pk}" if superseded_by else None
        finding_resolve(reference=locked, kinds=[Finding.Kind.SUPERSEDED], source=Finding.Source.EDITOR, keep=notice)
        if superseded_by is not None:
            findings_store(
                reference=locked,
                findings=[
                    FindingData(
                        kind=Finding.Kind.SUPERSEDED,
                        source=Finding.Source.EDITOR,
                        notice_id=notice,
                        notice_date=timezone.localdate(),
                        details={
                            "superseded_by": superseded_by.pk,
                            "superseded_by_key": superseded_by.citation_key,
                            "by": str(actor or ""),
                        },
                    )
                ],
            )
    reference.superseded_by = superseded_by
    return locked
