"""Citation integrity: editors see problems when saving; a changed source flags approved articles."""

import pytest

from articles.integrity import check_content
from articles.models import ArticleControl
from tests.admin_forms import changeform_data
from tests.factories import approve, make_cited_article, make_reference

pytestmark = pytest.mark.django_db


def test_check_content_names_each_problem(professional, patient):
    """Unknown keys (with their sentence), uncited references and a missing default body."""
    cited, uncited = make_reference(key="cited2020"), make_reference(key="uncited2021")
    problems = check_content(
        bodies={patient: "Rest helps [@cited2020]. Heat helps too [@nothere]."},
        references=[cited, uncited],
        default_audience=professional,
    )
    messages = [p.message for p in problems]
    assert [p.code for p in problems] == ["no_default_body", "unknown_key", "uncited"]
    assert "Heat helps too [@nothere]." in messages[1]
    assert "uncited2021" in messages[2]


def test_clean_content_has_no_problems(article, professional):
    """An article whose bodies cite exactly its references passes."""
    bodies = {b.audience: b.body for b in article.bodies.select_related("audience")}
    refs = [c.reference for c in article.citations.select_related("reference")]
    assert check_content(bodies=bodies, references=refs, default_audience=professional) == []


def test_admin_save_shows_citation_problems(client, editor, article):
    """Saving an article with a dangling key shows a warning naming it (the save itself succeeds)."""
    client.force_login(editor)
    url = f"/admin/articles/article/{article.pk}/change/"
    data = changeform_data(client.get(url))
    data["bodies-0-body"] = "Now citing [@missing2024]."
    response = client.post(url, data, follow=True)
    html = response.content.decode()
    assert "[@missing2024]" in html
    assert "matches no reference" in html


def test_changing_a_cited_reference_flags_approved_articles(audiences, editor, reviewer, client):
    """Editing a source that approved articles cite puts them in the board's re-review queue."""
    article = make_cited_article(author=editor)
    draft = make_cited_article(author=editor)
    approve(article, editor=editor, reviewer=reviewer)
    reference = article.citations.first().reference
    draft.citations.create(reference=make_reference())
    reference.title = "A corrected title"
    reference.save()
    assert "changed (title)" in ArticleControl.objects.get(article=article).rereview_reason
    assert ArticleControl.objects.get(article=draft).rereview_reason == ""
    client.force_login(reviewer)
    dashboard = client.get("/review/").content.decode()
    assert article.question in dashboard
    assert "changed (title)" in dashboard


def test_saving_a_reference_unchanged_flags_nothing(audiences, editor, reviewer):
    """Only real changes count."""
    article = make_cited_article(author=editor)
    approve(article, editor=editor, reviewer=reviewer)
    article.citations.first().reference.save()
    assert ArticleControl.objects.get(article=article).rereview_reason == ""


def test_approval_clears_the_re_review_flag(audiences, editor, reviewer):
    """A fresh approval answers the flag."""
    article = make_cited_article(author=editor)
    approve(article, editor=editor, reviewer=reviewer)
    reference = article.citations.first().reference
    reference.year = 2001
    reference.save()
    approve(article, editor=editor, reviewer=reviewer)
    assert ArticleControl.objects.get(article=article).rereview_reason == ""
