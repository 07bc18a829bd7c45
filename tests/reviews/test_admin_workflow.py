"""The editors' side of the workflow in the admin: submit, withdraw, resubmit, retire, conflicts."""

import pytest
from reversion.models import Version

from articles.models import Article, ArticleBody, Citation
from reviews.models import ReviewRequest
from reviews.services import review_decide, review_start
from tests.admin_forms import changeform_data
from tests.factories import make_reference

pytestmark = pytest.mark.django_db
State = ReviewRequest.State


def _change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def _workflow_url(article, action):
    return f"/admin/articles/article/{article.pk}/workflow/{action}/"


def test_editor_submits_from_the_change_page(client, editor, article):
    """The change page has "Submit for review"; posting it opens a request and locks the article."""
    client.force_login(editor)
    assert "Submit for review" in client.get(_change_url(article)).content.decode()
    response = client.post(_workflow_url(article, "submit"), follow=True)
    assert "Submitted for review" in response.content.decode()
    request = ReviewRequest.objects.get(article=article)
    assert request.state == State.SUBMITTED
    assert "Withdraw" in response.content.decode()
    assert "Submit for review" not in response.content.decode()


def test_submission_names_every_blocking_problem(client, editor, article, professional):
    """Missing default body, unknown keys and uncited references are listed by name."""
    ArticleBody.objects.filter(article=article, audience=professional).delete()
    patient_body = ArticleBody.objects.get(article=article)
    patient_body.body = "Back pain is common [@nosuchkey]. See also [@doi:10.9999/missing]."
    patient_body.save()
    extra = make_reference(key="lonely2020")
    Citation.objects.create(article=article, reference=extra)
    client.force_login(editor)
    response = client.post(_workflow_url(article, "submit"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "was not sent to the board" in html
    assert "no body for the default audience" in html
    assert "[@nosuchkey]" in html
    assert "Back pain is common [@nosuchkey]." in html
    assert "doi:10.9999/missing" in html
    assert "“lonely2020” is in the article’s references but cited in no body" in html
    assert not ReviewRequest.objects.exists()


def test_library_reference_not_attached_gets_a_hint(client, editor, article, patient):
    """A key the library has but the article's saved references lack says how to fix it: save."""
    make_reference(key="inlibrary2021")
    ArticleBody.objects.filter(article=article, audience=patient).update(body="Text [@inlibrary2021].")
    client.force_login(editor)
    html = client.post(_workflow_url(article, "submit"), follow=True).content.decode()
    assert "is in the library now: save the article to update its references" in html


def test_withdraw_reopens_editing(client, editor, submitted):
    """Withdraw closes the request and the change form is editable again."""
    client.force_login(editor)
    client.post(_workflow_url(submitted.article, "withdraw"))
    submitted.refresh_from_db()
    assert submitted.state == State.WITHDRAWN
    page = client.get(_change_url(submitted.article)).content.decode()
    assert "Save and continue editing" in page


def test_resubmit_after_change_request(client, editor, reviewer, under_review):
    """The change request's comment is shown and Resubmit pins a new revision."""
    review_decide(
        review_request=under_review, reviewer=reviewer, outcome="request_changes", comment="Add the red flags."
    )
    client.force_login(editor)
    page = client.get(_change_url(under_review.article)).content.decode()
    assert "Add the red flags." in page
    assert "Resubmit for review" in page
    old_revision = under_review.revision_id
    client.post(_workflow_url(under_review.article, "resubmit"))
    under_review.refresh_from_db()
    assert under_review.state == State.SUBMITTED
    assert under_review.revision_id != old_revision


def test_workflow_actions_need_post_and_known_names(client, editor, article):
    """GET is 405; an unknown action is 403; nothing changes."""
    client.force_login(editor)
    assert client.get(_workflow_url(article, "submit")).status_code == 405
    assert client.post(_workflow_url(article, "publish-now")).status_code == 403
    assert not ReviewRequest.objects.exists()


def test_board_member_without_editor_rights_cannot_submit(client, reviewer, article):
    """Only editors submit: a reviewer's forged POST is refused."""
    reviewer.is_staff = True
    reviewer.save()
    client.force_login(reviewer)
    response = client.post(_workflow_url(article, "submit"))
    assert response.status_code == 403
    assert not ReviewRequest.objects.exists()


def test_chief_retires_and_restores(client, chief, editor, article, reviewer):
    """Retire takes the article off the site (410); restore brings it back."""
    from tests.factories import approve

    approve(article, editor=editor, reviewer=reviewer)
    client.force_login(editor)
    assert client.post(_workflow_url(article, "retire")).status_code == 403
    client.force_login(chief)
    client.post(_workflow_url(article, "retire"))
    assert client.get(f"/questions/{article.slug}/").status_code == 410
    assert client.get(_change_url(article)).status_code == 200
    client.post(_workflow_url(article, "restore"))
    assert client.get(f"/questions/{article.slug}/").status_code == 200


def test_second_editor_saving_a_stale_form_is_told_of_the_conflict(client, editor, other_editor, article):
    """Two editors open the same article; the second save is refused and nothing is overwritten."""
    client.force_login(editor)
    first = changeform_data(client.get(_change_url(article)))
    client.force_login(other_editor)
    second = changeform_data(client.get(_change_url(article)))

    client.force_login(editor)
    first["summary"] = "The first editor's summary."
    assert client.post(_change_url(article), first).status_code == 302

    client.force_login(other_editor)
    second["summary"] = "The second editor's summary."
    response = client.post(_change_url(article), second)
    assert response.status_code == 409
    assert "Someone else saved this article after you opened it" in response.content.decode()
    assert "The second editor&#x27;s summary." in response.content.decode()  # their text is still on the page
    article.refresh_from_db()
    assert article.summary == "The first editor's summary."

    # Reloading shows the first editor's save; the second re-applies their edit and both are in history.
    retry = changeform_data(client.get(_change_url(article)))
    retry["summary"] = "The second editor's summary."
    assert client.post(_change_url(article), retry).status_code == 302
    summaries = [v.field_dict["summary"] for v in Version.objects.get_for_object(article)]
    assert summaries[:2] == ["The second editor's summary.", "The first editor's summary."]


def test_editor_can_add_an_article_with_bodies(client, editor, professional, topic):
    """The add form saves the article, its body and a reversion revision by the editor."""
    client.force_login(editor)
    response = client.get("/admin/articles/article/add/")
    data = changeform_data(response)
    data.update(
        {
            "question": "Why does my shoulder blade hurt?",
            "slug": "shoulder-blade-pain",
            "topic": topic.pk,
            "summary": "Usually muscular.",
            "author": editor.pk,
            "bodies-TOTAL_FORMS": "1",
            "bodies-0-audience": professional.pk,
            "bodies-0-body": "Mostly muscular strain.",
        }
    )
    assert client.post("/admin/articles/article/add/", data).status_code == 302
    article = Article.objects.get(slug="shoulder-blade-pain")
    assert article.bodies.count() == 1
    assert Version.objects.get_for_object(article).first().revision.user == editor


def test_starting_a_review_locks_the_inlines(client, editor, reviewer, submitted):
    """While under review the change page shows no editable inputs for bodies."""
    review_start(review_request=submitted, actor=reviewer)
    client.force_login(editor)
    html = client.get(_change_url(submitted.article)).content.decode()
    assert 'name="bodies-0-body"' not in html
    assert "read-only" in html


def test_withdrawing_a_request_under_review_is_a_conflict(client, editor, under_review):
    """A withdraw posted while the board is reviewing answers 409 and changes nothing."""
    client.force_login(editor)
    response = client.post(_workflow_url(under_review.article, "withdraw"))
    assert response.status_code == 409
    assert "changed in the meantime" in response.content.decode()
    under_review.refresh_from_db()
    assert under_review.state == State.UNDER_REVIEW


def test_resubmit_without_an_open_request_is_400(client, editor, article):
    """Resubmitting an article that was never submitted says so with 400."""
    client.force_login(editor)
    response = client.post(_workflow_url(article, "resubmit"))
    assert response.status_code == 400
    assert "no open review request" in response.content.decode()


def test_change_page_says_when_saved_edits_are_not_yet_public(client, editor, reviewer, article, professional):
    """After approval, editing the article shows that readers still see the approved version."""
    from articles.models import ArticleBody
    from tests.factories import approve

    approve(article, editor=editor, reviewer=reviewer)
    client.force_login(editor)
    assert 'id="unpublished-edits"' not in client.get(_change_url(article)).content.decode()
    key = article.citations.first().reference.citation_key
    other = article.citations.last().reference.citation_key
    ArticleBody.objects.filter(article=article, audience=professional).update(body=f"New text [@{key}; @{other}].")
    assert 'id="unpublished-edits"' in client.get(_change_url(article)).content.decode()
