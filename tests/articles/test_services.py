"""The articles app's services: one per workflow event, and the content writes."""

import pytest
from django.core.exceptions import ObjectDoesNotExist

from articles.models import Article, ArticleControl, Publication
from articles.services import (
    ReviewFacts,
    ReviewStep,
    article_create,
    article_lock_for_review,
    article_publish,
    article_restore,
    article_retire,
    article_set_related,
    article_set_review_step,
    article_sync_citations,
    article_unlock,
)
from articles.signals import ContentLocked
from articles.versioning import ArticleContent
from tests import factories

pytestmark = pytest.mark.django_db

SUBMITTED = ReviewFacts(review_step=ReviewStep.SUBMITTED)


def _content(article: Article) -> ArticleContent:
    """Pin the article's current content, as a submission does."""
    import reversion
    from reversion.models import Version

    with reversion.create_revision(manage_manually=True):
        reversion.add_to_revision(article)
    revision = Version.objects.get_for_object(article).first().revision
    return ArticleContent.from_revision(revision, article.pk)


def _control(article: Article) -> ArticleControl:
    return ArticleControl.objects.get(article=article)


def test_lock_for_review_shows_a_never_approved_article_as_pending(article):
    """Submitting locks the content and makes a pending snapshot at the Submitted step."""
    article_lock_for_review(article=article, content=_content(article), facts=SUBMITTED)
    assert _control(article).review_locked
    publication = Publication.objects.get(article=article)
    assert publication.status == Publication.Status.PENDING
    assert publication.review_step == ReviewStep.SUBMITTED
    assert publication.bodies.count() == 2


def test_lock_for_review_keeps_an_approved_snapshot_live(article):
    """A new revision of an approved article is locked, but readers keep the approved one (invariant 5)."""
    approved = factories.make_publication(article)
    article.summary = "A changed summary."
    article.save()
    article_lock_for_review(article=article, content=_content(article), facts=SUBMITTED)
    publication = Publication.objects.get(article=article)
    assert (publication.status, publication.content_hash, publication.summary) == (
        Publication.Status.APPROVED,
        approved.content_hash,
        approved.summary,
    )


def test_review_step_moves_only_a_pending_snapshot(article):
    """Under review shows on a pending page; an approved page keeps its Approved tracker."""
    article_lock_for_review(article=article, content=_content(article), facts=SUBMITTED)
    article_set_review_step(article=article, step=ReviewStep.UNDER_REVIEW)
    assert Publication.objects.get(article=article).review_step == ReviewStep.UNDER_REVIEW
    other = factories.make_cited_article()
    factories.make_publication(other)
    article_set_review_step(article=other, step=ReviewStep.UNDER_REVIEW)
    assert Publication.objects.get(article=other).review_step == ReviewStep.APPROVED


def test_unlock_reopens_editing_and_removes_only_a_pending_snapshot(article):
    """Withdrawal or a change request: editable again, off the site if never approved."""
    article_lock_for_review(article=article, content=_content(article), facts=SUBMITTED)
    article_unlock(article=article)
    assert not _control(article).review_locked
    assert not Publication.objects.filter(article=article).exists()
    other = factories.make_cited_article()
    factories.make_publication(other)
    article_unlock(article=other)
    assert Publication.objects.filter(article=other, status=Publication.Status.APPROVED).exists()


def test_publish_freezes_the_pinned_content_with_its_review_facts(article, professional, patient):
    """Approval publishes the pinned revision (not later edits), unlocks, clears the re-review flag,
    and keeps the first approval date on a later re-approval."""
    content = _content(article)
    article.question = "Edited after pinning?"
    article.save()
    ArticleControl.objects.filter(article=article).update(review_locked=True, rereview_reason="Source changed")
    facts = ReviewFacts(review_step=ReviewStep.APPROVED, reviewers=[factories.REVIEWER])
    publication = article_publish(article=article, content=content, facts=facts)
    assert publication.question == content.question != "Edited after pinning?"
    assert publication.reviewers == [factories.REVIEWER]
    assert publication.revision_id == content.revision_id
    bodies = {b.audience_id: b for b in publication.bodies.all()}
    assert set(bodies) == {professional.pk, patient.pk}
    assert [r["number"] for r in bodies[professional.pk].references] == [1, 2]
    control = _control(article)
    assert (control.review_locked, control.rereview_reason) == (False, "")
    first = publication.first_approved_at
    again = article_publish(
        article=Article.objects.lock_for_workflow(article.pk), content=_content(article), facts=facts
    )
    assert again.first_approved_at == first
    assert again.question == "Edited after pinning?"


def test_retire_and_restore(article, client):
    """Retiring takes the page off the site (410); restoring brings the same snapshot back."""
    publication = factories.make_publication(article)
    article_retire(article=article)
    assert client.get(publication.get_absolute_url()).status_code == 410
    article_restore(article=article)
    assert client.get(publication.get_absolute_url()).status_code == 200


def test_lock_for_workflow_reads_article_control_and_publication_in_one_query(article, django_assert_num_queries):
    """The workflow's lock returns the article with its control row and publication, in one query."""
    factories.make_publication(article)
    with django_assert_num_queries(1):
        locked = Article.objects.lock_for_workflow(article.pk)
        assert locked.control.review_locked is False
        assert locked.publication.status == Publication.Status.APPROVED


def test_lock_for_workflow_knows_when_there_is_no_publication(article, django_assert_num_queries):
    """An unpublished article is read with the same one query, and no query to learn it has no snapshot."""
    with django_assert_num_queries(1):
        locked = Article.objects.lock_for_workflow(article.pk)
        with pytest.raises(ObjectDoesNotExist):
            locked.publication  # noqa: B018


def test_create_derives_citations_from_the_bodies(editor, topic, professional, patient):
    """The references are those the bodies cite by key, pmid: or doi:; unknown keys attach nothing."""
    a = factories.make_reference(key="alpha")
    b = factories.make_reference(key="beta", pmid="123456")
    c = factories.make_reference(key="gamma", doi="10.1000/Gamma")
    factories.make_reference(key="unused")
    article = article_create(
        actor=editor,
        question="Q?",
        slug="q",
        topic=topic,
        summary="S.",
        bodies={professional: "One [@alpha; @pmid:123456].", patient: "Two [@DOI:10.1000/gamma] [@ghost]."},
    )
    assert set(article.citations.values_list("reference_id", flat=True)) == {a.pk, b.pk, c.pk}
    assert article.author == editor


def test_sync_citations_drops_references_no_longer_cited(article, professional):
    """Removing the last marker of a reference removes the reference."""
    body = article.bodies.get(audience=professional)
    kept = article.citations.first().reference
    body.body = f"Only one now [@{kept.citation_key}]."
    body.save()
    article.bodies.exclude(pk=body.pk).delete()
    assert article_sync_citations(article=article) == [kept]
    assert list(article.citations.values_list("reference_id", flat=True)) == [kept.pk]


def test_set_related_keeps_order_skips_itself_and_respects_the_lock(article, editor):
    """Related questions are stored in the given order; a locked article refuses the change."""
    one, two = factories.make_article(), factories.make_article()
    article_set_related(article=article, actor=editor, related=[two, article, one])
    assert list(article.related_links.values_list("related_id", flat=True)) == [two.pk, one.pk]
    ArticleControl.objects.filter(article=article).update(review_locked=True)
    with pytest.raises(ContentLocked):
        article_set_related(article=article, actor=editor, related=[one])
    assert article.related_links.count() == 2
