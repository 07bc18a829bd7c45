"""Reminders and escalation of assignments on a moving clock, through the periodic job; a job
that runs twice sends nothing twice."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from reviews.models import Assignment, AuditEntry
from reviews.services import assignments_remind, review_decide, review_start
from reviews.tasks import send_review_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(submitted, task_queue):
    task_queue.run()  # the assignment mail
    return Assignment.objects.get(request=submitted)


@pytest.fixture
def run(task_queue, mailoutbox, django_capture_on_commit_callbacks):
    def run_at(when) -> list:
        """Run the periodic job at ``when`` (committing), then the mail it queued; the messages sent."""
        mailoutbox.clear()
        with time_machine.travel(when, tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                send_review_reminders.call()
            task_queue.run()
        return [(m.to, m.subject) for m in mailoutbox]

    return run_at


def test_reminder_before_then_on_the_day_then_escalation_each_once(assignment, run, chief, reviewer, settings):
    """A reminder 48 hours before, another on the due day, then the chief editors; no run sends twice."""
    settings.REVIEW_REMINDER_BEFORE_HOURS = 48
    due = assignment.due_at
    question = assignment.request.article.question
    assert run(due - timedelta(hours=72)) == []
    assert run(due - timedelta(hours=47)) == [([reviewer.email], f"Reminder, due soon: {question}")]
    assert run(due - timedelta(hours=46)) == []
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(due), time.min))
    due_day = midnight + (due - midnight) / 2  # on the due day, before the due time
    assert run(due_day) == [([reviewer.email], f"Due today: {question}")]
    assert run(due_day + timedelta(minutes=1)) == []
    assert run(due + timedelta(minutes=1)) == [([chief.email], f"Overdue review: {question}")]
    assert run(due + timedelta(days=3)) == []
    kinds = list(
        AuditEntry.objects.filter(request=assignment.request, transition__in=["remind", "escalate"]).values_list(
            "transition", "details__kind"
        )
    )
    assert kinds == [("remind", "before"), ("remind", "due"), ("escalate", "escalate")]
    assert all(row.actor is None for row in AuditEntry.objects.filter(transition__in=["remind", "escalate"]))


def test_a_late_first_run_sends_only_the_most_urgent_notice(assignment, run, chief):
    """When the job first runs after the due date, the chief editors hear of it; the reviewer gets no stale reminders."""
    sent = run(assignment.due_at + timedelta(hours=5))
    assert [to for to, _subject in sent] == [[chief.email]]
    assignment.refresh_from_db()
    assert None not in (assignment.escalated_at, assignment.reminded_due_at, assignment.reminded_before_at)


def test_escalation_waits_the_configured_hours(assignment, run, chief, settings):
    """With REVIEW_ESCALATE_AFTER_HOURS = 24 the chief editors hear a day after the due time, not before."""
    settings.REVIEW_ESCALATE_AFTER_HOURS = 24
    assert [to for to, _s in run(assignment.due_at + timedelta(hours=23))] != [[chief.email]]
    assert [to for to, _s in run(assignment.due_at + timedelta(hours=25))] == [[chief.email]]


def test_no_reminders_after_the_decision(assignment, run, task_queue, reviewer):
    """A member who decided is not reminded, and the request is not escalated."""
    review_start(review_request=assignment.request, actor=reviewer)
    review_decide(review_request=assignment.request, reviewer=reviewer, outcome="request_changes", comment="Fix.")
    task_queue.run()
    assert run(assignment.due_at + timedelta(days=2)) == []
    assert not AuditEntry.objects.filter(transition__in=["remind", "escalate"]).exists()


def test_a_reminder_queued_for_an_assignment_that_closed_is_not_sent(assignment, task_queue, mailoutbox, reviewer):
    """The mail job checks again when it runs: a reviewer who declined in between gets nothing."""
    from reviews.services import review_decline
    from reviews.tasks import mail_reviewer_reminder

    mail_reviewer_reminder.enqueue(assignment.pk, "before")
    review_decline(review_request=assignment.request, reviewer=reviewer, reason="On leave.")
    mailoutbox.clear()
    task_queue.run()
    assert reviewer.email not in [m.to[0] for m in mailoutbox]


def test_the_service_counts_what_it_queued(assignment):
    """assignments_remind returns how many notices it queued; the second call at the same moment none."""
    when = assignment.due_at + timedelta(hours=1)
    assert assignments_remind(now=when) == 1
    assert assignments_remind(now=when) == 0
