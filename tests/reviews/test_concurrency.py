"""Real concurrent transactions on PostgreSQL: exactly one of two racing actors wins."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client
from django_fsm import ConcurrentTransition, TransitionNotAllowed
from reversion.models import Version

from articles.models import Article
from reviews.models import AuditEntry, ReviewDecision, ReviewRequest
from reviews.services import review_decide, review_reassign, review_start, review_submit
from tests.admin_forms import changeform_data
from tests.factories import attestation, make_audience, make_board_member, make_cited_article, make_user

# Each flush re-creates the groups and permissions (config.roles runs on post_migrate).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

LOSING = (TransitionNotAllowed, ConcurrentTransition, ValidationError)


@pytest.fixture(autouse=True)
def _postgres_only():
    from tests.conftest import skip_or_fail

    if connection.vendor != "postgresql":
        skip_or_fail("concurrency tests need PostgreSQL row locks: set DATABASE_URL=postgres://...")


def race(*actions):
    """Run the actions in threads released together; return each one's result or exception."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(i, action):
        try:
            barrier.wait(timeout=10)
            results[i] = action()
        except Exception as exc:  # the loser's exception is the result under test
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


@pytest.fixture
def setup():
    """A request under review with two members assigned (routing chose one, the chief editor added the other)."""
    make_audience(slug="professional", is_default=True)
    make_audience(slug="patient")
    editor = make_user(username="editor", groups=("Editors",), is_staff=True)
    chief = make_user(username="chief", groups=("Chief editors",), is_staff=True)
    reviewers = [make_board_member(username=f"reviewer{i}") for i in (1, 2)]
    article = make_cited_article(author=editor)
    request = review_submit(article=article, actor=editor)
    review_reassign(review_request=request, reviewer=reviewers[1], actor=chief)
    review_start(review_request=request, actor=reviewers[0])
    return editor, reviewers, request


def test_two_reviewers_approving_at_once(setup, settings):
    """With a quorum of one, two simultaneous approvals: one approves, the other is told it is too late."""
    _editor, (r1, r2), request = setup
    results = race(
        lambda: review_decide(
            review_request=ReviewRequest.objects.get(pk=request.pk), reviewer=r1, outcome="approve", **attestation()
        ),
        lambda: review_decide(
            review_request=ReviewRequest.objects.get(pk=request.pk), reviewer=r2, outcome="approve", **attestation()
        ),
    )
    winners = [r for r in results if isinstance(r, ReviewDecision)]
    losers = [r for r in results if isinstance(r, LOSING)]
    assert len(winners) == 1, results
    assert len(losers) == 1, results
    request.refresh_from_db()
    assert request.state == ReviewRequest.State.APPROVED
    assert ReviewDecision.objects.count() == 1
    assert AuditEntry.objects.filter(request=request, transition="approve").count() == 1


def test_approve_races_request_changes(setup):
    """One approves while another requests changes: exactly one decision stands, state matches it."""
    _editor, (r1, r2), request = setup
    results = race(
        lambda: review_decide(
            review_request=ReviewRequest.objects.get(pk=request.pk), reviewer=r1, outcome="approve", **attestation()
        ),
        lambda: review_decide(
            review_request=ReviewRequest.objects.get(pk=request.pk),
            reviewer=r2,
            outcome="request_changes",
            comment="No.",
        ),
    )
    winners = [r for r in results if isinstance(r, ReviewDecision)]
    assert len(winners) == 1, results
    assert sum(isinstance(r, LOSING) for r in results) == 1, results
    request.refresh_from_db()
    expected = {"approve": "approved", "request_changes": "changes_requested"}[winners[0].outcome]
    assert request.state == expected
    assert ReviewDecision.objects.count() == 1


def test_two_quorum_votes_at_once_both_count(setup, settings):
    """With a quorum of two, simultaneous approvals from two members both count and approve once."""
    settings.REVIEW_APPROVALS_REQUIRED = 2
    _editor, (r1, r2), request = setup
    results = race(
        lambda: review_decide(
            review_request=ReviewRequest.objects.get(pk=request.pk), reviewer=r1, outcome="approve", **attestation()
        ),
        lambda: review_decide(
            review_request=ReviewRequest.objects.get(pk=request.pk), reviewer=r2, outcome="approve", **attestation()
        ),
    )
    assert all(isinstance(r, ReviewDecision) for r in results), results
    request.refresh_from_db()
    assert request.state == ReviewRequest.State.APPROVED
    assert AuditEntry.objects.filter(request=request, transition="approve").count() == 1


def test_two_editors_saving_from_stale_forms():
    """Two editors save the same article at once from the same version: one 302, one 409, nothing overwritten."""
    make_audience(slug="professional", is_default=True)
    editors = [make_user(username=f"ed{i}", groups=("Editors",), is_staff=True) for i in (1, 2)]
    article = make_cited_article(author=editors[0])
    url = f"/admin/articles/article/{article.pk}/change/"
    clients, payloads = [], []
    for i, editor in enumerate(editors):
        client = Client()
        client.force_login(editor)
        data = changeform_data(client.get(url))
        data["summary"] = f"Summary written by editor {i + 1}."
        clients.append(client)
        payloads.append(data)
    results = race(*(lambda c=c, d=d: c.post(url, d).status_code for c, d in zip(clients, payloads, strict=True)))
    assert sorted(results) == [302, 409], results
    article.refresh_from_db()
    winner = results.index(302) + 1
    assert article.summary == f"Summary written by editor {winner}."
    assert article.control.edit_version == 2
    assert Version.objects.get_for_object(Article.objects.get(pk=article.pk)).count() == 1


def test_two_reminder_jobs_at_once_send_one_reminder(setup, task_queue):
    """Two workers run the reminder job at the same moment: the assignment is reminded once, one row, one mail."""
    from datetime import timedelta

    import time_machine

    from reviews.models import Assignment
    from reviews.services import assignments_remind

    _editor, (first, _second), request = setup
    task_queue.run()
    assignment = Assignment.objects.active().get(request=request, reviewer=first)
    Assignment.objects.active().filter(request=request).exclude(pk=assignment.pk).update(
        due_at=assignment.due_at + timedelta(days=7)
    )
    when = assignment.due_at - timedelta(hours=1)
    with time_machine.travel(when, tick=False):
        results = race(lambda: assignments_remind(now=when), lambda: assignments_remind(now=when))
    assert sorted(results) == [0, 1], results
    assert AuditEntry.objects.filter(request=request, transition="remind").count() == 1
    assignment.refresh_from_db()
    assert assignment.reminded_before_at == when
