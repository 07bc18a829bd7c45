"""Readable differences between two versions of an article, for reviewers and editors."""

import pytest

from articles.diff import diff_content, diff_text
from articles.versioning import ArticleContent
from tests import factories

pytestmark = pytest.mark.django_db


def test_word_level_diff_keeps_whitespace():
    """Only the changed words are marked; the rest is kept verbatim with its line breaks."""
    diff = diff_text("Body", "Rest and ice.\n\nSee a doctor.", "Rest and heat.\n\nSee a doctor.")
    assert ("delete", "ice.") in diff.segments
    assert ("insert", "heat.") in diff.segments
    assert "".join(text for op, text in diff.segments if op != "insert") == "Rest and ice.\n\nSee a doctor."
    assert diff.changed
    assert not diff_text("Body", "Same.", "Same.").changed


def test_first_review_shows_everything_as_new(article):
    """Without an approved version every field and body is new."""
    diff = diff_content(None, ArticleContent.from_article(article))
    assert diff.changed
    assert all(op == "insert" for d in diff.bodies for op, text in d.segments if text.strip())
    assert {r.pk for r in diff.references_added} == set(article.citations.values_list("reference_id", flat=True))


def test_references_and_related_questions_added_and_removed(article):
    """The diff names references added and removed, and a change in related questions."""
    old = ArticleContent.from_article(article)
    removed = article.citations.first().reference
    article.citations.filter(reference=removed).delete()
    added = factories.make_reference()
    article.citations.create(reference=added)
    article.related_links.create(related=factories.make_article(), order=0)
    diff = diff_content(old, ArticleContent.from_article(article))
    assert diff.references_added == [added]
    assert diff.references_removed == [removed]
    assert diff.related_changed


def test_unchanged_content_has_no_diff(article):
    """Comparing a version with itself shows nothing changed."""
    content = ArticleContent.from_article(article)
    assert not diff_content(content, content).changed
