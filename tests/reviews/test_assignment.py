"""Routing a request to reviewers: specialty, load, who may never review it, declining, the chief
editor's reassignment, and who may start, comment and decide."""

from datetime import timedelta

import pytest
import reversion
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from reviews.models import Assignment, AuditEntry, BoardMember, ReviewRequest
from reviews.services import (
    review_assign,
    review_decide,
    review_decline,
    review_reassign,
    review_resubmit,
    review_start,
    review_submit,
)
from tests.factories import make_board_member, make_cited_article, make_topic, make_user, route_topic

pytestmark = pytest.mark.django_db
State = ReviewRequest.State


def _assigned(request) -> list[str]:
    return sorted(a.reviewer.username for a in Assignment.objects.active().filter(request=request))


@pytest.fixture
def cardiology(editor, audiences):
    topic = make_topic(name="Heart")
    route_topic(topic, "Cardiology")
    return topic


def test_a_submission_goes_to_a_member_of_the_topics_specialty(editor, cardiology, reviewer):
    """The internist is not assigned a heart question when a cardiologist is free; the reason says why."""
    make_board_member(username="cardio", specialty="Cardiology")
    request = review_submit(article=make_cited_article(author=editor, topic=cardiology), actor=editor)
    assert _assigned(request) == ["cardio"]
    assignment = Assignment.objects.get(request=request)
    assert assignment.reason == "Specialty: Cardiology"
    assert assignment.revision_id == request.revision_id
    assert assignment.due_at.date() == (request.submitted_at + timedelta(days=14)).date()


def test_the_least_busy_member_of_the_specialty_is_chosen(editor, cardiology):
    """Among cardiologists, the one with fewer open assignments wins; on a tie, the longest since their last."""
    busy = make_board_member(username="busy", specialty="Cardiology")
    free = make_board_member(username="free", specialty="Cardiology")
    first = review_submit(article=make_cited_article(author=editor, topic=cardiology), actor=editor)
    assert _assigned(first) == ["busy"]  # a tie with no history: the board's order
    second = review_submit(article=make_cited_article(author=editor, topic=cardiology), actor=editor)
    assert _assigned(second) == ["free"]  # busy holds one open assignment now
    Assignment.objects.filter(reviewer__in=[busy, free]).update(state=Assignment.State.COMPLETED)
    third = review_submit(article=make_cited_article(author=editor, topic=cardiology), actor=editor)
    assert _assigned(third) == ["busy"]  # both free again: busy was assigned longest ago


def test_topic_due_days_set_the_due_date(editor, cardiology):
    """A topic may give its reviewers fewer (or more) days than the site's default."""
    make_board_member(username="cardio", specialty="Cardiology")
    route_topic(cardiology, "Cardiology", due_days=3)
    request = review_submit(article=make_cited_article(author=editor, topic=cardiology), actor=editor)
    assignment = Assignment.objects.get(request=request)
    assert assignment.due_at - assignment.assigned_at == timedelta(days=3)


def test_with_no_member_of_the_specialty_anyone_eligible_is_assigned_and_it_says_so(editor, cardiology, reviewer):
    """No cardiologist on the board: the internist gets it, and the assignment says it came from the whole board."""
    request = review_submit(article=make_cited_article(author=editor, topic=cardiology), actor=editor)
    assert _assigned(request) == ["reviewer1"]
    assert "assigned from the whole board" in Assignment.objects.get(request=request).reason


def test_the_quorum_sets_how_many_are_assigned(editor, topic, reviewer, reviewer2, settings):
    """With two approvals required, two members are assigned."""
    settings.REVIEW_APPROVALS_REQUIRED = 2
    request = review_submit(article=make_cited_article(author=editor, topic=topic), actor=editor)
    assert _assigned(request) == ["reviewer1", "reviewer2"]


def test_never_the_author_the_submitter_or_an_editor_of_the_revision(editor, topic, audiences):
    """Board members who wrote, submitted or edited the article are passed over, even when free."""
    author = make_board_member(username="author")
    author.groups.add(*editor.groups.all())
    submitter = make_board_member(username="submitter")
    submitter.groups.add(*editor.groups.all())
    reviser = make_board_member(username="reviser")
    reviser.groups.add(*editor.groups.all())
    article = make_cited_article(author=author, topic=topic)
    with reversion.create_revision():
        reversion.set_user(reviser)
        article.summary = "Revised by a board member who also edits."
        article.save()
    outsider = make_board_member(username="outsider")
    request = review_submit(article=article, actor=submitter)
    assert _assigned(request) == [outsider.username]


def test_nobody_eligible_is_recorded_and_the_chief_editors_are_told(
    editor, topic, audiences, chief, task_queue, mailoutbox, django_capture_on_commit_callbacks
):
    """With no eligible member the request waits unassigned; the audit trail and the chief editors say so."""
    with django_capture_on_commit_callbacks(execute=True):
        request = review_submit(article=make_cited_article(author=editor, topic=topic), actor=editor)
    assert _assigned(request) == []
    row = AuditEntry.objects.get(request=request, transition="assign")
    assert row.actor is None
    assert "the chief editor must assign one" in row.comment
    task_queue.run()
    assert [m.to for m in mailoutbox] == [[chief.email]]
    assert "Needs a reviewer" in mailoutbox[0].subject


def test_a_resubmission_returns_to_the_member_who_asked_for_changes(editor, topic, reviewer, reviewer2):
    """Even when another member of the specialty is less busy now, the change request's author gets it back."""
    request = review_submit(article=make_cited_article(author=editor, topic=topic), actor=editor)
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="request_changes", comment="Add red flags.")
    review_submit(article=make_cited_article(author=editor, topic=topic), actor=editor)  # reviewer2 has it
    review_submit(article=make_cited_article(author=editor, topic=topic), actor=editor)  # reviewer holds one now
    assert Assignment.objects.active().filter(reviewer=reviewer).count() == 1
    request = review_resubmit(review_request=request, actor=editor)
    [assignment] = Assignment.objects.active().filter(request=request)
    assert assignment.reviewer == reviewer
    assert assignment.reason == "Returned to the reviewer who requested changes"
    assert assignment.revision_id == request.revision_id


def test_a_returned_reviewer_who_since_edited_the_article_is_passed_over(editor, topic, reviewer, reviewer2, article):
    """The reviewer who asked for changes and then edited the article may not review the new revision."""
    request = review_submit(article=article, actor=editor)
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="request_changes", comment="Add red flags.")
    reviewer.groups.add(*editor.groups.all())
    with reversion.create_revision():
        reversion.set_user(reviewer)
        article.summary = "The reviewer fixed it themselves."
        article.save()
    request = review_resubmit(review_request=request, actor=editor)
    assert _assigned(request) == ["reviewer2"]


def test_declining_needs_a_reason_and_changes_nothing_without_one(submitted, reviewer):
    """An empty reason is refused; the assignment stays active and no row is written."""
    rows = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="Say why you decline"):
        review_decline(review_request=submitted, reviewer=reviewer, reason="   ")
    assert _assigned(submitted) == ["reviewer1"]
    assert AuditEntry.objects.count() == rows


def test_declining_routes_the_request_to_someone_else_at_once(
    submitted, reviewer, reviewer2, task_queue, mailoutbox, django_capture_on_commit_callbacks
):
    """The decliner's assignment closes with the reason; another member is assigned and mailed."""
    with django_capture_on_commit_callbacks(execute=True):
        review_decline(review_request=submitted, reviewer=reviewer, reason="I consult for a maker of opioids.")
    declined = Assignment.objects.get(request=submitted, reviewer=reviewer)
    assert (declined.state, declined.decline_reason) == ("declined", "I consult for a maker of opioids.")
    assert _assigned(submitted) == ["reviewer2"]
    assert list(AuditEntry.objects.filter(request=submitted).values_list("transition", flat=True))[-2:] == [
        "decline",
        "assign",
    ]
    task_queue.run()
    assert [m.to for m in mailoutbox] == [[reviewer2.email]]


def test_a_member_who_declined_is_not_routed_the_request_again(submitted, reviewer, reviewer2):
    """When the replacement declines too, the request does not bounce back to the first decliner."""
    review_decline(review_request=submitted, reviewer=reviewer, reason="Conflict of interest.")
    review_decline(review_request=submitted, reviewer=reviewer2, reason="On leave.")
    assert _assigned(submitted) == []


def test_only_the_assigned_member_may_decline(submitted, reviewer2, editor):
    """A member without an assignment, or an editor, cannot decline it."""
    with pytest.raises(PermissionDenied):
        review_decline(review_request=submitted, reviewer=reviewer2, reason="Not mine.")
    with pytest.raises(PermissionDenied):
        review_decline(review_request=submitted, reviewer=editor, reason="Not mine.")
    assert _assigned(submitted) == ["reviewer1"]


def test_the_chief_editor_replaces_a_reviewer(submitted, reviewer, reviewer2, chief):
    """The replaced assignment is marked so; the new one names the chief editor and the reason."""
    replaced = Assignment.objects.get(request=submitted, reviewer=reviewer)
    review_reassign(review_request=submitted, reviewer=reviewer2, actor=chief, replacing=replaced, reason="Faster.")
    replaced.refresh_from_db()
    assert replaced.state == "replaced"
    new = Assignment.objects.active().get(request=submitted)
    assert (new.reviewer, new.assigned_by, new.reason) == (reviewer2, chief, "Faster.")
    row = AuditEntry.objects.filter(request=submitted).latest("id")
    assert (row.transition, row.actor) == ("reassign", chief)


def test_the_chief_editor_may_add_a_reviewer(submitted, reviewer2, chief):
    """Without "replacing", the member joins the round beside the reviewer already assigned."""
    review_reassign(review_request=submitted, reviewer=reviewer2, actor=chief)
    assert _assigned(submitted) == ["reviewer1", "reviewer2"]


@pytest.mark.parametrize("who", ["not_a_member", "author", "inactive", "already_assigned"])
def test_bad_reassignments_are_refused_and_change_nothing(submitted, reviewer, chief, who):
    """A non-member, the author, an inactive member, someone already assigned: a clear refusal, nothing changed."""
    if who == "not_a_member":
        target = make_user(username="outsider")
    elif who == "author":
        target = submitted.article.author
        target.groups.add(*make_board_member(username="tmp").groups.all())
        BoardMember.objects.create(user=target, display_name="Dr Author", credentials="MD", specialty="x")
    elif who == "inactive":
        target = make_board_member(username="retired")
        BoardMember.objects.filter(user=target).update(active=False)
    else:
        target = reviewer
    before = list(Assignment.objects.values_list("pk", "state"))
    rows = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        review_reassign(review_request=submitted, reviewer=target, actor=chief)
    assert list(Assignment.objects.values_list("pk", "state")) == before
    assert AuditEntry.objects.count() == rows


def test_only_the_chief_editor_reassigns(submitted, reviewer2, editor, reviewer):
    """An editor or a board member cannot assign reviewers."""
    for actor in (editor, reviewer):
        with pytest.raises(PermissionDenied):
            review_reassign(review_request=submitted, reviewer=reviewer2, actor=actor)
    assert _assigned(submitted) == ["reviewer1"]


def test_a_closed_request_cannot_be_reassigned(under_review, reviewer, reviewer2, chief):
    """Once changes are requested, there is no round to assign."""
    review_decide(review_request=under_review, reviewer=reviewer, outcome="request_changes", comment="Fix.")
    with pytest.raises(ValidationError, match="only a request the board is reviewing"):
        review_reassign(review_request=under_review, reviewer=reviewer2, actor=chief)


def test_only_assigned_members_start_and_decide(submitted, reviewer, reviewer2):
    """A member without an assignment may neither start the review nor decide; the assigned one may."""
    with pytest.raises(PermissionDenied):
        review_start(review_request=submitted, actor=reviewer2)
    review_start(review_request=submitted, actor=reviewer)
    with pytest.raises(PermissionDenied):
        review_decide(review_request=submitted, reviewer=reviewer2, outcome="request_changes", comment="No.")
    submitted.refresh_from_db()
    assert submitted.state == State.UNDER_REVIEW


def test_deciding_completes_the_assignment_and_closes_the_others(under_review, reviewer, reviewer2, chief):
    """The decider's assignment is completed with the decision; a second reviewer's closes with the round."""
    review_reassign(review_request=under_review, reviewer=reviewer2, actor=chief)
    decision = review_decide(
        review_request=under_review, reviewer=reviewer, outcome="request_changes", comment="Add dosing."
    )
    states = dict(Assignment.objects.filter(request=under_review).values_list("reviewer__username", "state"))
    assert states == {"reviewer1": "completed", "reviewer2": "closed"}
    assert Assignment.objects.get(request=under_review, reviewer=reviewer).decision == decision


def test_withdrawing_closes_the_assignments(submitted, editor):
    """A withdrawn request leaves nobody assigned to it."""
    from reviews.services import review_withdraw

    review_withdraw(review_request=submitted, actor=editor)
    assert _assigned(submitted) == []
    assert Assignment.objects.get(request=submitted).state == "closed"


def test_review_assign_tops_up_only_what_is_missing(submitted, reviewer2, settings):
    """Calling routing again on a full round assigns nobody more; raising the quorum adds one."""
    assert review_assign(review_request=submitted) == []
    settings.REVIEW_APPROVALS_REQUIRED = 2
    [added] = review_assign(review_request=submitted)
    assert added.reviewer == reviewer2


# Over HTTP.


def test_dashboard_shows_assigned_first_and_others_with_their_reviewer(client, submitted, reviewer, reviewer2):
    """The assigned member finds it under "Assigned to me"; another member under "Other requests", with who has it."""
    client.force_login(reviewer)
    html = client.get("/review/").content.decode()
    assigned = html[html.index('id="queue-assigned"') : html.index('id="queue-others"')]
    assert submitted.article.question in assigned
    client.force_login(reviewer2)
    html = client.get("/review/").content.decode()
    assert submitted.article.question not in html[html.index('id="queue-assigned"') : html.index('id="queue-others"')]
    others = html[html.index('id="queue-others"') : html.index('id="queue-changes"')]
    assert submitted.article.question in others
    assert "Dr Amara Okafor" in others


def test_an_unassigned_member_gets_403_when_starting_or_deciding(client, submitted, reviewer, reviewer2):
    """Forged POSTs from a member without an assignment are refused with the reason."""
    client.force_login(reviewer2)
    response = client.post(f"/review/{submitted.pk}/start/")
    assert response.status_code == 403
    assert "not assigned" in response.content.decode()
    review_start(review_request=submitted, actor=reviewer)
    response = client.post(
        f"/review/{submitted.pk}/decide/",
        {"outcome": "request_changes", "revision": submitted.revision_id, "comment": "No."},
    )
    assert response.status_code == 403
    assert (
        client.post(
            f"/review/{submitted.pk}/decide/", {"outcome": "approve", "revision": submitted.revision_id}
        ).status_code
        == 403
    )
    submitted.refresh_from_db()
    assert submitted.state == State.UNDER_REVIEW


def test_declining_over_http(client, submitted, reviewer, reviewer2):
    """Without a reason: 400 and nothing changed; with one: back to the dashboard, reassigned."""
    client.force_login(reviewer)
    response = client.post(f"/review/{submitted.pk}/decline/", {"reason": ""})
    assert response.status_code == 400
    assert "Say why you decline" in response.content.decode()
    assert _assigned(submitted) == ["reviewer1"]
    response = client.post(f"/review/{submitted.pk}/decline/", {"reason": "Outside my field."})
    assert response.status_code == 302
    assert _assigned(submitted) == ["reviewer2"]
    assert client.post(f"/review/{submitted.pk}/decline/", {"reason": "Again."}).status_code == 403


def _assign_over_http(client, request, data):
    return client.post(f"/admin/reviews/reviewrequest/{request.pk}/assign/", data)


def test_the_chief_editor_reassigns_in_the_admin(client, submitted, reviewer, reviewer2, chief):
    """The request's admin page offers the form; posting it replaces the reviewer."""
    client.force_login(chief)
    page = client.get(f"/admin/reviews/reviewrequest/{submitted.pk}/change/").content.decode()
    assert "Assign a reviewer" in page
    assert "Timeline" in page or "timeline" in page
    current = Assignment.objects.get(request=submitted)
    response = _assign_over_http(client, submitted, {"reviewer": reviewer2.pk, "replacing": current.pk, "reason": ""})
    assert response.status_code == 302
    assert _assigned(submitted) == ["reviewer2"]


@pytest.mark.parametrize("case", ["non_member", "author", "inactive", "unknown_assignment"])
def test_bad_reassignments_in_the_admin_are_400(client, submitted, reviewer2, chief, case):
    """Each bad input gets a 400 page with the reason, and nothing changes."""
    client.force_login(chief)
    data = {"reviewer": reviewer2.pk, "replacing": "", "reason": ""}
    if case == "non_member":
        data["reviewer"] = make_user(username="outsider").pk
    elif case == "author":
        author = submitted.article.author
        BoardMember.objects.create(user=author, display_name="Dr Author", credentials="MD", specialty="x")
        author.groups.add(*reviewer2.groups.all())
        data["reviewer"] = author.pk
    elif case == "inactive":
        BoardMember.objects.filter(user=reviewer2).update(active=False)
    else:
        data["replacing"] = "999999"
    before = list(Assignment.objects.values_list("pk", "state"))
    response = _assign_over_http(client, submitted, data)
    assert response.status_code == 400
    assert "was not assigned" in response.content.decode()
    assert list(Assignment.objects.values_list("pk", "state")) == before


def test_reassigning_needs_the_chief_editors_permission(client, submitted, reviewer2, editor):
    """An editor's forged POST is refused."""
    client.force_login(editor)
    assert _assign_over_http(client, submitted, {"reviewer": reviewer2.pk}).status_code == 403
    assert _assigned(submitted) == ["reviewer1"]


def test_starting_a_request_that_moved_on_is_still_a_conflict(submitted, reviewer, editor):
    """State comes first: starting a withdrawn request is a 409-style conflict, not a permission error."""
    from reviews.services import review_withdraw

    review_withdraw(review_request=submitted, actor=editor)
    with pytest.raises(TransitionNotAllowed):
        review_start(review_request=submitted, actor=reviewer)


def test_an_overdue_assignment_shows_on_the_dashboard(client, submitted, reviewer):
    """Past its due date the card says "overdue"."""
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        client.force_login(reviewer)
        html = client.get("/review/").content.decode()
    assigned = html[html.index('id="queue-assigned"') : html.index('id="queue-others"')]
    assert "overdue" in assigned
