"""An article's content as one unit: rebuilt from a revision, fingerprinted, pinned with its editors."""

import pytest
import reversion
from reversion.models import Version

from articles.models import ArticleBody, RelatedQuestion
from articles.versioning import ArticleContent, pinned_revision
from tests import factories

pytestmark = pytest.mark.django_db


def _pin(article, user=None):
    with reversion.create_revision(manage_manually=True):
        if user is not None:
            reversion.set_user(user)
        reversion.add_to_revision(article)
    return Version.objects.get_for_object(article).first().revision


def test_from_revision_ignores_later_edits(article, professional):
    """What was pinned is rebuilt from the revision, whatever the live rows say now."""
    revision = _pin(article)
    pinned = ArticleContent.from_revision(revision, article.pk)
    ArticleBody.objects.filter(article=article, audience=professional).update(body="Rewritten.")
    assert pinned == ArticleContent.from_revision(revision.pk, article.pk)
    assert pinned.bodies[professional.pk] != "Rewritten."
    assert pinned.revision_id == revision.pk
    assert ArticleContent.from_article(article).bodies[professional.pk] == "Rewritten."


@pytest.mark.parametrize("change", ["question", "body", "citation", "related order"])
def test_fingerprint_changes_with_any_part_of_the_content(article, professional, change):
    """Question, bodies, citations and the order of related questions are all in the hash."""
    one, two = factories.make_article(), factories.make_article()
    RelatedQuestion.objects.create(article=article, related=one, order=0)
    RelatedQuestion.objects.create(article=article, related=two, order=1)
    before = ArticleContent.from_article(article).fingerprint()
    assert ArticleContent.from_article(article).fingerprint() == before
    if change == "question":
        article.question = "Another question?"
        article.save()
    elif change == "body":
        ArticleBody.objects.filter(article=article, audience=professional).update(body="Different.")
    elif change == "citation":
        article.citations.first().delete()
    else:
        RelatedQuestion.objects.filter(article=article, related=one).update(order=2)
    assert ArticleContent.from_article(article).fingerprint() != before


def test_pinned_revision_names_author_and_every_editor_up_to_the_pin(article, editor, other_editor, reviewer):
    """Separation of duties reads the author and the users of every earlier revision, in one query."""
    _pin(article, other_editor)
    revision = _pin(article, editor)
    _pin(article, reviewer)  # after the pin: not an editor of the pinned revision
    pinned = pinned_revision(article, revision.pk)
    assert pinned.editor_ids == {editor.pk, other_editor.pk, article.author_id}
    assert pinned.content == ArticleContent.from_revision(revision, article.pk)


def test_pinned_revision_is_one_query(article, editor, django_assert_num_queries):
    """Content and editors come from one read of the version table."""
    revision = _pin(article, editor)
    with django_assert_num_queries(1):
        pinned_revision(article, revision.pk)
