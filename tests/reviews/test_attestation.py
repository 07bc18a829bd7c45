"""Approving confirms the chief editor's checklist and declares conflicts of interest; both are kept
on the decision and in the audit trail, and readers see who approved, with their declarations."""

import pytest
from django.core.exceptions import ValidationError

from articles.models import Publication
from reviews.models import AttestationItem, AuditEntry, BoardMember, ReviewDecision, ReviewRequest
from reviews.services import attestation_item_save, review_decide
from tests.factories import approval_form, attestation

pytestmark = pytest.mark.django_db
State = ReviewRequest.State


def _approve(request, reviewer, **kwargs):
    return review_decide(review_request=request, reviewer=reviewer, outcome="approve", comment="", **kwargs)


def test_the_default_checklist_exists():
    """A fresh site asks three things: sources support statements, doses checked, red flags complete."""
    texts = list(AttestationItem.objects.active().values_list("text", flat=True))
    assert len(texts) == 3
    assert any("cited source supports" in t for t in texts)
    assert any("Doses" in t for t in texts)
    assert any("Red flags" in t for t in texts)


@pytest.mark.parametrize(
    "given",
    [
        {},
        {"attestation": [], "conflict_of_interest": "none"},
        {"attestation": ["Every cited source supports the statement it is cited for."], "conflict_of_interest": "none"},
        {"attestation": ["I read it quickly."], "conflict_of_interest": "none"},
        {"attestation": "ALL", "conflict_of_interest": "  "},
    ],
    ids=["nothing", "empty", "partial", "forged", "no-declaration"],
)
def test_an_approval_without_the_full_attestation_is_refused(under_review, reviewer, given):
    """Missing, partial or forged statements, or no declaration: refused, nothing stored, still under review."""
    kwargs = {**given}
    if kwargs.get("attestation") == "ALL":
        kwargs["attestation"] = attestation()["attestation"]
    with pytest.raises(ValidationError):
        _approve(under_review, reviewer, **kwargs)
    under_review.refresh_from_db()
    assert under_review.state == State.UNDER_REVIEW
    assert not ReviewDecision.objects.exists()


def test_the_attestation_is_stored_on_the_decision_and_in_the_audit_trail(under_review, reviewer):
    """The statements (in the checklist's order) and the declaration, on both records."""
    checklist = attestation()["attestation"]
    decision = _approve(
        under_review, reviewer, attestation=list(reversed(checklist)), conflict_of_interest="Speaker fees, Acme (2024)"
    )
    assert decision.attested_items == checklist
    assert decision.conflict_of_interest == "Speaker fees, Acme (2024)"
    row = AuditEntry.objects.get(request=under_review, transition="approve")
    assert row.details["attested"] == checklist
    assert row.details["conflict_of_interest"] == "Speaker fees, Acme (2024)"


def test_none_is_recorded_as_none(under_review, reviewer):
    """ "None" in any case is the canonical "none"."""
    decision = _approve(under_review, reviewer, attestation=attestation()["attestation"], conflict_of_interest="NONE")
    assert decision.conflict_of_interest == "none"


def test_the_chief_editors_checklist_is_the_one_asked(under_review, reviewer):
    """A retired statement is no longer required; a new one is."""
    AttestationItem.objects.filter(text__startswith="Doses").update(active=False)
    attestation_item_save(text="Drug interactions are named.", order=9)
    expected = list(AttestationItem.objects.active().values_list("text", flat=True))
    assert "Drug interactions are named." in expected
    with pytest.raises(ValidationError):
        _approve(under_review, reviewer, attestation=expected[:-1], conflict_of_interest="none")
    decision = _approve(under_review, reviewer, attestation=expected, conflict_of_interest="none")
    assert decision.attested_items == expected


def test_the_database_requires_a_declaration_on_every_approval(under_review, reviewer):
    """An approval row without a conflict-of-interest declaration cannot be written at all."""
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewDecision.objects.create(
            request=under_review,
            reviewer=reviewer,
            outcome="approve",
            revision=under_review.revision,
            content_hash=under_review.content_hash,
        )


# Over HTTP.


def _post(client, request, data):
    return client.post(f"/review/{request.pk}/approve/", data)


def test_approve_opens_the_confirmation_step_with_the_checklist(client, under_review, reviewer):
    """ "Approve…" shows every statement, the declaration choice, and carries the comment over."""
    client.force_login(reviewer)
    response = client.post(
        f"/review/{under_review.pk}/decide/",
        {"outcome": "approve", "revision": under_review.revision_id, "comment": "Clear."},
    )
    html = response.content.decode()
    assert response.status_code == 200
    for item in AttestationItem.objects.active():
        assert item.text in html
    assert "I have no conflict of interest with this answer." in html
    assert "Clear." in html
    assert not ReviewDecision.objects.exists()


@pytest.mark.parametrize(
    "change",
    ["untick_one", "forged_item", "stale_checklist", "declare_without_text", "no_conflict_choice"],
)
def test_a_bad_confirmation_is_400_and_changes_nothing(client, under_review, reviewer, change):
    """Each way of approving without a true attestation gets a 400 with its reason."""
    data = approval_form(under_review)
    if change == "untick_one":
        data["items"] = data["items"][1:]
    elif change == "forged_item":
        data["items"] = [*data["items"], 999999]
    elif change == "stale_checklist":
        data["checklist"] = "0" * 16
    elif change == "declare_without_text":
        data["conflict"] = "declare"
    else:
        data.pop("conflict")
    client.force_login(reviewer)
    response = _post(client, under_review, data)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    under_review.refresh_from_db()
    assert under_review.state == State.UNDER_REVIEW
    assert not ReviewDecision.objects.exists()


def test_the_public_page_links_each_reviewer_to_the_board_page_with_their_declaration(client, under_review, reviewer):
    """ "Reviewed by" links to the member's entry; a declared conflict is shown; the board page has the entry."""
    member = BoardMember.objects.get(user=reviewer)
    member.disclosure = "Advisory board of Acme Pharma until 2023."
    member.save()
    client.force_login(reviewer)
    data = approval_form(under_review, declaration="Speaker fees from Acme Pharma (2024).")
    assert _post(client, under_review, data).status_code == 302
    client.logout()
    publication = Publication.objects.get(article=under_review.article)
    assert publication.reviewers[0]["url"] == f"/advisory-board/#member-{member.pk}"
    page = client.get(publication.get_absolute_url()).content.decode()
    assert f'<a href="/advisory-board/#member-{member.pk}">Dr Amara Okafor</a>' in page
    assert "Speaker fees from Acme Pharma (2024)." in page
    board = client.get("/advisory-board/").content.decode()
    assert f'id="member-{member.pk}"' in board
    assert "Advisory board of Acme Pharma until 2023." in board
    assert "Internal medicine" in board


def test_no_declaration_shows_nothing_extra_for_readers(client, under_review, reviewer):
    """With "none" declared the public line names the reviewer only."""
    client.force_login(reviewer)
    _post(client, under_review, approval_form(under_review))
    client.logout()
    publication = Publication.objects.get(article=under_review.article)
    assert publication.reviewers[0]["disclosure"] == ""
    assert "Declared:" not in client.get(publication.get_absolute_url()).content.decode()


def test_a_member_updates_their_own_disclosure(client, reviewer):
    """The dashboard's disclosure page saves the text and its date; the board page shows it."""
    client.force_login(reviewer)
    assert client.get("/review/disclosure/").status_code == 200
    response = client.post("/review/disclosure/", {"disclosure": "Research grant from the Heart Foundation."})
    assert response.status_code == 302
    member = BoardMember.objects.get(user=reviewer)
    assert member.disclosure_updated_at is not None
    assert "Research grant from the Heart Foundation." in client.get("/advisory-board/").content.decode()
    response = client.post("/review/disclosure/", {"disclosure": "x" * 2001})
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.disclosure == "Research grant from the Heart Foundation."


def test_the_disclosure_page_is_for_members_only(client, editor):
    """An editor cannot reach it."""
    client.force_login(editor)
    assert client.get("/review/disclosure/").status_code == 403


def test_the_confirmation_step_is_only_for_the_assigned_reviewer_of_a_request_under_review(
    client, submitted, reviewer, reviewer2
):
    """Before the review starts it is a 409; for a member without an assignment a 403."""
    client.force_login(reviewer)
    assert client.get(f"/review/{submitted.pk}/approve/").status_code == 409
    from reviews.services import review_start

    review_start(review_request=submitted, actor=reviewer)
    assert client.get(f"/review/{submitted.pk}/approve/").status_code == 200
    client.force_login(reviewer2)
    assert client.get(f"/review/{submitted.pk}/approve/").status_code == 403
    assert client.post(f"/review/{submitted.pk}/approve/", approval_form(submitted)).status_code == 403
    assert not ReviewDecision.objects.exists()


def test_an_approval_short_of_the_quorum_is_in_the_audit_trail_with_its_attestation(
    article, editor, reviewer, reviewer2, settings
):
    """With two approvals required, the first is recorded as a "vote" row carrying its attestation."""
    from reviews.services import review_start, review_submit

    settings.REVIEW_APPROVALS_REQUIRED = 2
    request = review_submit(article=article, actor=editor)
    review_start(review_request=request, actor=reviewer)
    _approve(request, reviewer, **attestation("none"))
    row = AuditEntry.objects.get(request=request, transition="vote")
    assert (row.actor, row.from_state, row.to_state) == (reviewer, "under_review", "under_review")
    assert row.details["conflict_of_interest"] == "none"
    assert len(row.details["attested"]) == 3


@pytest.mark.django_db(transaction=True)
def test_the_default_checklist_survives_a_flush_but_never_overrides_the_chiefs_list():
    """An emptied database gets the defaults back after migrate/flush; a site with its own list keeps it."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    assert AttestationItem.objects.active().count() == 3
    AttestationItem.objects.update(active=False)
    AttestationItem.objects.create(text="Our own single statement.", order=0)
    call_command("migrate", verbosity=0)
    assert list(AttestationItem.objects.active().values_list("text", flat=True)) == ["Our own single statement."]
