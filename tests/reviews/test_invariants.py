"""The workflow's invariants (DESIGN.md, "The workflow"), each proven through the services or HTTP."""

from datetime import timedelta

import pytest
import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import ArticleBody, Publication
from reviews.models import AuditEntry, ReviewDecision, ReviewRequest
from reviews.services import review_decide, review_resubmit, review_start, review_submit, review_withdraw
from tests.factories import approve, attestation, make_board_member, make_cited_article, make_user

pytestmark = pytest.mark.django_db
State = ReviewRequest.State


def _set_body(article, audience, text):
    ArticleBody.objects.filter(article=article, audience=audience).update(body=text)


# 1. Approval is bound to the exact revision the board read.


def test_publishing_uses_the_pinned_revision_not_the_live_rows(article, editor, reviewer, professional, client):
    """Rows changed behind the workflow's back after submission are not what gets published."""
    request = review_submit(article=article, actor=editor)
    _set_body(article, professional, "Tampered text that nobody reviewed.")
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="approve", comment="ok", **attestation())
    html = Publication.objects.get(article=article).bodies.get(audience=professional).html
    assert "Mostly muscular" in html
    assert "Tampered" not in html
    assert Publication.objects.get(article=article).revision_id == request.revision_id


def test_request_pins_revision_and_hash_of_all_content(submitted):
    """The request stores a reversion revision and a SHA-256 of bodies, citations and related questions."""
    from articles.versioning import ArticleContent

    content = ArticleContent.from_revision(submitted.revision, submitted.article_id)
    assert len(submitted.content_hash) == 64
    assert submitted.content_hash == content.fingerprint()
    assert set(content.bodies)
    assert content.reference_ids


def test_each_resubmission_pins_a_new_revision_and_needs_fresh_votes(
    article, editor, reviewer, reviewer2, professional, settings
):
    """Approvals of an earlier revision do not count toward the new one."""
    settings.REVIEW_APPROVALS_REQUIRED = 2
    request = review_submit(article=article, actor=editor)
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="approve", comment="ok", **attestation())
    review_decide(review_request=request, reviewer=reviewer2, outcome="request_changes", comment="Add imaging advice.")
    first_revision = request.revision_id
    _set_body(article, professional, f"Revised [@{article.citations.first().reference.citation_key}].")
    ArticleBody.objects.filter(article=article).exclude(audience=professional).delete()
    for c in article.citations.all()[1:]:
        c.delete()
    request = review_resubmit(review_request=request, actor=editor)
    assert request.revision_id != first_revision
    review_start(review_request=request, actor=reviewer2)
    review_decide(review_request=request, reviewer=reviewer2, outcome="approve", comment="ok now", **attestation())
    request.refresh_from_db()
    assert request.state == State.UNDER_REVIEW  # reviewer's approval was of the old revision
    review_decide(review_request=request, reviewer=reviewer, outcome="approve", comment="ok", **attestation())
    request.refresh_from_db()
    assert request.state == State.APPROVED
    assert "Revised" in Publication.objects.get(article=article).bodies.get(audience=professional).html


def test_a_tampered_pin_cannot_be_decided(under_review, reviewer):
    """If the pinned content no longer matches its hash, no decision is recorded."""
    ReviewRequest.objects.filter(pk=under_review.pk).update(content_hash="0" * 64)
    under_review.refresh_from_db()
    with pytest.raises(ValidationError):
        review_decide(review_request=under_review, reviewer=reviewer, outcome="approve", comment="", **attestation())
    assert not ReviewDecision.objects.exists()


# 2. Content is read-only while a request is open.


@pytest.mark.parametrize("state", [State.SUBMITTED, State.UNDER_REVIEW])
def test_admin_refuses_edits_while_request_is_open(state, client, article, editor, reviewer):
    """A forged POST to the change form of a locked article is 403 and changes nothing."""
    request = review_submit(article=article, actor=editor)
    if state == State.UNDER_REVIEW:
        review_start(review_request=request, actor=reviewer)
    client.force_login(editor)
    url = f"/admin/articles/article/{article.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert b"read-only" in page.content
    response = client.post(
        url,
        {"question": "Changed?", "slug": article.slug, "topic": article.topic_id, "summary": "x", "author": editor.pk},
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.question != "Changed?"


def test_withdrawing_and_changes_requested_reopen_editing(article, editor, reviewer):
    """Withdraw (and a change request) unlock the content again."""
    request = review_submit(article=article, actor=editor)
    article.control.refresh_from_db()
    assert article.control.review_locked
    review_withdraw(review_request=request, actor=editor)
    article.control.refresh_from_db()
    assert not article.control.review_locked
    request = review_submit(article=article, actor=editor)
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="request_changes", comment="Fix it.")
    article.control.refresh_from_db()
    assert not article.control.review_locked


# 3. Separation of duties, with no bypass for superusers.


def test_board_member_who_edited_cannot_approve(article, editor, reviewer):
    """A reviewer who saved any revision of the article is never assigned it, and cannot approve
    it even when an assignment is forced on them behind the services' back."""
    from reviews.models import Assignment

    reviewer.groups.add(*editor.groups.all())
    with reversion.create_revision():
        reversion.set_user(reviewer)
        article.summary = "A reviewer's edit."
        article.save()
    request = review_submit(article=article, actor=editor)
    assert not Assignment.objects.filter(request=request, reviewer=reviewer).exists()
    with pytest.raises(PermissionDenied):
        review_start(review_request=request, actor=reviewer)
    Assignment.objects.create(
        request=request, reviewer=reviewer, revision_id=request.revision_id, due_at=timezone.now()
    )
    review_start(review_request=request, actor=reviewer)
    with pytest.raises(PermissionDenied):
        review_decide(review_request=request, reviewer=reviewer, outcome="approve", comment="", **attestation())
    request.refresh_from_db()
    assert request.state == State.UNDER_REVIEW


def test_superuser_has_no_bypass(article, editor, reviewer):
    """A superuser who is not on the board cannot approve; one who authored cannot either."""
    boss = make_user(username="boss", is_superuser=True, is_staff=True)
    request = review_submit(article=article, actor=editor)
    review_start(review_request=request, actor=reviewer)
    with pytest.raises(PermissionDenied):
        review_decide(review_request=request, reviewer=boss, outcome="approve", comment="", **attestation())
    author_member = make_board_member(username="authormember")
    author_member.is_superuser = True
    author_member.save()
    own = make_cited_article(author=author_member)
    own_request = review_submit(article=own, actor=author_member)
    review_start(review_request=own_request, actor=reviewer)
    with pytest.raises(PermissionDenied):
        review_decide(
            review_request=own_request, reviewer=author_member, outcome="approve", comment="", **attestation()
        )
    assert not Publication.objects.filter(status=Publication.Status.APPROVED).exists()


# 4. Quorum, and one open request per article.


def test_quorum_of_two_distinct_members(article, editor, reviewer, reviewer2, settings):
    """With REVIEW_APPROVALS_REQUIRED = 2, one approval is not enough and nobody votes twice."""
    settings.REVIEW_APPROVALS_REQUIRED = 2
    request = review_submit(article=article, actor=editor)
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="approve", comment="", **attestation())
    request.refresh_from_db()
    assert request.state == State.UNDER_REVIEW
    assert not Publication.objects.filter(article=article, status="approved").exists()
    with pytest.raises(ValidationError):
        review_decide(review_request=request, reviewer=reviewer, outcome="approve", comment="", **attestation())
    review_decide(review_request=request, reviewer=reviewer2, outcome="approve", comment="", **attestation())
    request.refresh_from_db()
    assert request.state == State.APPROVED
    names = [r["name"] for r in Publication.objects.get(article=article).reviewers]
    assert sorted(names) == ["Dr Amara Okafor", "Dr Henrik Lindqvist"]


def test_default_quorum_is_one(article, editor, reviewer):
    """By default a single board approval publishes."""
    request = approve(article, editor=editor, reviewer=reviewer)
    assert request.state == State.APPROVED


def test_database_allows_one_open_request_per_article(submitted, editor):
    """The database itself refuses a second open request; the service explains."""
    with pytest.raises(ValidationError, match="already has an open review request"):
        review_submit(article=submitted.article, actor=editor)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewRequest.objects.bulk_create(
            [
                ReviewRequest(
                    article=submitted.article,
                    state=State.SUBMITTED,
                    revision=submitted.revision,
                    content_hash="x",
                    submitted_by=editor,
                )
            ]
        )


# 5. The public reads the approved snapshot until a new revision is approved.


def test_edits_after_approval_stay_private_until_approved(article, editor, reviewer, professional, client):
    """Editing and resubmitting an approved article leaves the approved text live."""
    approve(article, editor=editor, reviewer=reviewer)
    url = Publication.objects.get(article=article).get_absolute_url()
    assert b"Mostly muscular" in client.get(url).content
    key = article.citations.first().reference.citation_key
    other = article.citations.last().reference.citation_key
    _set_body(article, professional, f"Brand new wording [@{key}; @{other}].")
    assert b"Mostly muscular" in client.get(url).content
    request = review_submit(article=article, actor=editor, change_summary="Reworded.")
    review_start(review_request=request, actor=reviewer)
    page = client.get(url)
    assert b"Mostly muscular" in page.content
    assert b"Brand new" not in page.content
    assert b"Pending medical review" not in page.content
    review_decide(review_request=request, reviewer=reviewer, outcome="approve", comment="", **attestation())
    assert b"Brand new wording" in client.get(url).content


# 6. Pending content and what is never public.


def test_pending_article_is_public_with_caution_and_noindex(submitted, client, settings):
    """With PUBLISH_PENDING_REVIEW a never-approved submitted article shows with a banner, noindex."""
    settings.PUBLISH_PENDING_REVIEW = True
    response = client.get(f"/questions/{submitted.article.slug}/")
    assert response.status_code == 200
    assert b"Pending medical review" in response.content
    assert b'<meta name="robots" content="noindex">' in response.content
    assert b'aria-current="step"' in response.content


def test_pending_article_hidden_when_setting_is_off(submitted, client, settings):
    """With PUBLISH_PENDING_REVIEW = False only approved content is public."""
    settings.PUBLISH_PENDING_REVIEW = False
    assert client.get(f"/questions/{submitted.article.slug}/").status_code == 404


def test_drafts_changes_requested_and_withdrawn_are_never_public(article, editor, reviewer, client, settings):
    """Neither a draft nor a sent-back or withdrawn never-approved article can be read."""
    settings.PUBLISH_PENDING_REVIEW = True
    url = f"/questions/{article.slug}/"
    assert client.get(url).status_code == 404
    request = review_submit(article=article, actor=editor)
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="request_changes", comment="Needs work.")
    assert client.get(url).status_code == 404
    review_withdraw(review_request=request, actor=editor)
    assert client.get(url).status_code == 404


def test_retired_article_answers_410(article, editor, reviewer, chief, client):
    """A retired article is gone: 410, out of lists and search."""
    from reviews.services import article_retire

    approve(article, editor=editor, reviewer=reviewer)
    article_retire(article=article, actor=chief)
    response = client.get(f"/questions/{article.slug}/")
    assert response.status_code == 410
    assert article.question.encode() not in client.get("/").content
    assert AuditEntry.objects.filter(article=article, transition="retire", actor=chief).exists()


def test_only_chief_editor_may_retire(article, editor, reviewer):
    """Editors cannot retire articles."""
    from reviews.services import article_retire

    approve(article, editor=editor, reviewer=reviewer)
    with pytest.raises(PermissionDenied):
        article_retire(article=article, actor=editor)


# 8. Review dates and overdue notices.


def test_approval_sets_review_dates(article, editor, reviewer, settings):
    """last_reviewed is the approval day and next_review_due follows REVIEW_INTERVAL_DAYS."""
    settings.REVIEW_INTERVAL_DAYS = 180
    approve(article, editor=editor, reviewer=reviewer)
    publication = Publication.objects.get(article=article)
    today = timezone.localdate()
    assert publication.last_reviewed == today
    assert publication.next_review_due == today + timedelta(days=180)


def test_overdue_article_is_honest_on_page_and_dashboard(article, editor, reviewer, client):
    """Past its due date, the page says the review is overdue and the board sees it."""
    approve(article, editor=editor, reviewer=reviewer)
    Publication.objects.filter(article=article).update(next_review_due=timezone.localdate() - timedelta(days=3))
    assert b"Review overdue." in client.get(f"/questions/{article.slug}/").content
    client.force_login(reviewer)
    dashboard = client.get("/review/")
    assert article.question in dashboard.content.decode()


def test_model_layer_refuses_edits_while_locked(submitted, professional):
    """Even outside the admin, saving or deleting locked content raises and changes nothing."""
    from articles.signals import ContentLocked

    body = ArticleBody.objects.get(article=submitted.article, audience=professional)
    body.body = "Sneaky edit."
    with pytest.raises(ContentLocked):
        body.save()
    with pytest.raises(ContentLocked), transaction.atomic():
        submitted.article.citations.first().delete()
    article = submitted.article
    article.question = "Changed?"
    with pytest.raises(ContentLocked):
        article.save()
    assert ArticleBody.objects.get(pk=body.pk).body != "Sneaky edit."
