"""Mail is queued only after the transaction commits and sent by the task worker: to the assigned
reviewers on submission, to the submitter on decisions."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from articles.models import Publication
from reviews.services import review_decide, review_submit
from tests.factories import approve, attestation

pytestmark = pytest.mark.django_db


def test_assigned_reviewer_is_mailed_on_submission_after_commit(
    article, editor, reviewer, reviewer2, task_queue, django_capture_on_commit_callbacks
):
    """The reviewer routing assigned gets one message, only once the submission commits; the rest
    of the board gets nothing."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        request = review_submit(article=article, actor=editor)
    assert task_queue.names() == []
    for callback in callbacks:
        callback()
    assert task_queue.names() == ["mail_assignment"]
    assert mail.outbox == []
    task_queue.run()
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    assert article.question in mail.outbox[0].subject
    assert f"/review/{request.pk}/" in mail.outbox[0].body
    assert "Specialty: Internal medicine" in mail.outbox[0].body


def test_submitter_gets_change_request_with_comment(
    under_review, reviewer, editor, task_queue, django_capture_on_commit_callbacks
):
    """The change request's comment reaches the submitter."""
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(
            review_request=under_review, reviewer=reviewer, outcome="request_changes", comment="Add the imaging advice."
        )
    task_queue.run()
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "Changes requested" in mail.outbox[0].subject
    assert "Add the imaging advice." in mail.outbox[0].body


def test_submitter_gets_approval(under_review, reviewer, editor, task_queue, django_capture_on_commit_callbacks):
    """Approval is announced to the submitter."""
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(
            review_request=under_review,
            reviewer=reviewer,
            outcome="approve",
            comment="Clear and accurate.",
            **attestation(),
        )
    task_queue.run()
    assert mail.outbox[0].to == [editor.email]
    assert mail.outbox[0].subject.startswith("Approved")


def test_refused_transition_sends_nothing(under_review, editor, task_queue, django_capture_on_commit_callbacks):
    """A refused decision queues no mail."""
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        review_decide(review_request=under_review, reviewer=editor, outcome="approve", **attestation())
    assert task_queue.names() == []
    task_queue.run()
    assert mail.outbox == []


def test_review_overdue_lists_and_notifies(article, editor, reviewer, task_queue, capsys):
    """The command lists overdue articles and, with --notify, queues the board's reminder."""
    approve(article, editor=editor, reviewer=reviewer)
    call_command("review_overdue")
    assert "No approved article is overdue" in capsys.readouterr().out
    Publication.objects.filter(article=article).update(next_review_due=timezone.localdate() - timedelta(days=10))
    task_queue.run()
    mail.outbox.clear()
    call_command("review_overdue", "--notify")
    out = capsys.readouterr().out
    assert "1 article(s) overdue" in out
    assert article.question in out
    assert "10 days late" in out
    assert "Queued the reminder" in out
    assert mail.outbox == []
    task_queue.run()
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    assert article.question in mail.outbox[0].body
