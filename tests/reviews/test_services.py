"""The workflow services: what each leaves behind, what each costs, and the rules they share."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticleControl, Publication
from reviews.forms import DecisionForm
from reviews.models import COMMENT_REQUIRED, AuditEntry, BoardMember, ReviewDecision, ReviewRequest
from reviews.services import board_member_for, board_member_save, review_decide
from tests.factories import attestation

pytestmark = pytest.mark.django_db


def _statements(queries, fragment: str) -> int:
    return sum(fragment in q["sql"] for q in queries)


def test_an_approval_reads_and_writes_each_thing_once(under_review, reviewer):
    """Approving: one membership check, one read of the checklist, one read of the pinned revision,
    one read of the decisions (the quorum), one write to the article's control row, one row of
    version history, and 22 statements in all (it was 37, then 17 before issue 10). The four added by issue 10, each once:
    the checklist the attestation is checked against, completing the member's assignment (which is
    also the check that they hold one), sending their comments on passages, and closing the
    round's other assignments."""
    reviewer = User.objects.get(pk=reviewer.pk)  # nothing cached, as in a fresh request
    review_request = ReviewRequest.objects.get(pk=under_review.pk)
    attested = attestation()
    with CaptureQueriesContext(connection) as ctx:
        review_decide(
            review_request=review_request, reviewer=reviewer, outcome="approve", comment="Accurate.", **attested
        )
    queries = ctx.captured_queries
    assert _statements(queries, 'FROM "reviews_boardmember"') == 1
    assert _statements(queries, 'FROM "reviews_attestationitem"') == 1
    assert _statements(queries, 'FROM "reversion_version"') == 1
    assert _statements(queries, 'FROM "reviews_reviewdecision"') == 1
    assert _statements(queries, 'UPDATE "articles_articlecontrol"') == 1
    assert _statements(queries, 'UPDATE "reviews_assignment"') == 2
    assert _statements(queries, 'UPDATE "reviews_passagecomment"') == 1
    assert _statements(queries, 'INSERT INTO "articles_publishedversion"') == 1
    assert len(queries) <= 22, "\n".join(q["sql"][:120] for q in queries)
    assert ReviewRequest.objects.get(pk=under_review.pk).state == ReviewRequest.State.APPROVED
    assert Publication.objects.get(article=under_review.article).status == Publication.Status.APPROVED


def test_approval_leaves_decision_audit_snapshot_and_unlocked_article(
    under_review, reviewer, mailoutbox, task_queue, django_capture_on_commit_callbacks
):
    """An approval records the vote on the pinned revision, an audit row, the approved snapshot
    with the reviewer's name, and reopens editing; the submitter is told after commit."""
    with django_capture_on_commit_callbacks(execute=True):
        decision = review_decide(
            review_request=under_review, reviewer=reviewer, outcome="approve", comment="Good.", **attestation()
        )
    task_queue.run()
    assert [m.to for m in mailoutbox] == [[under_review.submitted_by.email]]
    assert (decision.revision_id, decision.content_hash) == (under_review.revision_id, under_review.content_hash)
    audit = AuditEntry.objects.filter(request=under_review).order_by("-id").first()
    assert (audit.transition, audit.from_state, audit.to_state) == ("approve", "under_review", "approved")
    publication = Publication.objects.get(article=under_review.article)
    assert publication.reviewers[0]["name"] == "Dr Amara Okafor"
    assert publication.review_step == Publication.ReviewStep.APPROVED
    assert not ArticleControl.objects.get(article=under_review.article).review_locked


def test_below_quorum_an_approval_is_recorded_without_publishing(under_review, reviewer, settings):
    """With two approvals required, the first is stored and the request stays under review."""
    settings.REVIEW_APPROVALS_REQUIRED = 2
    review_decide(review_request=under_review, reviewer=reviewer, outcome="approve", comment="", **attestation())
    under_review.refresh_from_db()
    assert under_review.state == ReviewRequest.State.UNDER_REVIEW
    assert under_review.approvals() == 1
    assert Publication.objects.get(article=under_review.article).status == Publication.Status.PENDING


def test_the_comment_rule_has_one_home(under_review, reviewer):
    """A change request without a comment is refused with the same message by the model, the form
    and the service, and nothing is stored."""
    decision = ReviewDecision(outcome=ReviewDecision.Outcome.REQUEST_CHANGES, comment="   ")
    with pytest.raises(ValidationError) as model_error:
        decision.clean()
    form = DecisionForm({"outcome": "request_changes", "comment": " ", "revision": under_review.revision_id})
    assert not form.is_valid()
    with pytest.raises(ValidationError) as service_error:
        review_decide(review_request=under_review, reviewer=reviewer, outcome="request_changes", comment=" ")
    assert model_error.value.message_dict["comment"] == [str(COMMENT_REQUIRED)]
    assert form.errors["comment"] == [str(COMMENT_REQUIRED)]
    assert service_error.value.message_dict["comment"] == [str(COMMENT_REQUIRED)]
    assert not ReviewDecision.objects.exists()


def test_unknown_outcome_is_refused(under_review, reviewer):
    """Only approve and request changes are decisions."""
    with pytest.raises(ValidationError):
        review_decide(review_request=under_review, reviewer=reviewer, outcome="maybe", comment="Hmm.")
    assert not ReviewDecision.objects.exists()


def test_board_membership_needs_an_active_profile_and_the_permission(reviewer, editor):
    """Members decide; an inactive member, a member without the board's permission, or an editor cannot."""
    assert board_member_for(reviewer).display_name == "Dr Amara Okafor"
    BoardMember.objects.filter(user=reviewer).update(active=False)
    with pytest.raises(PermissionDenied):
        board_member_for(User.objects.get(pk=reviewer.pk))
    board_member_save(user=editor, display_name="Dr Ed", credentials="MD", specialty="Surgery")
    with pytest.raises(PermissionDenied):
        board_member_for(User.objects.get(pk=editor.pk))
