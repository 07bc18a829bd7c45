"""Bulk actions on the article list: submit drafts, move to another topic, export as Markdown files."""

import io
import zipfile

import pytest
from reversion.models import Version

from articles.exchange import parse_article
from articles.models import Article
from reviews.models import ReviewRequest
from reviews.services import review_submit
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/admin/articles/article/"


def _act(client, action, articles, **extra):
    return client.post(URL, {"action": action, "_selected_action": [a.pk for a in articles], **extra})


def test_submit_selected_drafts_names_the_ones_that_cannot_go(client, editor, topic, audiences):
    """Ready drafts are submitted; a draft with an unknown citation is named with the reason; nothing else changes."""
    ready = factories.make_cited_article(author=editor, topic=topic)
    broken = factories.make_article(author=editor, topic=topic, bodies={"professional": "Cites [@nowhere]."})
    client.force_login(editor)
    response = _act(client, "submit_drafts", [ready, broken])
    assert response.status_code == 302
    assert ReviewRequest.objects.get(article=ready).state == "submitted"
    assert not ReviewRequest.objects.filter(article=broken).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("1 articles submitted" in m for m in messages)
    assert any(broken.question in m and "nowhere" in m for m in messages)


def test_reviewers_cannot_run_editors_actions(client, reviewer, article):
    """A board member (no change permission) has no bulk actions and a forged one does nothing."""
    client.force_login(reviewer)
    response = _act(client, "submit_drafts", [article])
    assert response.status_code in (302, 403)
    assert not ReviewRequest.objects.exists()


def test_move_to_another_topic_asks_then_moves_unlocked_articles(client, editor, article, topic):
    """The action asks for the topic, then moves each article as a new revision; locked ones stay put."""
    locked = factories.make_cited_article(author=editor, topic=topic)
    review_submit(article=locked, actor=editor)
    new_topic = factories.make_topic(name="Heart")
    client.force_login(editor)
    ask = _act(client, "change_topic", [article, locked])
    assert ask.status_code == 200
    assert "Move articles to another topic" in ask.content.decode()
    versions = Version.objects.get_for_object(article).count()
    done = _act(client, "change_topic", [article, locked], topic=new_topic.pk, apply="1")
    assert done.status_code == 302
    assert Article.objects.get(pk=article.pk).topic == new_topic
    assert Article.objects.get(pk=locked.pk).topic == topic
    assert Version.objects.get_for_object(article).count() == versions + 1
    bad = _act(client, "change_topic", [article], topic="999999", apply="1")
    assert bad.status_code == 200  # the form again, with its error
    assert "Select a valid choice" in bad.content.decode()


def test_export_as_markdown_round_trips_through_the_demo_format(client, editor, article, professional, patient):
    """The zip holds one file per article in the demo's format, which parses back to the same content."""
    related = factories.make_article(author=editor)
    article.related_links.create(related=related, order=0)
    review_submit(article=article, actor=editor)
    client.force_login(editor)
    response = _act(client, "export_markdown", [article, related])
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        files = {name: archive.read(name).decode() for name in archive.namelist()}
    exported = parse_article(files[f"{article.slug}.md"])
    assert exported.question == article.question
    assert exported.state == "submitted"
    assert exported.related == (related.slug,)
    assert exported.bodies == {b.audience.slug: b.body.strip() + "\n" for b in article.bodies.all()}
    assert parse_article(files[f"{related.slug}.md"]).state == "draft"
