"""Search in Spanish: /es/search/ finds the Spanish translations, with the Spanish text search configuration."""

import pytest

from articles.services import article_translation_save
from personalization.models import Audience
from tests.factories import approve, make_cited_article, make_language

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers(audiences, editor, reviewer, topic):
    """One answer translated into Spanish (about running), one in English only (also about running)."""
    translated = make_cited_article(author=editor, topic=topic, question="Does exercise help back pain?")
    article_translation_save(
        article=translated,
        language=make_language(),
        actor=editor,
        question="¿Ayuda correr con el dolor de espalda?",
        summary="Caminar y correr suave suelen ayudar.",
        bodies={Audience.objects.get(slug="professional"): "Mantenerse activo acelera la recuperación."},
    )
    approve(translated, editor=editor, reviewer=reviewer)
    english = make_cited_article(author=editor, topic=topic, question="Is running bad for the knees?")
    approve(english, editor=editor, reviewer=reviewer)
    return translated, english


def test_spanish_search_finds_spanish_answers_only(client, answers):
    """Readers searching in /es/ get the Spanish question and a Spanish URL; English-only answers are not listed."""
    translated, english = answers
    html = client.get("/es/search/", {"q": "espalda"}).content.decode()
    assert "¿Ayuda correr con el dolor de espalda?" in html
    assert f'href="/es/questions/{translated.slug}/"' in html
    assert '<html lang="es">' in html
    html = client.get("/es/search/", {"q": "running"}).content.decode()
    assert english.question not in html
    english_html = client.get("/search/", {"q": "running"}).content.decode()
    assert english.question in english_html


def test_spanish_search_uses_spanish_stemming(client, answers, requires_postgres):
    """On PostgreSQL the Spanish configuration stems: “corriendo” finds “correr”, which English stemming would not."""
    html = client.get("/es/search/", {"q": "corriendo"}).content.decode()
    assert "¿Ayuda correr con el dolor de espalda?" in html
