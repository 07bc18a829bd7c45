"""The board's pages over HTTP: who may see and do what, and bad input answered clearly."""

import pytest
from django.utils import timezone

from reviews.models import Assignment, ReviewDecision, ReviewRequest
from reviews.services import review_decide, review_start
from tests.factories import approval_form, make_user

pytestmark = pytest.mark.django_db
State = ReviewRequest.State


def test_dashboard_requires_login(client):
    """Anonymous readers are sent to the login page."""
    response = client.get("/review/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_dashboard_refuses_non_members(client, editor):
    """Signed-in users who are not board members get 403."""
    client.force_login(editor)
    assert client.get("/review/").status_code == 403


def test_dashboard_lists_queues_for_members(client, reviewer, submitted, django_assert_max_num_queries):
    """A board member sees every queue, "Assigned to me" first; their item has topic, state and due date."""
    client.force_login(reviewer)
    with django_assert_max_num_queries(15):
        response = client.get("/review/")
    html = response.content.decode()
    titles = ("Assigned to me", "Other requests", "Changes requested", "Recently approved", "Due for re-review")
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    mine = html[html.index('id="queue-assigned"') : html.index('id="queue-others"')]
    assert submitted.article.question in mine
    assert submitted.article.topic.name in mine
    assert submitted.assignments.get().due_at.strftime("%Y-%m-%d") in mine


def test_review_page_shows_submitted_revision_for_every_audience(client, reviewer, submitted):
    """The review page renders each audience's submitted body and the diff."""
    client.force_login(reviewer)
    html = client.get(f"/review/{submitted.pk}/").content.decode()
    assert "For: Healthcare professional" in html
    assert "For: Patient or caregiver" in html
    assert "Mostly muscular" in html
    assert "Start review" in html
    assert "Never approved before: everything in this revision is new." in html  # no wall of insertions


def test_start_then_approve_through_http(client, reviewer, submitted):
    """Start review, then Approve opens the confirmation step; confirming it approves and publishes."""
    client.force_login(reviewer)
    assert client.post(f"/review/{submitted.pk}/start/").status_code == 302
    page = client.get(f"/review/{submitted.pk}/").content.decode()
    assert "Approve" in page
    assert "Request changes" in page
    response = client.post(
        f"/review/{submitted.pk}/decide/", {"outcome": "approve", "revision": submitted.revision_id, "comment": ""}
    )
    assert response.status_code == 200
    assert "Confirm your approval" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.state == State.UNDER_REVIEW
    response = client.post(f"/review/{submitted.pk}/approve/", approval_form(submitted))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == State.APPROVED


def test_request_changes_needs_a_comment(client, reviewer, under_review):
    """A change request without a comment is 400 with a message; nothing changes."""
    client.force_login(reviewer)
    response = client.post(
        f"/review/{under_review.pk}/decide/",
        {"outcome": "request_changes", "revision": under_review.revision_id, "comment": "  "},
    )
    assert response.status_code == 400
    assert "a comment is required" in response.content.decode()
    under_review.refresh_from_db()
    assert under_review.state == State.UNDER_REVIEW
    assert not ReviewDecision.objects.exists()


def test_author_sees_no_approve_button_and_forged_post_is_refused(client, article, editor, reviewer):
    """Separation of duties over HTTP: no button, and a forged POST is 403 and changes nothing."""
    from reviews.services import review_submit
    from tests.factories import make_board_member

    author = make_board_member(username="drauthor")
    author.groups.add(*editor.groups.all())
    article.author = author
    article.save()
    request = review_submit(article=article, actor=editor)
    # Routing never assigns the author; force an assignment to prove the approval check holds alone.
    Assignment.objects.create(request=request, reviewer=author, revision_id=request.revision_id, due_at=timezone.now())
    review_start(review_request=request, actor=author)
    client.force_login(author)
    page = client.get(f"/review/{request.pk}/").content.decode()
    assert 'value="approve"' not in page
    assert "another board member must approve" in page
    response = client.post(f"/review/{request.pk}/decide/", {"outcome": "approve", "revision": request.revision_id})
    assert response.status_code == 403
    assert client.post(f"/review/{request.pk}/approve/", approval_form(request)).status_code == 403
    request.refresh_from_db()
    assert request.state == State.UNDER_REVIEW
    assert not ReviewDecision.objects.exists()


def test_non_member_cannot_post_decisions(client, editor, under_review):
    """An editor forging a decision gets 403."""
    client.force_login(editor)
    response = client.post(
        f"/review/{under_review.pk}/decide/", {"outcome": "approve", "revision": under_review.revision_id}
    )
    assert response.status_code == 403
    under_review.refresh_from_db()
    assert under_review.state == State.UNDER_REVIEW


def test_replayed_decision_is_a_conflict(client, reviewer, reviewer2, under_review):
    """A decision posted after the request moved on answers 409 and records nothing."""
    review_decide(review_request=under_review, reviewer=reviewer, outcome="request_changes", comment="Fix.")
    client.force_login(reviewer2)
    response = client.post(
        f"/review/{under_review.pk}/decide/", {"outcome": "approve", "revision": under_review.revision_id}
    )
    assert response.status_code == 409
    assert "Changes requested" in response.content.decode()
    assert ReviewDecision.objects.count() == 1


def test_stale_revision_is_a_conflict(client, reviewer, under_review):
    """A form built for an older revision is refused with 409."""
    client.force_login(reviewer)
    response = client.post(
        f"/review/{under_review.pk}/decide/", {"outcome": "approve", "revision": under_review.revision_id - 1}
    )
    assert response.status_code == 409
    assert not ReviewDecision.objects.exists()


def test_start_twice_is_a_conflict(client, reviewer, reviewer2, submitted):
    """Starting a review someone else already started answers 409."""
    review_start(review_request=submitted, actor=reviewer)
    client.force_login(reviewer2)
    assert client.post(f"/review/{submitted.pk}/start/").status_code == 409


@pytest.mark.parametrize(
    "payload", [{}, {"outcome": "maybe", "revision": "1"}, {"outcome": "approve", "revision": "x"}]
)
def test_malformed_decisions_are_400(client, reviewer, under_review, payload):
    """Missing or nonsense fields are 400, never 500."""
    client.force_login(reviewer)
    assert client.post(f"/review/{under_review.pk}/decide/", payload).status_code == 400


def test_get_on_action_urls_is_405(client, reviewer, submitted):
    """Transitions only accept POST."""
    client.force_login(reviewer)
    assert client.get(f"/review/{submitted.pk}/start/").status_code == 405


def test_unknown_request_is_404(client, reviewer):
    """A missing request is a plain 404."""
    client.force_login(reviewer)
    assert client.get("/review/99999/").status_code == 404


def test_advisory_board_page_lists_members_with_credentials(client, reviewer):
    """The public board page shows names and credentials."""
    make_user(username="not-a-member")
    html = client.get("/advisory-board/").content.decode()
    assert "Dr Amara Okafor, MD, FACP" in html
    assert "not-a-member" not in html


def test_review_page_queries_do_not_grow_with_references(client, reviewer, editor, audiences, topic):
    """The review page reads the pinned revision in a fixed number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reviews.services import review_submit
    from tests.factories import make_cited_article

    client.force_login(reviewer)
    counts = []
    for n in (2, 12):
        request = review_submit(article=make_cited_article(author=editor, topic=topic, references=n), actor=editor)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/review/{request.pk}/").status_code == 200
        counts.append(len(queries))
    assert counts[1] <= counts[0]
    assert counts[0] <= 20
