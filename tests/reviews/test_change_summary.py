"""The editor's public change summary: required once an article has an approved version, read by
the board with the content, and carried into the version history on approval."""

import pytest
from django.core.exceptions import ValidationError

from articles.models import ArticleBody, PublishedVersion
from reviews.models import ReviewRequest
from reviews.services import review_decide, review_resubmit, review_start, review_submit
from tests.factories import approve, attestation

pytestmark = pytest.mark.django_db
State = ReviewRequest.State


def _workflow_url(article, action):
    return f"/admin/articles/article/{article.pk}/workflow/{action}/"


def _edit(article, professional):
    """Change the professional body (a new section), still citing every reference."""
    keys = "; ".join(f"@{c.reference.citation_key}" for c in article.citations.all())
    text = f"## Causes\n\nMostly muscular [{keys}].\n\n## Disc problems\n\nSometimes a disc."
    ArticleBody.objects.filter(article=article, audience=professional).update(body=text)


@pytest.fixture
def published(article, editor, reviewer):
    approve(article, editor=editor, reviewer=reviewer)
    return article


def test_first_submission_needs_no_summary(article, editor, reviewer):
    """A never-approved article is submitted without a summary; its history row says "first"."""
    request = approve(article, editor=editor, reviewer=reviewer)
    assert request.change_summary == ""
    version = PublishedVersion.objects.get(article=article)
    assert version.is_first
    assert version.change_summary == ""


def test_submitting_a_published_article_without_a_summary_is_refused(published, editor, professional):
    """Once readers have an approved version, a blank summary (or only spaces) is a ValidationError."""
    _edit(published, professional)
    for blank in ("", "   \n  "):
        with pytest.raises(ValidationError, match="change summary"):
            review_submit(article=published, actor=editor, change_summary=blank)
    assert not ReviewRequest.objects.open().filter(article=published).exists()


def test_an_overlong_summary_is_refused(article, editor):
    """The summary is a note for readers: more than 1,000 characters is refused, even the first time."""
    with pytest.raises(ValidationError, match="at most 1000 characters"):
        review_submit(article=article, actor=editor, change_summary="x" * 1001)


def test_summary_and_flag_reach_the_history_on_approval(published, editor, reviewer, professional):
    """The summary and "changes medical advice" are stored on the request and copied to the new
    history row with the approving reviewers as the snapshot records them."""
    _edit(published, professional)
    request = review_submit(
        article=published, actor=editor, change_summary="  Added when a disc\n is the cause. ", substantive=True
    )
    assert request.change_summary == "Added when a disc\nis the cause."
    assert request.substantive
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="approve", **attestation())
    newest = PublishedVersion.objects.filter(article=published).newest_first().first()
    assert newest.change_summary == "Added when a disc\nis the cause."
    assert newest.substantive
    assert not newest.is_first
    assert newest.revision_id == request.revision_id
    assert [r["name"] for r in newest.reviewers] == ["Dr Amara Okafor"]
    assert newest.reviewers[0]["credentials"] == "MD, FACP"
    assert PublishedVersion.objects.filter(article=published).count() == 2


def test_resubmission_keeps_or_replaces_the_summary(published, editor, reviewer, professional):
    """Answering a change request: an empty summary keeps the earlier one, a new one replaces it."""
    _edit(published, professional)
    request = review_submit(article=published, actor=editor, change_summary="First wording.")
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="request_changes", comment="Say more.")
    request = review_resubmit(review_request=request, actor=editor)
    assert request.change_summary == "First wording."
    assert not request.substantive
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="request_changes", comment="Again.")
    request = review_resubmit(review_request=request, actor=editor, change_summary="Better.", substantive=True)
    assert (request.change_summary, request.substantive) == ("Better.", True)


def test_resubmitting_a_rereview_of_a_published_article_needs_a_summary(published, editor, reviewer, professional):
    """A re-review the schedule opened has no summary; when the board asks for changes, the editor
    must say what changed before resubmitting."""
    from reviews.services import review_open_rereview

    request = review_open_rereview(article_id=published.pk, reason="Review date passed")
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="request_changes", comment="Update it.")
    _edit(published, professional)
    with pytest.raises(ValidationError, match="change summary"):
        review_resubmit(review_request=request, actor=editor)
    request.refresh_from_db()
    assert request.state == State.CHANGES_REQUESTED
    request = review_resubmit(review_request=request, actor=editor, change_summary="Updated to the new guideline.")
    assert request.state == State.SUBMITTED


def test_admin_refuses_a_published_article_without_a_summary(client, published, editor, professional):
    """The admin's "Submit for review" on a published article: 400 naming the missing summary, nothing opened."""
    _edit(published, professional)
    client.force_login(editor)
    page = client.get(f"/admin/articles/article/{published.pk}/change/").content.decode()
    assert 'name="change_summary"' in page
    assert "What changed for readers (required)" in page
    response = client.post(_workflow_url(published, "submit"), {"change_summary": "  "})
    assert response.status_code == 400
    assert "Say what changed for readers" in response.content.decode()
    assert not ReviewRequest.objects.open().filter(article=published).exists()


def test_admin_submits_the_summary_and_the_board_reads_it(client, published, editor, reviewer, professional):
    """With a summary and the flag the request opens, and the review page shows both to the board."""
    _edit(published, professional)
    client.force_login(editor)
    response = client.post(
        _workflow_url(published, "submit"), {"change_summary": "Explains disc problems.", "substantive": "on"}
    )
    assert response.status_code == 302
    request = ReviewRequest.objects.open().get(article=published)
    assert (request.change_summary, request.substantive) == ("Explains disc problems.", True)
    client.force_login(reviewer)
    html = client.get(f"/review/{request.pk}/").content.decode()
    assert "Explains disc problems." in html
    assert "Changes medical advice." in html


def test_admin_first_submission_without_a_summary_opens_the_request(client, article, editor):
    """Never published: the admin form's summary is optional and the request opens without one."""
    client.force_login(editor)
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "optional the first time" in page
    assert client.post(_workflow_url(article, "submit")).status_code == 302
    assert ReviewRequest.objects.open().filter(article=article).exists()


def test_admin_refuses_an_overlong_summary_with_400(client, article, editor):
    """A forged summary past the limit is a 400 naming the field, not a 500."""
    client.force_login(editor)
    response = client.post(_workflow_url(article, "submit"), {"change_summary": "x" * 1001})
    assert response.status_code == 400
    assert "Change summary" in response.content.decode()
    assert not ReviewRequest.objects.exists()
