"""A request's timeline, read from its audit trail: who did what, when, in order."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from reviews.models import AuditEntry, ReviewRequest
from reviews.services import display_name

LABELS = {
    "submit": _("Submitted"),
    "resubmit": _("Resubmitted with changes"),
    "rereview": _("Re-review opened by the schedule"),
    "assign": _("Assigned"),
    "reassign": _("Reassigned by the chief editor"),
    "decline": _("Declined"),
    "start_review": _("Review started"),
    "comment": _("Commented on a passage"),
    "resolve": _("Comment resolved by the editor"),
    "remind": _("Reminder sent"),
    "escalate": _("Escalated to the chief editors"),
    "vote": _("Approved (more approvals needed)"),
    "approve": _("Approved"),
    "request_changes": _("Changes requested"),
    "withdraw": _("Withdrawn"),
}


@dataclass
class TimelineEvent:
    at: datetime
    kind: str
    label: str
    actor: str
    text: str
    revision_id: int | None
    details: dict


def request_timeline(review_request: ReviewRequest) -> list[TimelineEvent]:
    """Every event of the request (submitted, assigned, reminded, declined, commented, decided...),
    oldest first, in one query."""
    entries = AuditEntry.objects.filter(request=review_request).select_related("actor__board_member")
    return [
        TimelineEvent(
            at=e.at,
            kind=e.transition,
            label=str(LABELS.get(e.transition, e.transition)),
            actor=display_name(e.actor),
            text=e.comment,
            revision_id=e.revision_id,
            details=e.details,
        )
        for e in entries.order_by("at", "id")
    ]
