"""Every (state, transition, actor) of the review workflow, allowed and refused."""

import pytest
import reversion
from django.core.exceptions import PermissionDenied
from django_fsm import TransitionNotAllowed

from reviews.models import AuditEntry, ReviewRequest
from reviews.services import review_decide, review_resubmit, review_start, review_submit, review_withdraw
from tests.factories import attestation, make_board_member

pytestmark = pytest.mark.django_db

State = ReviewRequest.State


def _run(transition: str, request: ReviewRequest, actor) -> None:
    if transition == "start_review":
        review_start(review_request=request, actor=actor)
    elif transition == "approve":
        review_decide(review_request=request, reviewer=actor, outcome="approve", comment="Fine.", **attestation())
    elif transition == "request_changes":
        review_decide(review_request=request, reviewer=actor, outcome="request_changes", comment="Add red flags.")
    elif transition == "resubmit":
        review_resubmit(review_request=request, actor=actor)
    elif transition == "withdraw":
        review_withdraw(review_request=request, actor=actor)


def _bring_to(state: str, *, article, editor, reviewer) -> ReviewRequest:
    request = review_submit(article=article, actor=editor)
    if state == State.SUBMITTED:
        return request
    if state == State.WITHDRAWN:
        return review_withdraw(review_request=request, actor=editor)
    review_start(review_request=request, actor=reviewer)
    if state == State.CHANGES_REQUESTED:
        review_decide(review_request=request, reviewer=reviewer, outcome="request_changes", comment="More detail.")
    elif state == State.APPROVED:
        review_decide(review_request=request, reviewer=reviewer, outcome="approve", comment="Good.", **attestation())
    request.refresh_from_db()
    return request


OK, NOT_NOW, FORBIDDEN = "ok", TransitionNotAllowed, PermissionDenied
# (state, transition, actor) -> resulting state, or the exception that refuses it.
TABLE = [
    (State.SUBMITTED, "start_review", "reviewer", State.UNDER_REVIEW),
    (State.SUBMITTED, "start_review", "editor", FORBIDDEN),
    (State.SUBMITTED, "approve", "reviewer", NOT_NOW),
    (State.SUBMITTED, "request_changes", "reviewer", NOT_NOW),
    (State.SUBMITTED, "resubmit", "editor", NOT_NOW),
    (State.SUBMITTED, "withdraw", "editor", State.WITHDRAWN),
    (State.SUBMITTED, "withdraw", "reviewer", FORBIDDEN),
    (State.UNDER_REVIEW, "start_review", "reviewer", NOT_NOW),
    (State.UNDER_REVIEW, "approve", "reviewer", State.APPROVED),
    (State.UNDER_REVIEW, "approve", "editor", FORBIDDEN),
    (State.UNDER_REVIEW, "approve", "board_author", FORBIDDEN),
    (State.UNDER_REVIEW, "request_changes", "reviewer", State.CHANGES_REQUESTED),
    # A member who edited the revision is never assigned it, and only assigned members decide.
    (State.UNDER_REVIEW, "request_changes", "board_author", FORBIDDEN),
    (State.UNDER_REVIEW, "request_changes", "editor", FORBIDDEN),
    (State.UNDER_REVIEW, "resubmit", "editor", NOT_NOW),
    (State.UNDER_REVIEW, "withdraw", "editor", NOT_NOW),
    (State.CHANGES_REQUESTED, "start_review", "reviewer", NOT_NOW),
    (State.CHANGES_REQUESTED, "approve", "reviewer", NOT_NOW),
    (State.CHANGES_REQUESTED, "resubmit", "editor", State.SUBMITTED),
    (State.CHANGES_REQUESTED, "resubmit", "reviewer", FORBIDDEN),
    (State.CHANGES_REQUESTED, "withdraw", "editor", State.WITHDRAWN),
    (State.APPROVED, "start_review", "reviewer", NOT_NOW),
    (State.APPROVED, "approve", "reviewer", NOT_NOW),
    (State.APPROVED, "request_changes", "reviewer", NOT_NOW),
    (State.APPROVED, "resubmit", "editor", NOT_NOW),
    (State.APPROVED, "withdraw", "editor", NOT_NOW),
    (State.WITHDRAWN, "start_review", "reviewer", NOT_NOW),
    (State.WITHDRAWN, "approve", "reviewer", NOT_NOW),
    (State.WITHDRAWN, "resubmit", "editor", NOT_NOW),
    (State.WITHDRAWN, "withdraw", "editor", NOT_NOW),
]


@pytest.mark.parametrize(("state", "transition", "actor_name", "expected"), TABLE)
def test_transition_table(state, transition, actor_name, expected, article, editor, reviewer):
    """Each transition succeeds only from its source states and for the right people."""
    board_author = make_board_member(username="boardauthor")
    board_author.groups.add(*editor.groups.all())
    with reversion.create_revision():
        reversion.set_user(board_author)
        article.summary = "Edited by a board member who is also an editor."
        article.save()
    request = _bring_to(state, article=article, editor=editor, reviewer=reviewer)
    actor = {"editor": editor, "reviewer": reviewer, "board_author": board_author}[actor_name]
    audit_before = AuditEntry.objects.count()

    if isinstance(expected, str):
        _run(transition, request, actor)
        request.refresh_from_db()
        assert request.state == expected
        last = AuditEntry.objects.filter(request=request).exclude(transition="assign").latest("id")
        assert (last.from_state, last.to_state, last.actor) == (state, expected, actor)
    else:
        with pytest.raises(expected):
            _run(transition, request, actor)
        request.refresh_from_db()
        assert request.state == state
        assert AuditEntry.objects.count() == audit_before


def test_state_field_is_protected(submitted):
    """The state changes only through transitions: assigning it directly is refused."""
    with pytest.raises(AttributeError):
        submitted.state = State.APPROVED
