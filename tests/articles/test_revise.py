"""``article_revise``: a scripted body edit, saved as one revision, refused while under review."""

import pytest
from reversion.models import Version

from articles.services import article_revise
from articles.signals import ContentLocked
from tests.factories import make_reference

pytestmark = pytest.mark.django_db


def test_revise_saves_a_revision_and_follows_the_citations(article, editor, professional):
    """The new text is saved as a revision with its comment, and the citations follow its keys."""
    before = Version.objects.get_for_object(article).count()
    patient_only = set(article.citations.values_list("reference_id", flat=True))
    new = make_reference(key="fresh2026")
    article_revise(article=article, actor=editor, bodies={professional: "Only this [@fresh2026]."}, comment="Edit")
    assert article.bodies.get(audience=professional).body.strip() == "Only this [@fresh2026]."
    cited = set(article.citations.values_list("reference_id", flat=True))
    assert new.pk in cited
    assert len(cited & patient_only) == 1  # the reference only the old professional text cited is gone
    versions = Version.objects.get_for_object(article)
    assert versions.count() == before + 1
    assert versions.first().revision.comment == "Edit"


def test_revise_is_refused_while_under_review(submitted, editor, professional):
    """A submitted article is read-only: ContentLocked, the text unchanged."""
    article = submitted.article
    text = article.bodies.get(audience=professional).body
    with pytest.raises(ContentLocked):
        article_revise(article=article, actor=editor, bodies={professional: "Changed."})
    assert article.bodies.get(audience=professional).body == text
