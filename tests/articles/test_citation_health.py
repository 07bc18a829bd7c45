"""What the articles do when a cited source changes health: re-review, the editor's warning, merges."""

import pytest

from articles.models import ArticleControl
from references.models import Finding
from references.signals import reference_health_changed, references_merged
from tests import factories

pytestmark = pytest.mark.django_db


def _finding(reference, kind=Finding.Kind.RETRACTED, source=Finding.Source.CROSSREF):
    return Finding.objects.create(
        reference=reference, kind=kind, source=source, notice_id=f"{kind}-1", notice_doi="10.5555/notice"
    )


def test_a_retraction_sends_approved_articles_citing_it_back_to_the_board(article, editor, reviewer):
    """An approved article citing a retracted source is flagged with the reason; a draft citing it is not."""
    factories.approve(article, editor=editor, reviewer=reviewer)
    reference = article.citations.first().reference
    draft = factories.make_cited_article(author=editor)
    draft.citations.create(reference=reference)
    finding = _finding(reference)
    reference_health_changed.send(sender=type(reference), reference=reference, finding=finding)
    reason = ArticleControl.objects.get(article=article).rereview_reason
    assert reference.citation_key in reason
    assert "Retracted" in reason
    assert ArticleControl.objects.get(article=draft).rereview_reason == ""


def test_a_moved_link_alone_does_not_send_an_article_back(article, editor, reviewer):
    """Only problems (retracted, corrected, concern, superseded, broken link) flag; a note does not."""
    factories.approve(article, editor=editor, reviewer=reviewer)
    reference = article.citations.first().reference
    note = _finding(reference, kind=Finding.Kind.COMMENT, source=Finding.Source.PUBMED)
    reference_health_changed.send(sender=type(reference), reference=reference, finding=note)
    assert ArticleControl.objects.get(article=article).rereview_reason == ""


def test_the_editor_sees_the_problem_next_to_the_citation(client, article, editor):
    """The article's References list names a retraction and a newer edition beside the citation."""
    reference = article.citations.first().reference
    _finding(reference)
    newer = factories.make_reference(key="newer2024", title="The new edition")
    reference.superseded_by = newer
    reference.save()
    client.force_login(editor)
    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "Retracted." in html
    assert "cite [@newer2024] instead" in html


def test_a_merge_moves_citations_to_the_survivor_as_a_revision(article, editor):
    """When two references are merged, articles citing the duplicate cite the survivor, in a new revision."""
    from reversion.models import Version

    duplicate = article.citations.first().reference
    survivor = factories.make_reference(key="survivor2020")
    duplicate.merged_into = survivor
    duplicate.alias_keys = duplicate.own_keys()
    duplicate.save()
    versions = Version.objects.get_for_object(article).count()
    references_merged.send(sender=type(duplicate), merged=duplicate, survivor=survivor)
    cited = set(article.citations.values_list("reference_id", flat=True))
    assert survivor.pk in cited
    assert duplicate.pk not in cited
    assert Version.objects.get_for_object(article).count() == versions + 1


def test_a_locked_article_keeps_its_rows_through_a_merge(submitted):
    """Content under review is never changed, not even by a merge in the library."""
    article = submitted.article
    duplicate = article.citations.first().reference
    survivor = factories.make_reference(key="survivor2021")
    duplicate.merged_into = survivor
    duplicate.save()
    references_merged.send(sender=type(duplicate), merged=duplicate, survivor=survivor)
    assert article.citations.filter(reference=duplicate).exists()
    submitted.refresh_from_db()
    assert submitted.state == "submitted"
