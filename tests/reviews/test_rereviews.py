"""Re-reviews the schedule opens for answers past their review date (or sent back by a changed
source): pinned to what readers see, routed like a submission, opened once."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import ArticleBody, ArticleControl, Publication
from reviews.models import Assignment, AuditEntry, ReviewRequest
from reviews.services import rereviews_open, review_decide, review_start, review_withdraw
from tests.factories import approve, attestation

pytestmark = pytest.mark.django_db
State = ReviewRequest.State


@pytest.fixture
def overdue(article, editor, reviewer, professional):
    """An approved article past its review date, with draft edits readers do not see."""
    approved = approve(article, editor=editor, reviewer=reviewer)
    Publication.objects.filter(article=article).update(next_review_due=timezone.localdate() - timedelta(days=2))
    key = article.citations.first().reference.citation_key
    other = article.citations.last().reference.citation_key
    ArticleBody.objects.filter(article=article, audience=professional).update(body=f"Draft wording [@{key}; @{other}].")
    return approved


def test_an_overdue_answer_gets_a_rereview_of_what_readers_see(overdue, reviewer):
    """The request pins the published revision (not the draft), has no submitter, is assigned and locks the article."""
    assert rereviews_open() == 1
    request = ReviewRequest.objects.get(article=overdue.article, kind=ReviewRequest.Kind.REREVIEW)
    publication = Publication.objects.get(article=overdue.article)
    assert (request.state, request.submitted_by) == (State.SUBMITTED, None)
    assert (request.revision_id, request.content_hash) == (publication.revision_id, publication.content_hash)
    assert request.rereview_reason.startswith("Review date passed")
    assert Assignment.objects.active().get(request=request).reviewer == reviewer
    assert ArticleControl.objects.get(article=overdue.article).review_locked
    row = AuditEntry.objects.get(request=request, transition="rereview")
    assert (row.actor, row.from_state, row.to_state) == (None, "new", "submitted")
    assert publication.status == Publication.Status.APPROVED  # readers keep the approved answer


def test_a_second_run_opens_nothing(overdue):
    """Idempotent: an open re-review is not doubled."""
    assert rereviews_open() == 1
    assert rereviews_open() == 0
    assert ReviewRequest.objects.filter(article=overdue.article).count() == 2


def test_a_withdrawn_rereview_is_not_opened_again_for_the_same_revision(overdue, editor):
    """An editor may withdraw it to submit their draft instead; the schedule does not reopen it."""
    rereviews_open()
    request = ReviewRequest.objects.get(article=overdue.article, kind=ReviewRequest.Kind.REREVIEW)
    review_withdraw(review_request=request, actor=editor)
    assert rereviews_open() == 0


def test_approving_a_rereview_renews_the_review_dates(overdue, reviewer, settings):
    """The board re-approves the same revision: new dates, same text, the re-review flag cleared."""
    rereviews_open()
    request = ReviewRequest.objects.get(article=overdue.article, kind=ReviewRequest.Kind.REREVIEW)
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="approve", comment="Still right.", **attestation())
    publication = Publication.objects.get(article=overdue.article)
    assert publication.next_review_due == timezone.localdate() + timedelta(days=settings.REVIEW_INTERVAL_DAYS)
    assert publication.revision_id == request.revision_id
    assert "Draft wording" not in publication.bodies.first().html
    assert not ArticleControl.objects.get(article=overdue.article).review_locked


def test_a_rereview_decision_is_mailed_to_the_author(
    overdue, reviewer, editor, task_queue, mailoutbox, django_capture_on_commit_callbacks
):
    """Nobody submitted it, so the article's author hears of the change request."""
    rereviews_open()
    request = ReviewRequest.objects.get(article=overdue.article, kind=ReviewRequest.Kind.REREVIEW)
    review_start(review_request=request, actor=reviewer)
    task_queue.run()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(
            review_request=request, reviewer=reviewer, outcome="request_changes", comment="Guideline updated."
        )
    task_queue.run()
    assert [m.to for m in mailoutbox] == [[editor.email]]


def test_an_article_a_changed_source_sent_back_gets_a_rereview_with_that_reason(article, editor, reviewer):
    """A flagged article (citation health) is re-reviewed with the flag's reason."""
    approve(article, editor=editor, reviewer=reviewer)
    ArticleControl.objects.filter(article=article).update(rereview_reason="A cited trial was retracted.")
    assert rereviews_open() == 1
    request = ReviewRequest.objects.get(article=article, kind=ReviewRequest.Kind.REREVIEW)
    assert request.rereview_reason == "A cited trial was retracted."


def test_articles_with_an_open_request_or_never_approved_are_left_alone(overdue, editor, article):
    """An article already in review (the editor submitted it) needs no re-review; a draft has nothing to re-review."""
    from reviews.services import review_submit

    review_submit(article=overdue.article, actor=editor, change_summary="Brought up to date.")
    assert rereviews_open() == 0


def test_rereviews_can_be_switched_off(overdue, settings):
    """REVIEW_OPEN_REREVIEWS = False: the job opens nothing."""
    settings.REVIEW_OPEN_REREVIEWS = False
    assert rereviews_open() == 0
    assert not ReviewRequest.objects.filter(kind=ReviewRequest.Kind.REREVIEW).exists()


def test_the_periodic_entry_runs_the_rereviews(overdue, capsys):
    """enqueue_scheduled_jobs --run-here opens the re-review."""
    call_command("enqueue_scheduled_jobs", "--run-here")
    assert "Ran open_due_rereviews: 1" in capsys.readouterr().out
    assert ReviewRequest.objects.filter(kind=ReviewRequest.Kind.REREVIEW).count() == 1


def test_the_rereview_shows_on_the_dashboard_with_its_reviewer(client, overdue, reviewer):
    """The "Due for re-review" card says who is on it; the reviewer finds it assigned."""
    rereviews_open()
    client.force_login(reviewer)
    html = client.get("/review/").content.decode()
    due = html[html.index('id="queue-due"') :]
    assert "Dr Amara Okafor" in due
    assigned = html[html.index('id="queue-assigned"') : html.index('id="queue-others"')]
    assert overdue.article.question in assigned
    assert "re-review" in assigned
