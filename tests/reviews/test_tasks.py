"""The review workflow's background jobs: mail retried with back-off when the mail server is down,
actions that never fail because of mail or the queue, and the periodic entry."""

import logging
import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.backends.dummy import DummyBackend

from articles.models import Publication
from reviews.models import ReviewRequest
from reviews.services import review_decide, review_start, review_submit
from reviews.tasks import mail_submitter_of_decision, retry_delay
from tests.factories import approval_form, attestation, make_audience, make_board_member, make_cited_article, make_user

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class RefusingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


class FlakyEmailBackend(BaseEmailBackend):
    """A mail server that rejects the first connection, then works."""

    failures_left = 1

    def send_messages(self, email_messages):
        if FlakyEmailBackend.failures_left:
            FlakyEmailBackend.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        mail.outbox.extend(email_messages)
        return len(email_messages)


class UnreachableQueueBackend(DummyBackend):
    """A queue (Redis, say) that cannot be reached."""

    def enqueue(self, task, args, kwargs):
        raise ConnectionError("queue unreachable")


@pytest.fixture
def decided(under_review, reviewer, task_queue, django_capture_on_commit_callbacks):
    """An approval whose mail to the submitter is queued and not yet sent."""
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(
            review_request=under_review, reviewer=reviewer, outcome="approve", comment="Fine.", **attestation()
        )
    assert task_queue.names() == ["mail_submitter_of_decision"]
    return under_review


def test_retry_delay_doubles_from_the_setting(settings):
    """Waits between attempts double: 1, 2, 4 minutes with the default first wait of a minute."""
    settings.MAIL_RETRY_DELAY_SECONDS = 60
    assert [retry_delay(n) for n in (1, 2, 3)] == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]


def test_failed_mail_is_queued_again_after_the_first_wait(decided, task_queue, settings, caplog):
    """A refused connection is logged as a warning and the mail is queued for one minute later, attempt 2."""
    settings.EMAIL_BACKEND = "tests.reviews.test_tasks.RefusingEmailBackend"
    with time_machine.travel(timezone.now(), tick=False), caplog.at_level(logging.WARNING, logger="reviews.tasks"):
        [first] = task_queue.run()
        assert first.status == TaskResultStatus.SUCCESSFUL
        [retry] = task_queue.waiting
        assert retry.task.name == "mail_submitter_of_decision"
        assert retry.kwargs == {"attempt": 2}
        assert retry.task.run_after == timezone.now() + timedelta(seconds=settings.MAIL_RETRY_DELAY_SECONDS)
    assert "failed on attempt 1 of 8" in caplog.text
    assert "Connection refused" in caplog.text
    assert mail.outbox == []


def test_mail_is_sent_once_when_the_server_comes_back(decided, task_queue, settings, editor):
    """After one failure the retry sends the message, exactly once, and nothing more is queued."""
    settings.EMAIL_BACKEND = "tests.reviews.test_tasks.FlakyEmailBackend"
    FlakyEmailBackend.failures_left = 1
    task_queue.run()
    assert mail.outbox == []
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        task_queue.run()
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert task_queue.waiting == []


def test_retries_stop_at_the_limit_and_the_last_failure_is_logged(decided, task_queue, settings, caplog):
    """With the server down for good, the mail is tried MAIL_MAX_ATTEMPTS times; the last try fails the task."""
    settings.EMAIL_BACKEND = "tests.reviews.test_tasks.RefusingEmailBackend"
    settings.MAIL_MAX_ATTEMPTS = 4
    start = timezone.now()
    runs = []
    with caplog.at_level(logging.WARNING, logger="reviews.tasks"):
        for hours in range(6):  # well past 1 + 2 + 4 minutes of waiting
            with time_machine.travel(start + timedelta(hours=hours)):
                runs += task_queue.run()
    assert [r.kwargs.get("attempt", 1) for r in runs] == [1, 2, 3, 4]
    assert [r.status for r in runs] == [TaskResultStatus.SUCCESSFUL] * 3 + [TaskResultStatus.FAILED]
    assert task_queue.waiting == []
    assert "failed on attempt 4 of 4" in caplog.text
    assert "giving up" in caplog.text
    assert mail.outbox == []


def test_a_backend_that_cannot_wait_does_not_retry(decided, settings, caplog):
    """With the immediate backend (no run_after) a failed mail is logged and not retried; nothing is raised."""
    settings.TASKS = IMMEDIATE
    settings.EMAIL_BACKEND = "tests.reviews.test_tasks.RefusingEmailBackend"
    with caplog.at_level(logging.ERROR, logger="reviews.tasks"):
        result = mail_submitter_of_decision.enqueue(decided.pk, decided.decisions.get().pk)
    assert result.status == TaskResultStatus.FAILED
    assert "failed on attempt 1 of 8" in caplog.text
    assert "giving up" in caplog.text


@pytest.fixture
def http_under_review(db):
    """A request under review, made outside the test's transaction (transactional tests)."""
    for slug, default in (("professional", True), ("patient", False)):
        make_audience(slug=slug, is_default=default)
    editor = make_user(groups=("Editors",), is_staff=True)
    reviewer = make_board_member()
    request = review_submit(article=make_cited_article(author=editor), actor=editor)
    review_start(review_request=request, actor=reviewer)
    return request, reviewer


def _approve_over_http(client, request, reviewer):
    client.force_login(reviewer)
    return client.post(f"/review/{request.pk}/approve/", approval_form(request))


@pytest.mark.django_db(transaction=True)
def test_approval_with_the_mail_server_down_answers_302_and_is_saved(client, http_under_review, settings):
    """Even when the mail task runs inside the request (immediate backend), a refused SMTP connection
    never turns the saved approval into an error page."""
    settings.TASKS = IMMEDIATE
    settings.EMAIL_BACKEND = "tests.reviews.test_tasks.RefusingEmailBackend"
    request, reviewer = http_under_review
    response = _approve_over_http(client, request, reviewer)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == ReviewRequest.State.APPROVED
    assert Publication.objects.get(article=request.article).status == Publication.Status.APPROVED


@pytest.mark.django_db(transaction=True)
def test_approval_queues_the_mail_and_the_worker_retries_it(client, http_under_review, task_queue, settings):
    """With a queue, the request only enqueues the mail on commit; the worker's failure schedules a retry."""
    settings.EMAIL_BACKEND = "tests.reviews.test_tasks.RefusingEmailBackend"
    request, reviewer = http_under_review
    assert _approve_over_http(client, request, reviewer).status_code == 302
    assert task_queue.names() == ["mail_submitter_of_decision"]
    task_queue.run()
    assert [r.kwargs for r in task_queue.waiting] == [{"attempt": 2}]


@pytest.mark.django_db(transaction=True)
def test_approval_with_the_queue_down_answers_302_and_is_saved(client, http_under_review, settings, caplog):
    """A queue that cannot take the mail is logged; the approval is saved and the board member sees success."""
    settings.TASKS = {"default": {"BACKEND": "tests.reviews.test_tasks.UnreachableQueueBackend"}}
    request, reviewer = http_under_review
    with caplog.at_level(logging.ERROR):
        response = _approve_over_http(client, request, reviewer)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == ReviewRequest.State.APPROVED
    assert "queue unreachable" in caplog.text


def test_enqueue_scheduled_jobs_queues_the_periodic_jobs(task_queue, capsys):
    """The periodic entry queues the sweep for due approvals, the expiry job, the reviewers' reminders,
    the re-reviews of answers past their review date and the citation-health checks, nothing else."""
    call_command("enqueue_scheduled_jobs")
    assert sorted(task_queue.names()) == [
        "check_reference_health",
        "expire_publications",
        "link_check",
        "open_due_rereviews",
        "publish_due_approvals",
        "send_review_reminders",
    ]
    assert "Queued publish_due_approvals" in capsys.readouterr().out
    assert all(r.status == TaskResultStatus.SUCCESSFUL for r in task_queue.run())


def test_enqueue_scheduled_jobs_can_run_the_jobs_here(task_queue, capsys):
    """--run-here runs the jobs in the command's own process and queues nothing."""
    call_command("enqueue_scheduled_jobs", "--run-here")
    assert task_queue.names() == []
    out = capsys.readouterr().out
    assert "Ran publish_due_approvals: 0" in out
    assert "Ran expire_publications: 0" in out
    assert "Ran send_review_reminders: 0" in out
    assert "Ran open_due_rereviews: 0" in out


class _Stop(Exception):
    pass


def test_enqueue_scheduled_jobs_every_keeps_going_after_a_failed_round(settings, monkeypatch, caplog):
    """With --every (make run's stand-in for cron) a round that cannot queue is logged and the loop goes on."""
    from reviews.management.commands import enqueue_scheduled_jobs

    settings.TASKS = {"default": {"BACKEND": "tests.reviews.test_tasks.UnreachableQueueBackend"}}
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise _Stop

    monkeypatch.setattr(enqueue_scheduled_jobs.time, "sleep", sleep)
    with caplog.at_level(logging.ERROR), pytest.raises(_Stop):
        call_command("enqueue_scheduled_jobs", "--every", "60")
    assert sleeps == [60, 60]
    assert caplog.text.count("Queuing the scheduled jobs failed; trying again in 60 seconds.") == 2


def test_enqueue_scheduled_jobs_refuses_a_zero_interval():
    """--every 0 would spin: it is refused with a clear message."""
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="at least 1"):
        call_command("enqueue_scheduled_jobs", "--every", "0")
