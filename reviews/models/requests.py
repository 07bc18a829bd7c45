"""Review requests for pinned article revisions, the board's decisions on them and the audit trail."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from reversion.models import Revision

from articles.integrity import Problem, content_problems
from articles.services import ReviewStep
from articles.versioning import ArticleContent, PinnedRevision, pinned_revision

from .assignments import Assignment
from .board import BoardMember

CHANGE_SUMMARY_MAX = 1000
OPEN_STATES = ("submitted", "under_review", "changes_requested")
# The states in which the board is at work on a request: reviewers start, comment and decide.
REVIEWING_STATES = ("submitted", "under_review")


def content_is_ready(review_request: "ReviewRequest") -> bool:
    """Condition of submit/resubmit: the pinned revision has no missing body or citation problem."""
    return not review_request.content_problems()


def has_quorum(review_request: "ReviewRequest") -> bool:
    """Condition of approve (invariant 4): ``REVIEW_APPROVALS_REQUIRED`` distinct board approvals
    of the pinned revision. The only place the quorum is counted."""
    return review_request.approvals() >= settings.REVIEW_APPROVALS_REQUIRED


class ReviewRequestQuerySet(models.QuerySet):
    def with_listing_data(self) -> "ReviewRequestQuerySet":
        return self.select_related("article__topic", "submitted_by", "started_by")

    def open(self) -> "ReviewRequestQuerySet":
        return self.filter(state__in=OPEN_STATES)

    def in_review(self) -> "ReviewRequestQuerySet":
        """Submitted or under review: the board is at work on these."""
        return self.filter(state__in=REVIEWING_STATES)

    def not_assigned_to(self, user) -> "ReviewRequestQuerySet":
        """Requests in review on which ``user`` holds no active assignment (the dashboard's "Other requests")."""
        mine = Assignment.objects.active().filter(request=OuterRef("pk"), reviewer=user)
        return self.in_review().exclude(Exists(mine)).order_by("submitted_at")

    def changes_requested(self) -> "ReviewRequestQuerySet":
        return self.filter(state=ReviewRequest.State.CHANGES_REQUESTED).order_by("-updated_at")

    def recently_approved(self, days: int = 30) -> "ReviewRequestQuerySet":
        since = timezone.now() - timedelta(days=days)
        return self.filter(state=ReviewRequest.State.APPROVED, closed_at__gte=since).order_by("-closed_at")

    def scheduled(self) -> "ReviewRequestQuerySet":
        """Approved revisions waiting for their "publish at" time: not yet published, and not
        superseded by a revision of the same article approved later and already published."""
        newer_live = ReviewRequest.objects.filter(
            article=OuterRef("article"), published_at__isnull=False, closed_at__gt=OuterRef("closed_at")
        )
        return (
            self.filter(state=ReviewRequest.State.APPROVED, published_at__isnull=True, publish_at__isnull=False)
            .exclude(Exists(newer_live))
            .order_by("publish_at")
        )

    def due_for_publishing(self) -> "ReviewRequestQuerySet":
        """Scheduled approvals whose "publish at" time has come."""
        return self.scheduled().filter(publish_at__lte=timezone.now())


class ReviewRequest(ConcurrentTransitionMixin, models.Model):
    """A request for the board to review one pinned revision of an article, like a pull request."""

    class State(models.TextChoices):
        NEW = "new", _("Not yet submitted")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Kind(models.TextChoices):
        SUBMISSION = "submission", _("Submitted by an editor")
        REREVIEW = "rereview", _("Re-review opened by the schedule")

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="review_requests")
    state = FSMField(default=State.NEW, choices=State.choices, protected=True)
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="+")
    content_hash = models.CharField(max_length=64)
    # Empty for a re-review the schedule opened (``kind`` rereview): nobody submitted it.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The editor's schedule for this revision: it goes live no earlier than ``publish_at`` (at
    # approval when empty) and leaves the public site at ``unpublish_at`` (never when empty).
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    unpublish_at = models.DateTimeField(_("unpublish at"), null=True, blank=True)
    # When the approved revision became what readers see (at approval, or at ``publish_at``).
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SUBMISSION)
    # Why the schedule opened a re-review ("Review date passed", a changed source); empty otherwise.
    rereview_reason = models.CharField(_("re-review because"), max_length=300, blank=True)
    # What the editor tells readers changed (the public version history), read and approved by the
    # board with the content; required once the article has an approved version.
    change_summary = models.TextField(_("change summary"), max_length=CHANGE_SUMMARY_MAX, blank=True)
    substantive = models.BooleanField(_("changes medical advice"), default=False)

    objects = ReviewRequestQuerySet.as_manager()

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
        permissions = [
            ("decide_reviewrequest", _("Can review and decide on review requests")),
            ("assign_reviewrequest", _("Can assign and reassign reviewers")),
            ("view_review_report", _("Can see the board's turnaround report")),
        ]

    def __str__(self) -> str:
        return f"{self.article} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("reviews:review_detail", kwargs={"pk": self.pk})

    @property
    def is_scheduled(self) -> bool:
        """Approved, and waiting for its "publish at" time (``ReviewRequestQuerySet.scheduled`` for one row,
        without the check for a newer published approval)."""
        return self.state == self.State.APPROVED and self.published_at is None and self.publish_at is not None

    # Transitions only set fields on this row; reviews/services.py does everything else.

    @transition(field=state, source=State.NEW, target=State.SUBMITTED, conditions=[content_is_ready])
    def submit(self) -> None:
        self.submitted_at = timezone.now()

    @transition(field=state, source=State.SUBMITTED, target=State.UNDER_REVIEW)
    def start_review(self, *, by) -> None:
        self.started_by = by

    @transition(field=state, source=State.UNDER_REVIEW, target=State.APPROVED, conditions=[has_quorum])
    def approve(self) -> None:
        self.closed_at = timezone.now()

    @transition(field=state, source=State.UNDER_REVIEW, target=State.CHANGES_REQUESTED)
    def request_changes(self) -> None:
        pass

    @transition(field=state, source=State.CHANGES_REQUESTED, target=State.SUBMITTED, conditions=[content_is_ready])
    def resubmit(self) -> None:
        self.submitted_at = timezone.now()
        self.started_by = None

    @transition(field=state, source=[State.SUBMITTED, State.CHANGES_REQUESTED], target=State.WITHDRAWN)
    def withdraw(self) -> None:
        self.closed_at = timezone.now()

    @property
    def review_step(self) -> ReviewStep:
        """Where readers' status tracker stands for this request's state: the one mapping."""
        return _REVIEW_STEPS.get(self.state, ReviewStep.SUBMITTED)

    def pinned(self) -> PinnedRevision:
        """The pinned revision's content and its editors, read once per request object."""
        cached = getattr(self, "_pinned", None)
        if cached is None or cached.content.revision_id != self.revision_id:
            cached = self._pinned = pinned_revision(self.article, self.revision_id)
        return cached

    def pinned_content(self) -> ArticleContent:
        return self.pinned().content

    def content_problems(self) -> list[Problem]:
        """What blocks review of the pinned revision (missing default body, citation problems)."""
        cache = getattr(self, "_problems_cache", None)
        if cache is not None and cache[0] == (self.revision_id, self.content_hash):
            return cache[1]
        problems = content_problems(self.pinned_content())
        self._problems_cache = ((self.revision_id, self.content_hash), problems)
        return problems

    def pinned_decisions(self) -> list["ReviewDecision"]:
        """The decisions on the pinned revision, with each reviewer's board profile; read once per object."""
        cached = getattr(self, "_pinned_decisions", None)
        if cached is None or cached[0] != self.revision_id:
            decisions = list(
                self.decisions.filter(revision_id=self.revision_id).select_related("reviewer__board_member")
            )
            cached = self._pinned_decisions = (self.revision_id, decisions)
        return cached[1]

    def record_decision(self, decision: "ReviewDecision") -> None:
        """Count a decision just saved on the pinned revision without reading them all again."""
        self.pinned_decisions().append(decision)

    def approvers(self) -> list[BoardMember]:
        """The board members who approved the pinned revision, each once."""
        members = {}
        for d in self.pinned_decisions():
            if d.outcome == ReviewDecision.Outcome.APPROVE:
                members.setdefault(d.reviewer_id, d.reviewer.board_member)
        return list(members.values())

    def approvals(self) -> int:
        """Distinct board approvals of the pinned revision."""
        return len(self.approvers())

    def has_decided(self, user) -> bool:
        """Whether ``user`` already gave a decision on the pinned revision (one per reviewer per revision)."""
        return any(d.reviewer_id == user.pk for d in self.pinned_decisions())


_REVIEW_STEPS = {
    ReviewRequest.State.SUBMITTED: ReviewStep.SUBMITTED,
    ReviewRequest.State.UNDER_REVIEW: ReviewStep.UNDER_REVIEW,
    ReviewRequest.State.APPROVED: ReviewStep.APPROVED,
}


COMMENT_REQUIRED = _("Say what needs to change: a comment is required to request changes.")


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
    # An approval's attestation: the checklist statements the member was shown and ticked, in
    # order, and their conflict-of-interest declaration ("none", or what they declared).
    attested_items = models.JSONField(_("attested"), default=list, blank=True)
    conflict_of_interest = models.TextField(_("conflict of interest"), blank=True)
    # A change request keeps the reference metadata the member saw ({key: fields}), so a later
    # revision's review can show which references changed since.
    reference_snapshot = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "reviewer", "revision"], name="one_decision_per_reviewer_per_revision"
            ),
            models.CheckConstraint(
                condition=Q(outcome="approve") | ~Q(comment=""), name="change_request_needs_comment"
            ),
            models.CheckConstraint(
                condition=Q(outcome="request_changes") | ~Q(conflict_of_interest=""),
                name="approval_declares_conflicts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} {self.get_outcome_display()}"

    def clean(self) -> None:
        """A request for changes must say what to change (the database holds the same rule)."""
        self.comment = self.comment.strip()
        if self.outcome == self.Outcome.REQUEST_CHANGES and not self.comment:
            raise ValidationError({"comment": COMMENT_REQUIRED})


# What the background jobs do without a person: route a request, remind, escalate, open a re-review.
SYSTEM_TRANSITIONS = ("assign", "remind", "escalate", "rereview")


class AuditEntry(models.Model):
    """An append-only record of one workflow transition or article-level action."""

    article = models.ForeignKey("articles.Article", on_delete=models.PROTECT, related_name="audit_entries")
    request = models.ForeignKey(
        ReviewRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="audit_entries"
    )
    # Empty only for what the background jobs do on their own (``SYSTEM_TRANSITIONS``).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    transition = models.CharField(max_length=40)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30)
    revision_id = models.PositiveBigIntegerField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    comment = models.TextField(blank=True)
    # Structured facts of the event: the reviewer assigned or reminded, the attestation, the passage.
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        constraints = [
            models.CheckConstraint(
                condition=Q(actor__isnull=False) | Q(transition__in=SYSTEM_TRANSITIONS),
                name="audit_actor_unless_system",
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor or _('system')}: {self.from_state or '-'} -> {self.to_state}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise RuntimeError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit entries are append-only.")
