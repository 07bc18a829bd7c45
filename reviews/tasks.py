"""Background jobs of the review workflow: notification mail, with retries, scheduled publishing,
reminders and escalation of assignments, and re-reviews of answers past their review date.

The services queue these with ``enqueue_on_commit``: nothing is queued for a rolled-back change,
and neither a mail server nor a queue that is down turns an action that was saved into an error.
A mail that fails is queued again later (doubling waits, ``MAIL_MAX_ATTEMPTS`` tries in all); each
failure is logged, and the last one marks the task failed in the worker's results. The periodic
entry (``manage.py enqueue_scheduled_jobs``) queues ``publish_due_approvals``, ``send_review_reminders``
and ``open_due_rereviews``.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from articles.selectors import overdue_publications

from . import notifications
from .models import ReviewRequest

logger = logging.getLogger(__name__)


def enqueue_on_commit(job, *args, **kwargs) -> None:
    """Queue ``job`` when the current transaction commits. If the queue cannot take it, the error
    is logged (``robust``): the action the person took is saved, and stays a success for them."""

    def enqueue() -> None:
        job.enqueue(*args, **kwargs)

    enqueue.__qualname__ = f"enqueue({job.module_path})"  # what Django's log of a failed callback names
    transaction.on_commit(enqueue, robust=True)


def retry_delay(attempt: int) -> timedelta:
    """The wait after failed attempt number ``attempt`` (1, 2, ...): doubling from ``MAIL_RETRY_DELAY_SECONDS``."""
    return timedelta(seconds=settings.MAIL_RETRY_DELAY_SECONDS * 2 ** (attempt - 1))


def deliver_with_retries(job, send, args: tuple, attempt: int, *, label: str = "") -> int:
    """Run ``send(*args)`` (a notifications function); when the mail server fails, queue ``job``
    again after ``retry_delay``, until ``MAIL_MAX_ATTEMPTS``. Returns the messages sent now.
    ``label`` names the mail in the log instead of its arguments (which may hold a secret link)."""
    what = label or f"{job.name}{args!r}"
    try:
        return send(*args)
    except OSError as exc:  # smtplib.SMTPException too: a refused, dropped or rejected connection
        last = settings.MAIL_MAX_ATTEMPTS
        if attempt < last and job.get_backend().supports_defer:
            delay = retry_delay(attempt)
            logger.warning(
                "Mail %s failed on attempt %d of %d (%s); trying again in %s.",
                what,
                attempt,
                last,
                exc,
                delay,
            )
            job.using(run_after=timezone.now() + delay).enqueue(*args, attempt=attempt + 1)
            return 0
        logger.error("Mail %s failed on attempt %d of %d (%s); giving up.", what, attempt, last, exc)
        raise


@task()
def mail_assignment(assignment_id: int, *, attempt: int = 1) -> int:
    """Tell a board member they were assigned a request, why, and by when."""
    return deliver_with_retries(mail_assignment, notifications.notify_assignment, (assignment_id,), attempt)


@task()
def mail_reviewer_reminder(assignment_id: int, kind: str, *, attempt: int = 1) -> int:
    """Remind an assigned member that their review is due soon ("before") or today ("due")."""
    return deliver_with_retries(mail_reviewer_reminder, notifications.notify_reminder, (assignment_id, kind), attempt)


@task()
def mail_chief_of_overdue_assignment(assignment_id: int, *, attempt: int = 1) -> int:
    """Tell the chief editors an assignment is overdue, so they can reassign it."""
    return deliver_with_retries(
        mail_chief_of_overdue_assignment, notifications.notify_chief_of_overdue, (assignment_id,), attempt
    )


@task()
def mail_chief_of_unassigned(request_id: int, *, attempt: int = 1) -> int:
    """Tell the chief editors that no eligible member was free for a request."""
    return deliver_with_retries(
        mail_chief_of_unassigned, notifications.notify_chief_of_unassigned, (request_id,), attempt
    )


@task()
def mail_board_of_submission(request_id: int, *, attempt: int = 1) -> int:
    """Kept for tasks queued before assignment existed: mails the request's assigned reviewers."""
    return deliver_with_retries(
        mail_board_of_submission, notifications.notify_assigned_of_submission, (request_id,), attempt
    )


@task()
def mail_submitter_of_decision(request_id: int, decision_id: int, *, attempt: int = 1) -> int:
    """Tell the submitter a board member approved or asked for changes."""
    return deliver_with_retries(
        mail_submitter_of_decision, notifications.notify_submitter, (request_id, decision_id), attempt
    )


@task()
def mail_board_of_overdue(*, attempt: int = 1) -> int:
    """Remind the board of the approved articles past their review date, as they stand when it runs."""
    return deliver_with_retries(mail_board_of_overdue, _notify_overdue, (), attempt)


def _notify_overdue() -> int:
    return notifications.notify_board_of_overdue(overdue_publications(limit=None))


@task()
def publish_scheduled(request_id: int) -> bool:
    """Publish one scheduled approval; queued at approval to run at its "publish at" time."""
    from .services import review_publish_scheduled  # the services queue these tasks

    review_request = ReviewRequest.objects.filter(pk=request_id).first()
    return review_request is not None and review_publish_scheduled(review_request=review_request)


@task()
def publish_due_approvals() -> int:
    """The safety net of the periodic entry: publish every scheduled approval whose time has come
    (a ``publish_scheduled`` task lost with a queue, or a backend that cannot run tasks later)."""
    from .services import review_publish_scheduled

    due = list(ReviewRequest.objects.due_for_publishing())
    return sum(review_publish_scheduled(review_request=r) for r in due)


@task()
def send_review_reminders() -> int:
    """The periodic entry's reminders and escalations (``reviews.services.assignments_remind``)."""
    from .services import assignments_remind

    return assignments_remind()


@task()
def open_due_rereviews() -> int:
    """The periodic entry's re-reviews of answers past their review date (``reviews.services.rereviews_open``)."""
    from .services import rereviews_open

    return rereviews_open()


def schedule_publishing(review_request: ReviewRequest) -> None:
    """Queue ``publish_scheduled`` for the request's "publish at" time once the approval commits.
    A backend that cannot run a task later leaves it to ``publish_due_approvals``."""
    if not publish_scheduled.get_backend().supports_defer:
        logger.info("Request %s: the periodic job will publish it at %s.", review_request.pk, review_request.publish_at)
        return
    enqueue_on_commit(publish_scheduled.using(run_after=review_request.publish_at), review_request.pk)
