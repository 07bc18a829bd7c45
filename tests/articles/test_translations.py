"""Translations: written through the service, read by the board, published per language, marked outdated."""

import importlib

import pytest
from django.core.exceptions import ValidationError

from articles.models import Publication, PublishedTranslation
from articles.selectors import outdated_translations
from articles.services import article_revise, article_translation_save
from articles.signals import ContentLocked
from articles.versioning import ArticleContent
from personalization.models import Audience, Language
from reviews.services import review_submit
from tests.factories import approve, make_cited_article, make_english, make_language

pytestmark = pytest.mark.django_db


def translate(
    article, editor, *, question="¿Qué causa el dolor lumbar?", up_to_date=True, body="Casi siempre muscular."
):
    professional = Audience.objects.get(slug="professional")
    return article_translation_save(
        article=article,
        language=make_language(),
        actor=editor,
        question=question,
        summary="Un resumen breve.",
        bodies={professional: body},
        up_to_date=up_to_date,
    )


def revise_english(article, editor, text):
    key = article.citations.first().reference.citation_key
    professional = Audience.objects.get(slug="professional")
    article_revise(article=article, actor=editor, bodies={professional: f"{text} [@{key}]."})


@pytest.fixture
def spanish_article(audiences, editor, reviewer, topic):
    article = make_cited_article(author=editor, topic=topic)
    translate(article, editor)
    approve(article, editor=editor, reviewer=reviewer)
    return article


def test_migration_creates_english_as_the_default_language():
    """The data migration creates English as the one default language, with its search configuration, once."""
    from django.apps import apps

    migration = importlib.import_module("personalization.migrations.0002_language")
    Language.objects.all().delete()  # a flushed test database may lack it; run the migration's step again
    migration.create_english(apps, None)
    migration.create_english(apps, None)
    english = Language.objects.get()
    assert (english.code, english.search_config, english.is_default) == ("en", "english", True)


def test_translation_is_in_the_revision_and_its_hash(article, editor):
    """Saving a translation is a revision: the content the board reads includes it, and its hash changes."""
    before = ArticleContent.from_article(article).fingerprint()
    translation = translate(article, editor)
    live = ArticleContent.from_article(article)
    assert live.fingerprint() != before
    from reversion.models import Version

    revision = Version.objects.get_for_object(article).first().revision
    saved = ArticleContent.from_revision(revision, article.pk)
    assert saved.fingerprint() == live.fingerprint()
    assert saved.translation(translation.language_id).question == "¿Qué causa el dolor lumbar?"
    translate(article, editor, body="Otra cosa.")
    assert ArticleContent.from_article(article).fingerprint() != live.fingerprint()


def test_translation_refused_while_under_review_and_for_the_default_language(article, editor):
    """The content lock covers translations; the source language cannot be "translated"."""
    with pytest.raises(ValidationError):
        article_translation_save(
            article=article,
            language=make_english(),
            actor=editor,
            question="Q",
            summary="S",
            bodies={},
        )
    review_submit(article=article, actor=editor, change_summary="")
    with pytest.raises(ContentLocked):
        translate(article, editor)


def test_spanish_page_has_its_own_url_lang_and_alternates(client, spanish_article):
    """/es/questions/<slug>/ shows the Spanish text with lang="es"; both pages carry hreflang alternates."""
    url = f"/es/questions/{spanish_article.slug}/"
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert "¿Qué causa el dolor lumbar?</h1>" in html
    assert "Casi siempre muscular." in html
    assert 'id="translation-outdated"' not in html
    assert '"inLanguage":"es"' in html
    english = client.get(f"/questions/{spanish_article.slug}/").content.decode()
    assert '<html lang="en">' in english
    assert f'hreflang="es" href="http://testserver{url}"' in english
    assert f'hreflang="x-default" href="http://testserver/questions/{spanish_article.slug}/"' in english
    assert 'id="language-chooser"' in english
    assert "¿Qué causa" not in english


def test_unknown_language_is_404_and_untranslated_answer_redirects(client, spanish_article, editor, reviewer, topic):
    """A language the site does not have is not a page; an answer not in Spanish sends readers to English."""
    assert client.get(f"/xx/questions/{spanish_article.slug}/").status_code == 404
    other = make_cited_article(author=editor, topic=topic)
    approve(other, editor=editor, reviewer=reviewer)
    response = client.get(f"/es/questions/{other.slug}/")
    assert response.status_code == 302
    assert response["Location"] == f"/questions/{other.slug}/"


def test_unapproved_translation_is_not_public(client, audiences, editor, reviewer, topic):
    """A translation added after approval stays off the site until a revision with it is approved."""
    article = make_cited_article(author=editor, topic=topic)
    approve(article, editor=editor, reviewer=reviewer)
    translate(article, editor)
    assert client.get(f"/es/questions/{article.slug}/").status_code == 302
    assert not PublishedTranslation.objects.exists()
    approve(article, editor=editor, reviewer=reviewer)
    assert client.get(f"/es/questions/{article.slug}/").status_code == 200


def test_outdated_translation_is_shown_and_listed_until_brought_up_to_date(client, spanish_article, editor, reviewer):
    """Revising the English text and approving it marks the Spanish page and the dashboard list,
    until an approved revision brings the translation up to date again."""
    revise_english(spanish_article, editor, "New English advice")
    approve(spanish_article, editor=editor, reviewer=reviewer)
    html = client.get(f"/es/questions/{spanish_article.slug}/").content.decode()
    assert 'id="translation-outdated"' in html
    assert f'href="/questions/{spanish_article.slug}/"' in html
    assert [t.publication.article_id for t in outdated_translations()] == [spanish_article.pk]
    translate(spanish_article, editor, body="Consejo nuevo.")
    approve(spanish_article, editor=editor, reviewer=reviewer)
    html = client.get(f"/es/questions/{spanish_article.slug}/").content.decode()
    assert 'id="translation-outdated"' not in html
    assert "Consejo nuevo." in html
    assert outdated_translations() == []


def test_partial_translation_saved_as_not_up_to_date_is_outdated(spanish_article, editor, reviewer):
    """An editor who saves a translation without ticking "up to date" publishes it as outdated."""
    revise_english(spanish_article, editor, "Changed")
    translate(spanish_article, editor, up_to_date=False)
    approve(spanish_article, editor=editor, reviewer=reviewer)
    translation = PublishedTranslation.objects.get()
    assert translation.outdated
    assert translation.source_date is not None


def test_query_counts_with_translations(client, spanish_article, django_assert_max_num_queries):
    """The English page stays at 3 queries with a translation; the Spanish page adds only the translation."""
    client.get("/")
    with django_assert_max_num_queries(3):
        assert client.get(f"/questions/{spanish_article.slug}/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(f"/es/questions/{spanish_article.slug}/").status_code == 200
    assert Publication.objects.get(article=spanish_article).languages == ["es"]


def test_sitemap_and_feed_in_spanish(client, spanish_article, editor, reviewer, topic):
    """The sitemap lists the Spanish version with hreflang alternates; the Spanish feed has only Spanish answers."""
    other = make_cited_article(author=editor, topic=topic)
    approve(other, editor=editor, reviewer=reviewer)
    xml = client.get("/sitemap.xml").content.decode()
    spanish = f"http://testserver/es/questions/{spanish_article.slug}/"
    assert f"<loc>{spanish}</loc>" in xml
    assert f'hreflang="es" href="{spanish}"' in xml
    assert f'hreflang="x-default" href="http://testserver/questions/{spanish_article.slug}/"' in xml
    assert f"/es/questions/{other.slug}/" not in xml
    feed = client.get("/es/feeds/latest/").content.decode()
    assert 'xml:lang="es"' in feed
    assert "¿Qué causa el dolor lumbar?" in feed
    assert other.question not in feed
    assert other.question in client.get("/feeds/latest/").content.decode()


def test_translation_citing_what_the_source_does_not_cannot_be_submitted(article, editor):
    """A translation cites only the source's references: an unknown key in it keeps the article from review."""
    translate(article, editor, body="Según un estudio [@nowhere2020].")
    with pytest.raises(ValidationError, match="nowhere2020"):
        review_submit(article=article, actor=editor, change_summary="")


def test_stored_reference_lists_speak_the_page_language_whoever_approved(client, audiences, editor, reviewer, topic):
    """The reference list is rendered when the snapshot is stored: the English page's in English and the
    Spanish page's in Spanish, even when the approving request ran in Spanish (a reviewer's browser)."""
    from django.utils import translation

    article = make_cited_article(author=editor, topic=topic)
    key = article.citations.first().reference.citation_key
    translate(article, editor, body=f"Casi siempre muscular [@{key}].")
    with translation.override("es"):
        approve(article, editor=editor, reviewer=reviewer)

    english = client.get(f"/questions/{article.slug}/").content.decode()
    spanish = client.get(f"/es/questions/{article.slug}/").content.decode()
    assert '<h2 id="references-title">References</h2>' in english
    assert "Referencias" not in english
    assert '<h2 id="references-title">Referencias</h2>' in spanish
