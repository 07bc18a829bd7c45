"""Reactions inside the articles app: workflow flags, re-review on a changed source, the content lock."""

import pytest
from django.db import transaction

from articles.models import ArticleBody, ArticleControl
from articles.signals import ContentLocked
from tests import factories

pytestmark = pytest.mark.django_db


def test_every_new_article_gets_its_workflow_row(article):
    """Creating an article creates its control row, unlocked and not retired."""
    control = ArticleControl.objects.get(article=article)
    assert (control.review_locked, control.retired_at, control.edit_version) == (False, None, 1)


def test_a_changed_source_flags_approved_articles_citing_it(article):
    """Changing what readers see of a reference flags approved articles that cite it, with the reason."""
    factories.make_publication(article)
    reference = article.citations.first().reference
    pending = factories.make_cited_article()
    pending.citations.create(reference=reference)
    factories.make_publication(pending, status="pending")
    reference.title = "A corrected title"
    reference.save()
    reason = ArticleControl.objects.get(article=article).rereview_reason
    assert reference.citation_key in reason
    assert "title" in reason
    assert ArticleControl.objects.get(article=pending).rereview_reason == ""


def test_saving_an_unchanged_source_flags_nothing(article):
    """A save that changes no watched field leaves approved articles alone."""
    factories.make_publication(article)
    article.citations.first().reference.save()
    assert ArticleControl.objects.get(article=article).rereview_reason == ""


def test_locked_content_cannot_be_saved_or_deleted(article, professional):
    """Whatever the entry point, a body of a locked article refuses save and delete."""
    ArticleControl.objects.filter(article=article).update(review_locked=True)
    body = ArticleBody.objects.get(article=article, audience=professional)
    body.body = "Sneaky edit."
    citation = article.citations.first()
    for attempt in (body.save, body.delete, citation.delete):
        with pytest.raises(ContentLocked), transaction.atomic():
            attempt()
    assert ArticleBody.objects.get(pk=body.pk).body != "Sneaky edit."
    assert article.citations.filter(pk=citation.pk).exists()
