"""The API in other languages: ``?language=es`` gives the Spanish translation, only of translated articles."""

import pytest

from articles.services import article_translation_save
from personalization.models import Audience
from tests import factories

pytestmark = pytest.mark.django_db

LIST = "/api/v1/articles/"


@pytest.fixture
def translated(audiences, editor, reviewer, topic):
    article = factories.make_cited_article(author=editor, topic=topic)
    article_translation_save(
        article=article,
        language=factories.make_language(),
        actor=editor,
        question="¿Qué causa el dolor lumbar?",
        summary="Un resumen breve.",
        bodies={Audience.objects.get(slug="professional"): "Casi siempre muscular."},
    )
    factories.approve(article, editor=editor, reviewer=reviewer)
    return article


@pytest.fixture
def english_only(audiences, editor, reviewer, topic):
    article = factories.make_cited_article(author=editor, topic=topic)
    factories.approve(article, editor=editor, reviewer=reviewer)
    return article


def test_list_in_spanish_has_only_translated_articles(api, translated, english_only):
    """The Spanish list names its language and carries the Spanish question; English-only answers are absent."""
    results = api(LIST, {"language": "es"}).json()["results"]
    assert [r["slug"] for r in results] == [translated.slug]
    assert (results[0]["language"], results[0]["question"]) == ("es", "¿Qué causa el dolor lumbar?")
    assert results[0]["audiences"] == ["professional"]
    assert results[0]["url"].endswith(f"/es/questions/{translated.slug}/")
    assert "language=es" in results[0]["api_url"]
    english = api(LIST).json()["results"]
    assert {r["slug"] for r in english} == {translated.slug, english_only.slug}
    assert all(r["language"] == "en" for r in english)


def test_detail_in_spanish(api, translated, english_only):
    """The detail serves the Spanish text; an article not in Spanish is a 404, an unknown language a 400."""
    data = api(f"/api/v1/articles/{translated.slug}/", {"language": "es"}).json()
    assert (data["language"], data["question"], data["translation_outdated"]) == (
        "es",
        "¿Qué causa el dolor lumbar?",
        False,
    )
    assert "Casi siempre muscular." in data["html"]
    assert api(f"/api/v1/articles/{english_only.slug}/", {"language": "es"}).status_code == 404
    response = api(f"/api/v1/articles/{translated.slug}/", {"language": "xx"})
    assert (response.status_code, response.json()["code"]) == (400, "unknown_language")
    assert "es" in response.json()["detail"]
    assert api(f"/api/v1/articles/{translated.slug}/").json()["language"] == "en"


def test_search_in_another_language_is_refused_clearly(api, translated):
    """The API's search covers the English answers: language=es is a 400 saying so, not English results labelled Spanish."""
    response = api("/api/v1/search/", {"q": "pain", "language": "es"})
    assert (response.status_code, response.json()["parameter"], response.json()["code"]) == (
        400,
        "language",
        "unsupported_language",
    )
    assert api("/api/v1/search/", {"q": "pain", "language": "en"}).status_code == 200
