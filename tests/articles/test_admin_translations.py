"""Editors add and edit translations in the admin, through the translation service."""

import pytest
from reversion.models import Version

from articles.models import Article, ArticleTranslation
from reviews.services import review_submit
from tests.factories import make_language

pytestmark = pytest.mark.django_db

ADD = "/admin/articles/articletranslation/add/"


def _post(article, language, **extra):
    return {
        "article": article.pk,
        "language": language.pk,
        "question": "¿Qué causa el dolor lumbar?",
        "summary": "Un resumen breve.",
        "body_professional": "Casi siempre muscular.",
        "body_patient": "",
        "body_student": "",
        "up_to_date": "on",
        **extra,
    }


def test_editor_adds_a_translation_as_a_revision(client, article, editor):
    """The add form has a body per audience; saving makes a revision of the article, up to date with its text."""
    spanish = make_language()
    client.force_login(editor)
    form = client.get(ADD).content.decode()
    assert 'name="body_professional"' in form
    assert 'name="body_patient"' in form
    before = Version.objects.get_for_object(Article.objects.get(pk=article.pk)).count()
    response = client.post(ADD, _post(article, spanish))
    assert response.status_code == 302
    translation = ArticleTranslation.objects.get(article=article, language=spanish)
    assert [b.body.strip() for b in translation.bodies.all()] == ["Casi siempre muscular."]
    assert translation.source_fingerprint
    assert Version.objects.get_for_object(Article.objects.get(pk=article.pk)).count() == before + 1
    edit = client.get(f"/admin/articles/articletranslation/{translation.pk}/change/").content.decode()
    assert "Casi siempre muscular." in edit


def test_translation_form_refuses_empty_bodies_and_locked_articles(client, article, editor):
    """No body at all, or an article under review, is a form error, never a 500."""
    spanish = make_language()
    client.force_login(editor)
    response = client.post(ADD, _post(article, spanish, body_professional=""))
    assert response.status_code == 200
    assert "Translate at least one audience" in response.content.decode()
    review_submit(article=article, actor=editor)
    response = client.post(ADD, _post(article, spanish))
    assert response.status_code == 200
    assert "under review or retired" in response.content.decode()
    assert not ArticleTranslation.objects.exists()


def test_chief_editor_manages_languages(client, chief, editor):
    """The chief editor may add languages in the admin; editors may only see them."""
    client.force_login(chief)
    assert client.get("/admin/personalization/language/add/").status_code == 200
    client.force_login(editor)
    assert client.get("/admin/personalization/language/").status_code == 200
    assert client.get("/admin/personalization/language/add/").status_code == 403
