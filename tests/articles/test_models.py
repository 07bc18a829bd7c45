"""Database constraints and model behaviour of the content."""

import pytest
from django.db import IntegrityError, transaction

from articles.models import ArticleBody, ArticleControl, Citation, RelatedQuestion
from personalization.models import Audience
from tests.factories import make_article, make_audience, make_reference

pytestmark = pytest.mark.django_db


def test_one_body_per_article_and_audience(article, professional):
    """A second body for the same audience is refused by the database."""
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleBody.objects.create(article=article, audience=professional, body="again")


def test_only_one_default_audience(professional):
    """Two default audiences are refused by the database."""
    with pytest.raises(IntegrityError), transaction.atomic():
        make_audience(slug="other", is_default=True)
    assert Audience.objects.default() == professional


def test_same_reference_cannot_be_attached_twice(article):
    """An article cites each reference at most once."""
    reference = article.citations.first().reference
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(article=article, reference=reference)


def test_related_question_not_itself_and_not_twice(article, audiences):
    """An article cannot be related to itself, nor to the same article twice."""
    other = make_article()
    RelatedQuestion.objects.create(article=article, related=other)
    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedQuestion.objects.create(article=article, related=other)
    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedQuestion.objects.create(article=article, related=article)


def test_every_article_gets_workflow_flags(article):
    """Creating an article creates its workflow row, unlocked and not retired."""
    control = ArticleControl.objects.get(article=article)
    assert (control.edit_version, control.review_locked, control.retired_at) == (1, False, None)


def test_referenced_reference_cannot_be_deleted(article):
    """A reference cited by an article is protected."""
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        article.citations.first().reference.delete()


def test_word_count_of_a_body(article, professional):
    """A body reports its word count."""
    assert ArticleBody.objects.get(article=article, audience=professional).word_count == len(
        ArticleBody.objects.get(article=article, audience=professional).body.split()
    )
    assert ArticleBody(body="one two  three\nfour").word_count == 4


def test_reference_identifiers_are_normalised(db):
    """DOIs lose their resolver prefix and case; PMIDs their label; keys are lower case."""
    reference = make_reference(
        key="Chou2007", doi="https://doi.org/10.7326/0003-4819-147-7-200710020-00006", pmid="PMID: 17909209"
    )
    assert reference.citation_key == "chou2007"
    assert reference.doi == "10.7326/0003-4819-147-7-200710020-00006"
    assert reference.pmid == "17909209"
