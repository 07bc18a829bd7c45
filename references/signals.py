"""What the reference library tells the apps above it. Each signal is sent when the transaction that
caused it commits, so a receiver never acts on something rolled back.

- ``reference_health_changed(sender=Reference, reference, finding)``: a new finding was stored on
  ``reference`` (or an old one came back): retracted, corrected, an expression of concern, superseded
  by a newer edition (``finding.kind == "superseded"``, ``reference.superseded_by`` set), a broken or
  moved link. Read the whole picture from ``reference.health``.
- ``references_merged(sender=Reference, merged, survivor)``: ``merged`` was a duplicate of ``survivor``
  and now lives on as its alias (``merged.merged_into == survivor``); whatever pointed at ``merged``
  should point at ``survivor``. Every key of ``merged`` keeps resolving, to ``survivor``.
- ``references_unmerged(sender=Reference, reference, former_survivor)``: a merge was undone (an editor
  reverted it in the history): ``reference`` is a reference of its own again.
"""

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import Signal, receiver

reference_health_changed = Signal()
references_merged = Signal()
references_unmerged = Signal()


def send_on_commit(signal: Signal, **kwargs) -> None:
    """Send ``signal`` with ``sender=Reference`` once the current transaction commits."""
    from .models import Reference

    transaction.on_commit(lambda: signal.send(sender=Reference, **kwargs))


@receiver(pre_save, sender="references.Reference")
def remember_merge(sender, instance, raw: bool = False, **kwargs) -> None:
    # Only a raw save (django-reversion reverting a revision, a fixture) can turn an alias back into
    # a reference of its own; the services never do, so ordinary saves cost no query here.
    if raw and instance.pk:
        instance._merged_into_before = (
            sender.objects.filter(pk=instance.pk).values_list("merged_into_id", flat=True).first()
        )


@receiver(post_save, sender="references.Reference")
def announce_unmerge(sender, instance, created: bool, **kwargs) -> None:
    """A revert in the history (a raw save) can turn an alias back into a reference of its own."""
    before = getattr(instance, "_merged_into_before", None)
    instance._merged_into_before = None
    if created or not before or instance.merged_into_id:
        return
    former = sender.objects.filter(pk=before).first()
    send_on_commit(references_unmerged, reference=instance, former_survivor=former)
