"""Who is asked to review a request, by when, and what they said about its passages."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AssignmentQuerySet(models.QuerySet):
    def active(self) -> "AssignmentQuerySet":
        return self.filter(state=Assignment.State.ACTIVE)

    def for_round(self, review_request) -> "AssignmentQuerySet":
        """The assignments made for the revision the request pins now."""
        return self.filter(request=review_request, revision_id=review_request.revision_id)

    def overdue(self, now=None) -> "AssignmentQuerySet":
        return self.active().filter(due_at__lt=now or timezone.now())

    def with_listing_data(self) -> "AssignmentQuerySet":
        return self.select_related(
            "request__article__topic", "request__submitted_by", "reviewer__board_member", "assigned_by"
        )


class Assignment(models.Model):
    """One board member asked to review one round (pinned revision) of a request, by a due date.

    Made by ``review_assign`` (routing), ``review_decline`` (a replacement) and ``review_reassign``
    (the chief editor). The reminder job stamps ``reminded_*_at`` and ``escalated_at`` in the same
    transaction as it queues the mail, so a job that runs twice sends nothing twice.
    """

    class State(models.TextChoices):
        ACTIVE = "active", _("Assigned")
        DECLINED = "declined", _("Declined")
        REPLACED = "replaced", _("Replaced")
        COMPLETED = "completed", _("Decided")
        CLOSED = "closed", _("Closed without a decision")

    request = models.ForeignKey("reviews.ReviewRequest", on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_assignments")
    revision_id = models.PositiveBigIntegerField(help_text=_("The pinned revision this assignment is for."))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.ACTIVE)
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    due_at = models.DateTimeField(_("due"))
    # Empty: the routing rules chose this member; otherwise the chief editor who did.
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("why this reviewer"), max_length=300, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    decision = models.ForeignKey(
        "reviews.ReviewDecision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_before_at = models.DateTimeField(null=True, blank=True)
    reminded_due_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["assigned_at", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "reviewer"], condition=Q(state="active"), name="one_active_assignment_per_reviewer"
            ),
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(decline_reason=""), name="declining_needs_a_reason"
            ),
        ]
        indexes = [models.Index(fields=["state", "due_at"]), models.Index(fields=["reviewer", "state"])]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.request_id} ({self.get_state_display()})"

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE

    @property
    def is_overdue(self) -> bool:
        return self.is_active and self.due_at < timezone.now()


_SPACE = re.compile(r"\s+")


def anchor_key(text: str) -> str:
    """How a quoted passage is compared with a revision's text: every run of whitespace removed,
    so a selection across lines or blocks matches whatever whitespace the HTML had there."""
    return _SPACE.sub("", text or "")


class PassageComment(models.Model):
    """A reviewer's comment on a passage (a quote with its context) or a whole section of one
    audience's body in the pinned revision. Never changes content; never public.

    Sent to the editor with the reviewer's decision (``sent_at``); the editor resolves it with a reply.
    """

    request = models.ForeignKey("reviews.ReviewRequest", on_delete=models.CASCADE, related_name="comments")
    revision_id = models.PositiveBigIntegerField(help_text=_("The pinned revision the comment was made on."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    audience = models.ForeignKey("personalization.Audience", on_delete=models.PROTECT, related_name="+")
    quote = models.TextField(_("passage"), max_length=1000, blank=True)
    prefix = models.CharField(max_length=200, blank=True)
    suffix = models.CharField(max_length=200, blank=True)
    # A comment on a whole section: its position (0 = before the first heading) and heading.
    section_index = models.PositiveSmallIntegerField(null=True, blank=True)
    section = models.CharField(_("section"), max_length=300, blank=True)
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(_("sent to the editor"), null=True, blank=True)
    reply = models.TextField(_("reply"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment on a passage")
        verbose_name_plural = _("comments on passages")
        constraints = [
            models.CheckConstraint(
                condition=~Q(quote="") | Q(section_index__isnull=False), name="comment_has_an_anchor"
            ),
            models.CheckConstraint(condition=Q(resolved_at__isnull=True) | ~Q(reply=""), name="resolution_has_a_reply"),
        ]

    def __str__(self) -> str:
        return (self.quote or self.section)[:60]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    def anchored_in(self, text: str, headings: list[str]) -> bool:
        """Whether the passage (or the section's heading) is still in a revision's ``text``."""
        if self.quote:
            return anchor_key(self.quote) in anchor_key(text)
        return self.section_index == 0 or anchor_key(self.section) in {anchor_key(h) for h in headings}
