"""Scheduled publishing: the editor's "publish at" / "unpublish at" times, checked on submission,
kept on the request, honoured at approval and by the background jobs."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import ArticleBody, ArticleControl, Publication
from reviews.models import ReviewRequest
from reviews.services import review_decide, review_publish_scheduled, review_resubmit, review_start, review_submit
from reviews.tasks import publish_due_approvals
from tests.factories import approve, attestation

pytestmark = pytest.mark.django_db
State = ReviewRequest.State


def _in(**delta):
    return timezone.now() + timedelta(**delta)


def _approve(review_request, reviewer, capture):
    with capture(execute=True):
        review_start(review_request=review_request, actor=reviewer)
        review_decide(
            review_request=review_request, reviewer=reviewer, outcome="approve", comment="Accurate.", **attestation()
        )
    review_request.refresh_from_db()
    return review_request


def _edit(article, professional, text: str) -> None:
    key = article.citations.first().reference.citation_key
    other = article.citations.last().reference.citation_key
    ArticleBody.objects.filter(article=article, audience=professional).update(body=f"{text} [@{key}; @{other}].")


# Bad input: a clear message, nothing stored.


@pytest.mark.parametrize(
    ("publish", "unpublish", "message"),
    [
        ({"hours": -1}, None, "“Publish at” is in the past"),
        (None, {"minutes": -5}, "“Unpublish at” is in the past"),
        ({"days": 2}, {"days": 1}, "“Unpublish at” must come after “Publish at”"),
        ({"days": 2}, {"days": 2}, "“Unpublish at” must come after “Publish at”"),
    ],
)
def test_a_bad_schedule_is_refused_and_nothing_is_stored(article, editor, publish, unpublish, message):
    """A time in the past, or an end before the start, is refused with a clear message; no request, no lock."""
    now = timezone.now()
    with pytest.raises(ValidationError) as refused:
        review_submit(
            article=article,
            actor=editor,
            publish_at=now + timedelta(**publish) if publish else None,
            unpublish_at=now + timedelta(**unpublish) if unpublish else None,
        )
    assert any(message in m for m in refused.value.messages)
    assert not ReviewRequest.objects.exists()
    assert not ArticleControl.objects.get(article=article).review_locked
    assert not Publication.objects.filter(article=article).exists()


def test_resubmission_checks_and_replaces_the_schedule(under_review, reviewer, editor):
    """A resubmission with a past time is refused (the request stays as it was); a good one replaces the schedule."""
    review_decide(review_request=under_review, reviewer=reviewer, outcome="request_changes", comment="Fix it.")
    with pytest.raises(ValidationError, match="in the past"):
        review_resubmit(review_request=under_review, actor=editor, publish_at=_in(days=-1))
    under_review.refresh_from_db()
    assert under_review.state == State.CHANGES_REQUESTED
    publish_at, unpublish_at = _in(days=3), _in(days=30)
    review_resubmit(review_request=under_review, actor=editor, publish_at=publish_at, unpublish_at=unpublish_at)
    under_review.refresh_from_db()
    assert (under_review.state, under_review.publish_at, under_review.unpublish_at) == (
        State.SUBMITTED,
        publish_at,
        unpublish_at,
    )


# Approval with a "publish at" time still to come.


def test_scheduled_approval_of_a_new_article_is_public_only_from_publish_at(
    article, editor, reviewer, client, task_queue, django_capture_on_commit_callbacks
):
    """Submitted for next week, the article is not even shown as pending; approved, it waits (404),
    then the job queued for that time publishes it with the approval's facts."""
    publish_at = _in(days=7)
    request = review_submit(article=article, actor=editor, publish_at=publish_at)
    assert client.get(f"/questions/{article.slug}/").status_code == 404
    request = _approve(request, reviewer, django_capture_on_commit_callbacks)
    approved_on = timezone.localdate()

    assert request.state == State.APPROVED
    assert request.published_at is None
    assert not Publication.objects.filter(article=article).exists()
    assert not ArticleControl.objects.get(article=article).review_locked  # editable again
    [job] = [r for r in task_queue.waiting if r.task.name == "publish_scheduled"]
    assert (job.args, job.task.run_after) == ([request.pk], publish_at)
    task_queue.run()
    assert client.get(f"/questions/{article.slug}/").status_code == 404

    with time_machine.travel(publish_at + timedelta(seconds=1)):
        task_queue.run()
        response = client.get(f"/questions/{article.slug}/")
    assert response.status_code == 200
    publication = Publication.objects.get(article=article)
    assert (publication.status, publication.revision_id) == (Publication.Status.APPROVED, request.revision_id)
    assert publication.last_reviewed == approved_on
    assert publication.reviewers[0]["name"] == "Dr Amara Okafor"
    request.refresh_from_db()
    assert request.published_at is not None


def test_scheduled_revision_leaves_the_approved_version_live_until_then(
    article, editor, reviewer, professional, task_queue, django_capture_on_commit_callbacks
):
    """Invariant 5: a newer revision approved for later does not touch what readers see before its time."""
    first = approve(article, editor=editor, reviewer=reviewer)
    _edit(article, professional, "A rewritten answer")
    publish_at = _in(days=1)
    second = _approve(
        review_submit(article=article, actor=editor, publish_at=publish_at, change_summary="Revised."),
        reviewer,
        django_capture_on_commit_callbacks,
    )
    assert Publication.objects.get(article=article).revision_id == first.revision_id
    with time_machine.travel(publish_at + timedelta(minutes=1)):
        task_queue.run()
    publication = Publication.objects.get(article=article)
    assert publication.revision_id == second.revision_id
    assert "A rewritten answer" in publication.bodies.get(audience=professional).html


def test_publishing_a_scheduled_approval_twice_publishes_once(
    article, editor, reviewer, django_capture_on_commit_callbacks
):
    """The service is idempotent: not before its time, once at its time, never again."""
    publish_at = _in(hours=2)
    request = _approve(
        review_submit(article=article, actor=editor, publish_at=publish_at),
        reviewer,
        django_capture_on_commit_callbacks,
    )
    assert review_publish_scheduled(review_request=request) is False
    with time_machine.travel(publish_at + timedelta(minutes=1)):
        assert review_publish_scheduled(review_request=request) is True
        first_published = Publication.objects.get(article=article).published_at
        assert review_publish_scheduled(review_request=request) is False
    assert Publication.objects.get(article=article).published_at == first_published


def test_a_later_approval_already_live_supersedes_a_scheduled_one(
    article, editor, reviewer, professional, django_capture_on_commit_callbacks
):
    """Approved for next week, then overtaken by a revision approved and published now: next week
    publishes nothing, and readers keep the newer revision."""
    publish_at = _in(days=7)
    scheduled = _approve(
        review_submit(article=article, actor=editor, publish_at=publish_at),
        reviewer,
        django_capture_on_commit_callbacks,
    )
    _edit(article, professional, "An urgent correction")
    newer = _approve(review_submit(article=article, actor=editor), reviewer, django_capture_on_commit_callbacks)
    assert Publication.objects.get(article=article).revision_id == newer.revision_id
    assert not ReviewRequest.objects.scheduled().exists()
    with time_machine.travel(publish_at + timedelta(minutes=1)):
        assert review_publish_scheduled(review_request=scheduled) is False
        assert publish_due_approvals.call() == 0
    assert Publication.objects.get(article=article).revision_id == newer.revision_id


def test_the_periodic_sweep_publishes_a_due_approval_whose_job_was_lost(
    article, editor, reviewer, task_queue, django_capture_on_commit_callbacks
):
    """``publish_due_approvals`` publishes what is due even when the job queued at approval never ran."""
    publish_at = _in(hours=1)
    _approve(
        review_submit(article=article, actor=editor, publish_at=publish_at),
        reviewer,
        django_capture_on_commit_callbacks,
    )
    task_queue.backend.clear()  # the queued job is lost
    assert publish_due_approvals.call() == 0
    with time_machine.travel(publish_at + timedelta(minutes=1)):
        assert publish_due_approvals.call() == 1
        assert publish_due_approvals.call() == 0
    assert Publication.objects.get(article=article).status == Publication.Status.APPROVED


def test_a_backend_that_cannot_wait_leaves_it_to_the_sweep(
    article, editor, reviewer, settings, django_capture_on_commit_callbacks
):
    """With the immediate backend the approval still succeeds and queues nothing for later; the sweep publishes."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    publish_at = _in(hours=1)
    request = _approve(
        review_submit(article=article, actor=editor, publish_at=publish_at),
        reviewer,
        django_capture_on_commit_callbacks,
    )
    assert request.state == State.APPROVED
    assert list(ReviewRequest.objects.due_for_publishing()) == []
    with time_machine.travel(publish_at + timedelta(minutes=1)):
        assert list(ReviewRequest.objects.due_for_publishing()) == [request]
        assert publish_due_approvals.call() == 1


def test_an_approval_after_the_publish_at_time_publishes_at_once(
    article, editor, reviewer, django_capture_on_commit_callbacks
):
    """If the board approves after the chosen time, the revision goes live at approval."""
    publish_at = _in(hours=1)
    request = review_submit(article=article, actor=editor, publish_at=publish_at)
    with time_machine.travel(publish_at + timedelta(hours=1)):
        request = _approve(request, reviewer, django_capture_on_commit_callbacks)
        assert request.published_at == request.closed_at
    assert Publication.objects.get(article=article).status == Publication.Status.APPROVED


def test_approval_passes_unpublish_at_to_the_snapshot(article, editor, reviewer, django_capture_on_commit_callbacks):
    """The planned end chosen on submission becomes the published snapshot's ``unpublish_at``."""
    unpublish_at = _in(days=90)
    _approve(
        review_submit(article=article, actor=editor, unpublish_at=unpublish_at),
        reviewer,
        django_capture_on_commit_callbacks,
    )
    assert Publication.objects.get(article=article).unpublish_at == unpublish_at


# The schedule in the editors' admin and on the board's review page.


def _workflow_url(article, action):
    return f"/admin/articles/article/{article.pk}/workflow/{action}/"


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_editor_submits_a_schedule_from_the_change_page(client, editor, article):
    """The submit form has two optional datetime inputs; what is posted is stored on the request."""
    client.force_login(editor)
    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert 'type="datetime-local"' in html
    assert 'name="publish_at"' in html
    assert 'name="unpublish_at"' in html
    publish_at, unpublish_at = _in(days=2), _in(days=60)
    response = client.post(
        _workflow_url(article, "submit"), {"publish_at": _local(publish_at), "unpublish_at": _local(unpublish_at)}
    )
    assert response.status_code == 302
    request = ReviewRequest.objects.get(article=article)
    assert _local(request.publish_at) == _local(publish_at)
    assert _local(request.unpublish_at) == _local(unpublish_at)
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "Once approved, it goes live on" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"publish_at": "2001-01-01T10:00"}, "“Publish at” is in the past"),
        ({"publish_at": "next tuesday"}, "Publish at: Enter a valid date/time."),
        ({"publish_at": "2999-01-02T10:00", "unpublish_at": "2999-01-01T10:00"}, "must come after"),
    ],
)
def test_a_bad_schedule_in_the_admin_is_a_400_with_the_reason(client, editor, article, data, message):
    """Past, malformed or out-of-order times answer 400 with the reason, and nothing is submitted."""
    client.force_login(editor)
    response = client.post(_workflow_url(article, "submit"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReviewRequest.objects.exists()


def test_change_page_and_review_page_show_a_scheduled_approval(
    client, article, editor, reviewer, django_capture_on_commit_callbacks
):
    """The editor sees when the approved revision goes live; the board sees the schedule on the review page."""
    request = review_submit(article=article, actor=editor, publish_at=_in(days=3), unpublish_at=_in(days=40))
    client.force_login(reviewer)
    html = client.get(f"/review/{request.pk}/").content.decode()
    assert 'id="request-publish-at"' in html
    assert 'id="request-unpublish-at"' in html
    _approve(request, reviewer, django_capture_on_commit_callbacks)
    assert "approved, waiting to go live" in client.get(f"/review/{request.pk}/").content.decode()
    client.force_login(editor)
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert 'id="scheduled-publication"' in page
    assert "goes live on" in page
