"""What the periodic jobs do on their own: remind reviewers, escalate overdue work to the chief
editors, and open re-reviews of answers past their review date.

Reminders (``assignments_remind``), for each active assignment of a request the board is reviewing:

* ``REVIEW_REMINDER_BEFORE_HOURS`` before it is due: a reminder to the reviewer;
* on the day it is due (in ``TIME_ZONE``): a second reminder;
* ``REVIEW_ESCALATE_AFTER_HOURS`` after it was due (0: as soon as it is overdue): a mail to the
  chief editors, who may reassign it.

Each is stamped on the assignment (``reminded_before_at``, ``reminded_due_at``, ``escalated_at``)
in the transaction that queues its mail, with the rows locked (``SKIP LOCKED`` on PostgreSQL),
so a job that runs twice, or two workers at once, send nothing twice. When several are due at
once (the job did not run for a while) only the most urgent is sent, and the others are stamped.

Re-reviews (``rereviews_open``): an approved answer past its "next review due" date, or one a
changed source sent back to the board (``ArticleControl.rereview_reason``), gets a review
request of its own, opened by the schedule (no submitter; ``kind`` "rereview"), routed like a
submission. It pins the revision readers see now (the published snapshot's revision), not the
editors' draft: the board re-checks what is public. While it is open the article is read-only,
as for any open request; an editor who wants to publish draft edits instead withdraws it and
submits the article. Approving it renews the review dates; requesting changes sends it back to
the editors as usual. Each (revision, reason) is opened once: a withdrawn re-review is not
opened again for the same revision and reason.
"""

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed
from reversion.models import Revision

from articles import services as articles
from articles.selectors import flagged_for_rereview, overdue_publications
from articles.services import ReviewFacts
from reviews import tasks
from reviews.models import REVIEWING_STATES, Assignment, ReviewRequest

from .assignment import review_assign
from .common import audit, display_name, lock_article

logger = logging.getLogger(__name__)
State = ReviewRequest.State


def _start_of_tomorrow(now: datetime) -> datetime:
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time.min))


def assignments_remind(*, now: datetime | None = None) -> int:
    """Send the reminders and escalations that are due (module docstring); returns how many were queued."""
    now = now or timezone.now()
    before = now + timedelta(hours=settings.REVIEW_REMINDER_BEFORE_HOURS)
    due_day = _start_of_tomorrow(now)
    escalate = now - timedelta(hours=settings.REVIEW_ESCALATE_AFTER_HOURS)
    sent = 0
    with transaction.atomic():
        due = (
            Assignment.objects.active()
            .filter(request__state__in=REVIEWING_STATES)
            .filter(
                Q(escalated_at__isnull=True, due_at__lte=escalate)
                | Q(reminded_due_at__isnull=True, escalated_at__isnull=True, due_at__lt=due_day)
                | Q(
                    reminded_before_at__isnull=True,
                    reminded_due_at__isnull=True,
                    escalated_at__isnull=True,
                    due_at__lte=before,
                )
            )
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("request", "reviewer__board_member")
            .order_by("due_at", "pk")
        )
        for assignment in due:
            kind = _stamp(assignment, now=now, escalate=escalate, due_day=due_day)
            review_request = assignment.request
            name = display_name(assignment.reviewer)
            due_on = timezone.localdate(assignment.due_at).isoformat()
            if kind == "escalate":
                tasks.enqueue_on_commit(tasks.mail_chief_of_overdue_assignment, assignment.pk)
                comment = _("Overdue: %(name)s was due on %(due)s; the chief editors were told.")
            else:
                tasks.enqueue_on_commit(tasks.mail_reviewer_reminder, assignment.pk, kind)
                comment = _("Reminder sent to %(name)s, due %(due)s.")
            audit(
                review_request=review_request,
                actor=None,
                transition="escalate" if kind == "escalate" else "remind",
                from_state=review_request.state,
                comment=comment % {"name": name, "due": due_on},
                details={"assignment": assignment.pk, "reviewer": assignment.reviewer_id, "kind": kind},
            )
            sent += 1
    return sent


def _stamp(assignment: Assignment, *, now: datetime, escalate: datetime, due_day: datetime) -> str:
    """Mark the most urgent notice due for ``assignment`` (and the milder ones it supersedes) as sent."""
    if assignment.due_at <= escalate:
        kind, fields = "escalate", ["escalated_at", "reminded_due_at", "reminded_before_at"]
    elif assignment.due_at < due_day:
        kind, fields = "due", ["reminded_due_at", "reminded_before_at"]
    else:
        kind, fields = "before", ["reminded_before_at"]
    for name in fields:
        if getattr(assignment, name) is None:
            setattr(assignment, name, now)
    assignment.save(update_fields=fields)
    return kind


def review_open_rereview(*, article_id: int, reason: str) -> ReviewRequest | None:
    """Open a re-review of the answer readers see now (module docstring), routed to reviewers.

    Called by the periodic job only. Locks the article. Returns None, changing nothing, when the
    article has no approved snapshot, is retired, has an open request, was already re-reviewed
    for this revision and reason, or when the snapshot's revision no longer matches its hash or
    has problems (logged for the chief editor).
    """
    with transaction.atomic():
        article = lock_article(article_id)
        publication = getattr(article, "publication", None)
        if publication is None or publication.status != publication.Status.APPROVED or article.is_retired:
            return None
        if ReviewRequest.objects.open().filter(article=article).exists():
            return None
        if ReviewRequest.objects.filter(
            article=article,
            kind=ReviewRequest.Kind.REREVIEW,
            revision_id=publication.revision_id,
            rereview_reason=reason,
        ).exists():
            return None
        revision = Revision.objects.filter(pk=publication.revision_id).first()
        if revision is None:
            logger.error(
                "Article %s: its published revision %s is gone; no re-review.", article.pk, publication.revision_id
            )
            return None
        review_request = ReviewRequest(
            article=article,
            kind=ReviewRequest.Kind.REREVIEW,
            rereview_reason=reason[:300],
            revision=revision,
            content_hash=publication.content_hash,
            unpublish_at=publication.unpublish_at,
        )
        if review_request.pinned_content().fingerprint() != publication.content_hash:
            logger.error("Article %s: the published revision does not match its snapshot; no re-review.", article.pk)
            return None
        try:
            review_request.submit()
        except TransitionNotAllowed:
            logger.warning(
                "Article %s cannot be re-reviewed automatically: %s",
                article.pk,
                "; ".join(str(p) for p in review_request.content_problems()),
            )
            return None
        review_request.save()
        audit(review_request=review_request, actor=None, transition="rereview", from_state=State.NEW, comment=reason)
        articles.article_lock_for_review(
            article=article,
            content=review_request.pinned_content(),
            facts=ReviewFacts(review_step=review_request.review_step, submitted_at=review_request.submitted_at),
        )
        review_assign(review_request=review_request)
    return review_request


def rereviews_open() -> int:
    """Open the re-reviews that are due (module docstring); returns how many were opened.
    Off when ``REVIEW_OPEN_REREVIEWS`` is False."""
    if not settings.REVIEW_OPEN_REREVIEWS:
        return 0
    wanted: dict[int, str] = {}
    for publication in overdue_publications(limit=None):
        wanted.setdefault(
            publication.article_id,
            _("Review date passed (due %(date)s)") % {"date": publication.next_review_due.isoformat()},
        )
    for control in flagged_for_rereview(limit=None):
        wanted.setdefault(control.article_id, control.rereview_reason)
    if not wanted:
        return 0
    busy = set(ReviewRequest.objects.open().filter(article_id__in=wanted).values_list("article_id", flat=True))
    opened = 0
    for article_id, reason in wanted.items():
        if article_id not in busy and review_open_rereview(article_id=article_id, reason=reason) is not None:
            opened += 1
    return opened
