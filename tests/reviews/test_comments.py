"""Comments on passages: who may write them, anchors that must exist, sent with the change request,
answered by the editor, kept with the request, and never public."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_fsm import TransitionNotAllowed

from articles.models import ArticleBody, Publication
from reviews.models import AuditEntry, PassageComment, ReviewRequest
from reviews.services import (
    passage_comment_add,
    passage_comment_resolve,
    review_decide,
    review_resubmit,
)
from tests.factories import approval_form

pytestmark = pytest.mark.django_db
State = ReviewRequest.State
QUOTE = "Mostly muscular"


def _comment(request, author, audience, **kwargs):
    defaults = {"revision_id": request.revision_id, "body": "Say which muscles.", "quote": QUOTE}
    return passage_comment_add(review_request=request, author=author, audience=audience, **(defaults | kwargs))


def test_an_assigned_reviewer_comments_on_a_passage(under_review, reviewer, professional):
    """The quote and its context are kept with the revision; the audit trail has a "comment" row."""
    comment = _comment(under_review, reviewer, professional, prefix="Causes ", suffix=" 1,2.")
    assert (comment.quote, comment.prefix, comment.revision_id) == (QUOTE, "Causes", under_review.revision_id)
    assert comment.sent_at is None
    row = AuditEntry.objects.get(request=under_review, transition="comment")
    assert (row.actor, row.comment, row.details["passage"]) == (reviewer, "Say which muscles.", QUOTE)


def test_a_quote_across_lines_and_citation_numbers_matches(under_review, reviewer, professional):
    """What a browser selection gives (citation numbers, other whitespace) matches the rendered text."""
    comment = _comment(under_review, reviewer, professional, quote="Causes\n  Mostly   muscular 1,2.")
    assert comment.pk


def test_a_comment_may_come_before_starting_the_review(submitted, reviewer, professional):
    """The assigned reviewer may comment while the request is still only submitted."""
    assert _comment(submitted, reviewer, professional).pk


def test_a_whole_section_can_be_commented(under_review, reviewer, professional):
    """Section 1 is the "Causes" heading's section; its heading is stored."""
    comment = _comment(under_review, reviewer, professional, quote="", section_index=1)
    assert (comment.section_index, comment.section, comment.quote) == (1, "Causes", "")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"quote": "Always serious"}, "not in the submitted revision"),
        ({"quote": "", "section_index": 7}, "That section is not in the submitted revision"),
        ({"body": "  "}, "Write your comment"),
        ({"quote": ""}, "Quote the passage"),
    ],
)
def test_bad_anchors_and_empty_comments_are_refused(under_review, reviewer, professional, kwargs, message):
    """Text that is not in the revision, an unknown section, an empty comment: refused, nothing stored."""
    with pytest.raises(ValidationError, match=message):
        _comment(under_review, reviewer, professional, **kwargs)
    assert not PassageComment.objects.exists()
    assert not AuditEntry.objects.filter(transition="comment").exists()


def test_only_the_assigned_reviewer_comments(under_review, reviewer2, editor, professional):
    """A board member who is not assigned, or an editor, cannot comment."""
    for who in (reviewer2, editor):
        with pytest.raises(PermissionDenied):
            _comment(under_review, who, professional)
    assert not PassageComment.objects.exists()


def test_no_comments_once_the_round_closed_or_on_a_stale_page(under_review, reviewer, professional):
    """After the decision the request takes no comments; a page showing an older revision neither."""
    with pytest.raises(TransitionNotAllowed):
        _comment(under_review, reviewer, professional, revision_id=under_review.revision_id - 1)
    review_decide(review_request=under_review, reviewer=reviewer, outcome="request_changes", comment="Fix.")
    with pytest.raises(TransitionNotAllowed):
        _comment(under_review, reviewer, professional)
    assert not PassageComment.objects.exists()


def test_requesting_changes_sends_the_comments_to_the_editor(
    under_review, reviewer, professional, patient, editor, task_queue, mailoutbox, django_capture_on_commit_callbacks
):
    """Every comment of the reviewer goes with the change request, quoted in the editor's mail."""
    _comment(under_review, reviewer, professional)
    _comment(under_review, reviewer, patient, quote="Usually harmless", body="Add when to worry.")
    with django_capture_on_commit_callbacks(execute=True):
        decision = review_decide(
            review_request=under_review, reviewer=reviewer, outcome="request_changes", comment="See my comments."
        )
    assert set(PassageComment.objects.values_list("sent_at", flat=True)) == {decision.created_at}
    task_queue.run()
    [message] = [m for m in mailoutbox if m.to == [editor.email]]
    assert "“Mostly muscular”" in message.body
    assert "Say which muscles." in message.body
    assert "Add when to worry." in message.body


def test_the_editor_answers_each_comment_before_resubmitting(under_review, reviewer, professional, editor):
    """Resubmitting with an open comment is refused; once each has a reply it goes through."""
    comment = _comment(under_review, reviewer, professional)
    review_decide(review_request=under_review, reviewer=reviewer, outcome="request_changes", comment="See comment.")
    with pytest.raises(ValidationError, match="1 still open"):
        review_resubmit(review_request=under_review, actor=editor)
    with pytest.raises(ValidationError, match="Reply to the comment"):
        passage_comment_resolve(comment=comment, reply=" ", actor=editor)
    with pytest.raises(PermissionDenied):
        passage_comment_resolve(comment=comment, reply="Done.", actor=reviewer)
    passage_comment_resolve(comment=comment, reply="Named the paraspinal muscles.", actor=editor)
    comment.refresh_from_db()
    assert (comment.reply, comment.resolved_by) == ("Named the paraspinal muscles.", editor)
    with pytest.raises(ValidationError, match="already resolved"):
        passage_comment_resolve(comment=comment, reply="Again.", actor=editor)
    review_resubmit(review_request=under_review, actor=editor)
    under_review.refresh_from_db()
    assert under_review.state == State.SUBMITTED
    assert AuditEntry.objects.filter(request=under_review, transition="resolve", actor=editor).count() == 1


def test_an_unsent_comment_cannot_be_resolved(under_review, reviewer, professional, editor):
    """The editor answers what the reviewer sent, not drafts."""
    comment = _comment(under_review, reviewer, professional)
    with pytest.raises(ValidationError, match="not been sent"):
        passage_comment_resolve(comment=comment, reply="Fine.", actor=editor)


# Over HTTP: the reviewer's page and the editor's panel.


def test_the_review_page_offers_section_links_and_the_passage_form_to_the_assigned_reviewer(
    client, under_review, reviewer, reviewer2
):
    """Each h2 section has a "comment" link that works without JavaScript; others get no forms."""
    client.force_login(reviewer)
    html = client.get(f"/review/{under_review.pk}/").content.decode()
    assert "Comment on the section “Causes”" in html
    assert f"/review/{under_review.pk}/comments/new/?audience=professional&amp;section=1" in html
    assert 'id="comment-form-professional"' in html
    assert "js/review-comments.js" in html
    client.force_login(reviewer2)
    html = client.get(f"/review/{under_review.pk}/").content.decode()
    assert "Comment on the section" not in html
    assert 'id="comment-form-professional"' not in html


def test_commenting_on_a_section_without_javascript(client, under_review, reviewer):
    """The section's page shows its text and a form; posting it stores the comment and goes back."""
    client.force_login(reviewer)
    page = client.get(f"/review/{under_review.pk}/comments/new/?audience=professional&section=1")
    assert page.status_code == 200
    assert "Mostly muscular" in page.content.decode()
    response = client.post(
        f"/review/{under_review.pk}/comments/",
        {"revision": under_review.revision_id, "audience": "professional", "section": 1, "body": "Too short."},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#comments-professional")
    assert PassageComment.objects.get().section == "Causes"
    assert "Too short." in client.get(f"/review/{under_review.pk}/").content.decode()


@pytest.mark.parametrize(
    "query", ["audience=professional&section=9", "audience=nobody&section=1", "audience=professional&section=x"]
)
def test_an_unknown_section_page_is_400(client, under_review, reviewer, query):
    """A section or audience that is not in the revision answers 400 with a way back."""
    client.force_login(reviewer)
    response = client.get(f"/review/{under_review.pk}/comments/new/?{query}")
    assert response.status_code == 400
    assert "Nothing was changed" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"quote": "Not in the text at all"}, 400),
        ({"quote": QUOTE, "body": ""}, 400),
        ({"quote": QUOTE, "audience": "nobody"}, 400),
        ({"quote": QUOTE, "revision": "1"}, 409),
    ],
    ids=["missing-anchor", "empty", "unknown-audience", "stale"],
)
def test_bad_comments_over_http(client, under_review, reviewer, data, status):
    """Each bad comment gets a clear 4xx and nothing is stored."""
    client.force_login(reviewer)
    post = {"revision": under_review.revision_id, "audience": "professional", "body": "Why?"} | data
    if data.get("revision") == "1":
        post["revision"] = under_review.revision_id + 1
    response = client.post(f"/review/{under_review.pk}/comments/", post)
    assert response.status_code == status
    assert not PassageComment.objects.exists()


def test_commenting_unassigned_or_after_closing_is_refused_over_http(client, under_review, reviewer, reviewer2):
    """An unassigned member gets 403; after the decision the assigned one gets 409."""
    post = {"revision": under_review.revision_id, "audience": "professional", "quote": QUOTE, "body": "Hmm."}
    client.force_login(reviewer2)
    assert client.post(f"/review/{under_review.pk}/comments/", post).status_code == 403
    review_decide(review_request=under_review, reviewer=reviewer, outcome="request_changes", comment="Fix.")
    client.force_login(reviewer)
    assert client.post(f"/review/{under_review.pk}/comments/", post).status_code == 409
    assert not PassageComment.objects.exists()


def test_the_editor_sees_and_resolves_comments_in_the_admin(client, under_review, reviewer, professional, editor):
    """The "Medical review" panel shows the sent comment with a reply form; posting it resolves it."""
    comment = _comment(under_review, reviewer, professional)
    review_decide(review_request=under_review, reviewer=reviewer, outcome="request_changes", comment="See comment.")
    client.force_login(editor)
    page = client.get(f"/admin/articles/article/{under_review.article_id}/change/").content.decode()
    assert "Say which muscles." in page
    assert f'name="comment" value="{comment.pk}"' in page
    url = f"/admin/articles/article/{under_review.article_id}/workflow/resolve/"
    assert client.post(url, {"comment": comment.pk, "reply": ""}).status_code == 400
    assert client.post(url, {"comment": 999999, "reply": "x"}).status_code == 400
    assert client.post(url, {"comment": comment.pk, "reply": "Done."}).status_code == 302
    comment.refresh_from_db()
    assert comment.reply == "Done."


def test_a_comment_whose_passage_changed_is_marked_outdated(
    client, under_review, reviewer, professional, editor, article
):
    """After the editor rewrites the quoted passage, the new revision's page marks the comment outdated."""
    comment = _comment(under_review, reviewer, professional)
    review_decide(review_request=under_review, reviewer=reviewer, outcome="request_changes", comment="See comment.")
    passage_comment_resolve(comment=comment, reply="Rewritten.", actor=editor)
    body = ArticleBody.objects.get(article=article, audience=professional)
    ArticleBody.objects.filter(pk=body.pk).update(body=body.body.replace("Mostly muscular", "Usually a strain"))
    review_resubmit(review_request=under_review, actor=editor)
    client.force_login(reviewer)
    html = client.get(f"/review/{under_review.pk}/").content.decode()
    assert "outdated: the passage is no longer in this revision" in html
    assert "Rewritten." in html


def test_comments_are_in_the_timeline_and_never_public(client, under_review, reviewer, professional, editor):
    """The timeline lists the comment; the approved answer, its snapshot and page show none of it."""
    _comment(under_review, reviewer, professional, body="A private remark for the editor.")
    client.force_login(reviewer)
    assert "Commented on a passage" in client.get(f"/review/{under_review.pk}/").content.decode()
    assert client.post(f"/review/{under_review.pk}/approve/", approval_form(under_review)).status_code == 302
    client.logout()
    publication = Publication.objects.get(article=under_review.article)
    assert publication.status == Publication.Status.APPROVED
    snapshot = str(publication.reviewers) + publication.search_document
    snapshot += "".join(b.html + str(b.references) for b in publication.bodies.all())
    assert "A private remark" not in snapshot
    for audience in ("professional", "patient"):
        page = client.get(f"{publication.get_absolute_url()}?audience={audience}").content.decode()
        assert "A private remark" not in page
