"""A retracted source may be newly cited only with a reason the board reads."""

import pytest

from articles.integrity import content_problems
from articles.services import article_cite_despite_retraction
from articles.versioning import ArticleContent
from references.models import Finding
from reviews.services import review_start, review_submit
from tests import factories

pytestmark = pytest.mark.django_db


def _retract(reference):
    Finding.objects.create(
        reference=reference, kind=Finding.Kind.RETRACTED, source=Finding.Source.CROSSREF, notice_id="r1"
    )


def test_newly_citing_a_retracted_source_blocks_submission(article, editor):
    """Submission is refused with a message naming the source and how to proceed."""
    reference = article.citations.first().reference
    _retract(reference)
    problems = [p for p in content_problems(ArticleContent.from_article(article)) if p.code == "retracted_citation"]
    assert len(problems) == 1
    assert reference.citation_key in problems[0].message
    with pytest.raises(Exception, match="retracted"):
        review_submit(article=article, actor=editor)


def test_the_editors_reason_lets_it_through_and_the_board_reads_it(client, article, editor, reviewer):
    """With a stated reason the article can be submitted; the review page shows the reason and the retraction."""
    reference = article.citations.first().reference
    _retract(reference)
    article_cite_despite_retraction(
        article=article, reference=reference, reason="We discuss why it was withdrawn.", actor=editor
    )
    review_request = review_submit(article=article, actor=editor)
    review_start(review_request=review_request, actor=reviewer)
    client.force_login(reviewer)
    html = client.get(f"/review/{review_request.pk}/").content.decode()
    assert "We discuss why it was withdrawn." in html
    assert "Cited although retracted" in html
    assert "Retracted" in html


def test_a_source_retracted_after_approval_does_not_block_its_re_review(article, editor, reviewer):
    """The approved version already cited it: the board judges it at re-review, the request can open."""
    factories.approve(article, editor=editor, reviewer=reviewer)
    _retract(article.citations.first().reference)
    assert not [p for p in content_problems(ArticleContent.from_article(article)) if p.code == "retracted_citation"]


def test_the_reason_is_part_of_the_reviewed_content(article, editor):
    """Saying why changes the revision's fingerprint, so it cannot slip in after submission; no reason, same hash."""
    before = ArticleContent.from_article(article).fingerprint()
    reference = article.citations.first().reference
    article_cite_despite_retraction(article=article, reference=reference, reason="Because.", actor=editor)
    assert ArticleContent.from_article(article).fingerprint() != before
    article_cite_despite_retraction(article=article, reference=reference, reason="", actor=editor)
    assert ArticleContent.from_article(article).fingerprint() == before


def test_only_editors_may_say_why_and_not_while_locked(article, editor, reviewer):
    """A board member cannot; under review the content is read-only; an uncited source is refused."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from articles.signals import ContentLocked

    reference = article.citations.first().reference
    with pytest.raises(PermissionDenied):
        article_cite_despite_retraction(article=article, reference=reference, reason="x", actor=reviewer)
    with pytest.raises(ValidationError):
        article_cite_despite_retraction(article=article, reference=factories.make_reference(), reason="x", actor=editor)
    review_submit(article=article, actor=editor)
    with pytest.raises(ContentLocked):
        article_cite_despite_retraction(article=article, reference=reference, reason="x", actor=editor)
    assert article.citations.get(reference=reference).override_reason == ""


def test_the_admin_form_saves_the_reason(client, article, editor):
    """The References list offers "Cite it anyway" for a retracted source, and the form saves the reason."""
    reference = article.citations.first().reference
    _retract(reference)
    client.force_login(editor)
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "Cite it anyway, because:" in page
    response = client.post(
        f"/admin/articles/article/{article.pk}/references/cite-anyway/",
        {"reference": reference.pk, "reason": "It is the study the retraction concerns."},
    )
    assert response.status_code == 302
    assert article.citations.get(reference=reference).override_reason == "It is the study the retraction concerns."
    bad = client.post(f"/admin/articles/article/{article.pk}/references/cite-anyway/", {"reference": "x"})
    assert bad.status_code == 400
