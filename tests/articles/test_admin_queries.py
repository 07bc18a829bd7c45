"""The editors' pages stay at a fixed number of queries as content grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_cited_article

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_article_changelist_queries_do_not_grow_with_rows(client, editor, audiences, topic):
    """Listing 5 or 40 articles costs the same number of queries."""
    client.force_login(editor)
    for _ in range(5):
        make_cited_article(author=editor, topic=topic)
    few = _count(client, "/admin/articles/article/")
    for _ in range(35):
        make_cited_article(author=editor, topic=topic)
    assert _count(client, "/admin/articles/article/") <= few


def test_article_change_page_queries_do_not_grow_with_references(client, editor, audiences, topic):
    """The references derived from the bodies are read together: 2 or 12 cost the same queries."""
    client.force_login(editor)
    small = make_cited_article(author=editor, topic=topic, references=2)
    large = make_cited_article(author=editor, topic=topic, references=12)
    baseline = _count(client, f"/admin/articles/article/{small.pk}/change/")
    assert _count(client, f"/admin/articles/article/{large.pk}/change/") <= baseline


def test_article_change_page_query_count(client, editor, audiences, topic, django_assert_max_num_queries):
    """The change page of a cited article with two bodies stays within a fixed budget (35 today: the
    derived references cost four, the bodies, the library with its sources' health and the saved
    list, whatever their number; the article and its snapshot are read once however many panels ask;
    one more reads its translations, whose citations are checked with the bodies')."""
    client.force_login(editor)
    article = make_cited_article(author=editor, topic=topic, references=12)
    with django_assert_max_num_queries(35):
        assert client.get(f"/admin/articles/article/{article.pk}/change/").status_code == 200
