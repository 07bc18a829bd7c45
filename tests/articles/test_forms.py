"""The editors' forms store normalised text and see a form saved as loaded as unchanged."""

import pytest

from articles.forms import ArticleBodyForm, ArticleForm

pytestmark = pytest.mark.django_db


def _article_data(article, **changes) -> dict:
    data = {
        "question": article.question,
        "slug": article.slug,
        "topic": str(article.topic_id),
        "summary": article.summary,
        "edit_version": str(article.control.edit_version),
    }
    return {**data, **changes}


def test_body_form_stores_normalised_markdown(article, professional):
    """CRLF line endings, trailing spaces and blank end lines are gone from the cleaned body."""
    body = article.bodies.get(audience=professional)
    form = ArticleBodyForm(
        {"audience": professional.pk, "body": "\r\n## Causes  \r\n\r\nMostly muscular.\t\r\n\r\n"}, instance=body
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == "## Causes\n\nMostly muscular.\n"


def test_body_sent_back_with_crlf_is_unchanged(article, professional):
    """A body posted back as the browser sends it (CRLF, no final newline) has not changed."""
    body = article.bodies.get(audience=professional)
    sent = body.body.rstrip("\n").replace("\n", "\r\n") + "  \r\n"
    form = ArticleBodyForm({"audience": professional.pk, "body": sent}, instance=body)
    assert not form.has_changed()
    changed = ArticleBodyForm({"audience": professional.pk, "body": sent + "More."}, instance=body)
    assert changed.has_changed()


def test_a_blank_body_is_required(article, professional):
    """Whitespace only is no body."""
    form = ArticleBodyForm({"audience": professional.pk, "body": " \r\n\t\r\n"}, instance=article.bodies.first())
    assert not form.is_valid()
    assert "body" in form.errors


def test_article_form_strips_question_and_summary(article):
    """Question and summary lose surrounding whitespace and CRLF; posted back, they are unchanged."""
    form = ArticleForm(
        _article_data(article, question=f"  {article.question} ", summary=f"{article.summary}  \r\n"), instance=article
    )
    assert not form.has_changed()
    assert form.is_valid(), form.errors
    assert form.cleaned_data["question"] == article.question
    assert form.cleaned_data["summary"] == article.summary


def test_article_form_summary_line_endings(article):
    """A two-line summary typed in a browser is stored with LF."""
    form = ArticleForm(_article_data(article, summary="First line.  \r\nSecond line.\r\n"), instance=article)
    assert form.is_valid(), form.errors
    assert form.has_changed()
    assert form.cleaned_data["summary"] == "First line.\nSecond line."


def test_article_form_refuses_a_stale_edit_version(article):
    """The conflict check still holds: a form built on an older version is refused."""
    form = ArticleForm(_article_data(article, edit_version="0"), instance=article)
    assert not form.is_valid()
    assert form.has_error("__all__", code="conflict")
