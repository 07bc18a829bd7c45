"""Expiry: an answer past its "unpublish at" time leaves every public page at that moment (410 with
a clear page), shows in the chief editor's lists, and comes back only with a new approval."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
import reversion
import time_machine
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, Publication
from articles.selectors import article_for_workflow
from articles.services import ReviewFacts, ReviewStep, article_expire, article_publish
from articles.versioning import ArticleContent
from tests import factories

pytestmark = pytest.mark.django_db

ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def ending(professional, topic):
    """An approved answer planned to leave the site in one hour, beside one with no planned end."""
    factories.make_publication(
        factories.make_article(question="Is zoster vaccine lasting?", topic=topic, bodies={"professional": "zoster"})
    )
    publication = factories.make_publication(
        factories.make_article(question="Is zoster season here?", topic=topic, bodies={"professional": "zoster"})
    )
    Publication.objects.filter(pk=publication.pk).update(unpublish_at=timezone.now() + timedelta(hours=1))
    publication.refresh_from_db()
    return publication


def _after_the_end(publication):
    return time_machine.travel(publication.unpublish_at + timedelta(seconds=1))


def _pin(article) -> int:
    """Save the article's current content as a reversion revision, as a submission does."""
    with reversion.create_revision(manage_manually=True):
        reversion.add_to_revision(article)
    return Version.objects.get_for_object(article).first().revision_id


def _feed_titles(client) -> list[str]:
    root = ET.fromstring(client.get(reverse("articles:feed_latest")).content)  # noqa: S314 - our own response
    return [e.findtext("a:title", namespaces=ATOM_NS) for e in root.findall("a:entry", ATOM_NS)]


def _public_pages(client, publication) -> dict[str, str]:
    return {
        "home": client.get("/").content.decode(),
        "topic": client.get(f"/topics/{publication.topic.slug}/").content.decode(),
        "search": client.get(reverse("articles:search"), {"q": "zoster"}).content.decode(),
        "sitemap": client.get("/sitemap.xml").content.decode(),
    }


def test_before_its_end_the_answer_is_public_everywhere(client, ending):
    """Until "unpublish at" the answer is read, listed, found, mapped and in the feed as usual."""
    assert client.get(ending.get_absolute_url()).status_code == 200
    for name, html in _public_pages(client, ending).items():
        assert ending.slug in html, name
    assert "Is zoster season here?" in _feed_titles(client)
    assert Publication.objects.get(pk=ending.pk).is_public


def test_past_its_end_the_page_is_410_with_the_reason_and_date(client, ending):
    """The page answers 410 Gone and says when and why the answer was withdrawn, even before the job ran."""
    with _after_the_end(ending):
        response = client.get(ending.get_absolute_url())
    assert response.status_code == 410
    html = response.content.decode()
    assert "This answer has been withdrawn" in html
    withdrawn_on = timezone.localtime(ending.unpublish_at).strftime("%-d %B %Y")
    assert f"was withdrawn on {withdrawn_on} because it reached the end of its planned publication period" in html
    assert '<meta name="robots" content="noindex">' in html


def test_past_its_end_the_answer_leaves_lists_search_sitemap_and_feed(client, ending):
    """Home, topic list, search, sitemap and feed drop it at that moment; the other answer stays."""
    lasting = Publication.objects.get(question="Is zoster vaccine lasting?")
    with _after_the_end(ending):
        pages = _public_pages(client, ending)
        titles = _feed_titles(client)
        assert not Publication.objects.public().filter(pk=ending.pk).exists()
        assert not Article.objects.public().filter(pk=ending.article_id).exists()
    for name, html in pages.items():
        assert ending.slug not in html, name
        assert lasting.slug in html, name
    assert titles == ["Is zoster vaccine lasting?"]


def test_article_expire_stamps_once(ending):
    """``article_expire`` does nothing before the end, stamps ``expired_at`` after it, and only once."""
    article = ending.article
    assert article_expire(article=article) is False
    with _after_the_end(ending):
        assert article_expire(article=article_for_workflow(article.pk)) is True
        stamped = Publication.objects.get(pk=ending.pk).expired_at
        assert stamped is not None
        assert article_expire(article=article_for_workflow(article.pk)) is False
    assert Publication.objects.get(pk=ending.pk).expired_at == stamped


def test_a_new_approval_brings_an_expired_answer_back_with_its_own_end(client, ending):
    """Publishing a new approved revision replaces the planned end (here: none) and clears the expiry."""
    with _after_the_end(ending):
        article_expire(article=article_for_workflow(ending.article_id))
        content = ArticleContent.from_revision(_pin(ending.article), ending.article_id)
        article_publish(
            article=article_for_workflow(ending.article_id),
            content=content,
            facts=ReviewFacts(review_step=ReviewStep.APPROVED, unpublish_at=None),
        )
        publication = Publication.objects.get(pk=ending.pk)
        assert (publication.unpublish_at, publication.expired_at) == (None, None)
        assert client.get(ending.get_absolute_url()).status_code == 200


def test_article_publish_copies_unpublish_at_from_the_review_facts(professional):
    """The planned end travels from the workflow's facts onto the snapshot."""
    article = factories.make_article()
    content = ArticleContent.from_revision(_pin(article), article.pk)
    end = timezone.now() + timedelta(days=30)
    publication = article_publish(
        article=article_for_workflow(article.pk),
        content=content,
        facts=ReviewFacts(review_step=ReviewStep.APPROVED, unpublish_at=end),
    )
    assert Publication.objects.get(pk=publication.pk).unpublish_at == end


def test_chief_editor_lists_expired_answers(client, chief, ending):
    """The article list has an "Expired" filter and column; the publication list shows the planned end."""
    client.force_login(chief)
    with _after_the_end(ending):
        html = client.get("/admin/articles/article/", {"public": "expired"}).content.decode()
        assert ending.question in html
        assert "Is zoster vaccine lasting?" not in html
        assert '<td class="field-public_status">Expired</td>' in html
        publications = client.get("/admin/articles/publication/", {"expiry": "expired"}).content.decode()
        assert ending.question in publications
        assert "Is zoster vaccine lasting?" not in publications
    planned = client.get("/admin/articles/article/", {"public": "planned_end"}).content.decode()
    assert ending.question in planned
    assert "Is zoster vaccine lasting?" not in planned


def test_editor_change_page_says_when_the_answer_leaves_and_left(client, editor, ending):
    """The workflow panel gives the planned end, then says the answer expired."""
    client.force_login(editor)
    url = f"/admin/articles/article/{ending.article_id}/change/"
    assert "leaves the site on" in client.get(url).content.decode()
    with _after_the_end(ending):
        assert "the end of its planned publication period" in client.get(url).content.decode()
