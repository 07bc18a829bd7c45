"""The Medical Advisory Board and its review of pinned article revisions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from reversion.models import Revision

from articles.models import Article


class BoardMemberQuerySet(models.QuerySet):
    def active(self) -> "BoardMemberQuerySet":
        return self.filter(active=True)


class BoardMember(models.Model):
    """A credentialed reviewer on the Medical Advisory Board."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_member")
    display_name = models.CharField(_("display name"), max_length=120, help_text=_("For example “Dr Amara Okafor”."))
    credentials = models.CharField(_("credentials"), max_length=80, help_text=_("For example “MD, PhD”."))
    specialty = models.CharField(_("specialty"), max_length=120)
    bio = models.TextField(_("short biography"), max_length=1200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = BoardMemberQuerySet.as_manager()

    class Meta:
        ordering = ["order", "display_name"]
        verbose_name = _("board member")
        verbose_name_plural = _("board members")

    def __str__(self) -> str:
        return f"{self.display_name}, {self.credentials}"


OPEN_STATES = ("submitted", "under_review", "changes_requested")


class ReviewRequest(ConcurrentTransitionMixin, models.Model):
    """A request for the board to review one pinned revision of an article, like a pull request."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="review_requests")
    state = FSMField(default=State.SUBMITTED, choices=State.choices, protected=True)
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="+")
    content_hash = models.CharField(max_length=64)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        constraints = [
            models.UniqueConstraint(
                fields=["article"], condition=Q(state__in=OPEN_STATES), name="one_open_review_request_per_article"
            ),
        ]
        indexes = [models.Index(fields=["state", "-submitted_at"])]
        permissions = [("decide_reviewrequest", _("Can review and decide on review requests"))]

    def __str__(self) -> str:
        return f"{self.article} ({self.get_state_display()})"

    @transition(field=state, source=State.SUBMITTED, target=State.UNDER_REVIEW)
    def start_review(self) -> None:
        pass

    @transition(field=state, source=State.UNDER_REVIEW, target=State.APPROVED)
    def approve(self) -> None:
        pass

    @transition(field=state, source=State.UNDER_REVIEW, target=State.CHANGES_REQUESTED)
    def request_changes(self) -> None:
        pass

    @transition(field=state, source=State.CHANGES_REQUESTED, target=State.SUBMITTED)
    def resubmit(self) -> None:
        pass

    @transition(field=state, source=[State.SUBMITTED, State.CHANGES_REQUESTED], target=State.WITHDRAWN)
    def withdraw(self) -> None:
        pass


class ReviewDecision(models.Model):
    """One board member's vote on the revision a request pins."""

    class Outcome(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REQUEST_CHANGES = "request_changes", _("Request changes")

    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="decisions")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_decisions")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    comment = models.TextField(blank=True)
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="+")
    content_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "reviewer", "revision"], name="one_decision_per_reviewer_per_revision"
            ),
            models.CheckConstraint(
                condition=Q(outcome="approve") | ~Q(comment=""), name="change_request_needs_comment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} {self.get_outcome_display()}"


class AuditEntry(models.Model):
    """An append-only record of one workflow transition."""

    request = models.ForeignKey(ReviewRequest, on_delete=models.PROTECT, related_name="audit_entries")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    transition = models.CharField(max_length=40)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30)
    revision_id = models.PositiveBigIntegerField()
    content_hash = models.CharField(max_length=64)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor}: {self.from_state or '-'} -> {self.to_state}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise RuntimeError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit entries are append-only.")
