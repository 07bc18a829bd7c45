"""The stored reference list: back-links to each citation, retraction notes kept current, old rows re-rendered."""

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Publication, PublishedBody
from articles.services import article_cite_despite_retraction
from references.models import Finding
from references.signals import reference_health_changed
from tests import factories

pytestmark = pytest.mark.django_db


def _retract(reference, *, kind=Finding.Kind.RETRACTED, notice="10.5555/retraction.1", when=date(2023, 5, 10)):
    finding = Finding.objects.create(
        reference=reference, kind=kind, source=Finding.Source.CROSSREF, notice_id=notice, notice_doi=notice,
        notice_date=when,
    )  # fmt: skip
    reference_health_changed.send(sender=type(reference), reference=reference, finding=finding)
    return finding


def _entry(html: str, number: int) -> str:
    match = re.search(rf'<li id="ref-{number}">(.*?)</li>', html, re.DOTALL)
    assert match, f"no #ref-{number}"
    return match.group(1)


@pytest.fixture
def approved(article, editor, reviewer):
    factories.approve(article, editor=editor, reviewer=reviewer)
    return article


def test_a_retraction_puts_a_note_beside_the_reference_without_a_query(client, approved, django_assert_max_num_queries):
    """After a retraction finding the page says "Retracted: date, notice" beside that entry only, in 3 queries."""
    reference = approved.citations.order_by("pk").first().reference
    url = f"/questions/{approved.slug}/"
    assert "Retracted" not in client.get(url).content.decode()
    _retract(reference)
    with django_assert_max_num_queries(3):
        html = client.get(url).content.decode()
    note = _entry(html, 1)
    assert '<strong>Retracted</strong>: <time datetime="2023-05-10">10 May 2023</time>' in note
    assert 'href="https://doi.org/10.5555/retraction.1"' in note
    assert "Retracted" not in _entry(html, 2)


def test_a_reinstatement_takes_the_note_away(client, approved):
    """A later notice that withdraws the retraction removes the note."""
    reference = approved.citations.order_by("pk").first().reference
    _retract(reference)
    _retract(reference, kind=Finding.Kind.REINSTATED, notice="10.5555/reinstated", when=date(2024, 1, 2))
    assert "Retracted" not in client.get(f"/questions/{approved.slug}/").content.decode()


def test_re_approval_keeps_the_note_unless_the_editor_says_why(client, approved, editor, reviewer):
    """Re-approved still citing the source: the note stays; re-approved with the editor's reason
    (which the board read): the note goes."""
    reference = approved.citations.order_by("pk").first().reference
    _retract(reference)
    url = f"/questions/{approved.slug}/"
    factories.approve(approved, editor=editor, reviewer=reviewer)
    assert "Retracted" in _entry(client.get(url).content.decode(), 1)
    article_cite_despite_retraction(
        article=approved, reference=reference, reason="We explain why it was withdrawn.", actor=editor
    )
    factories.approve(approved, editor=editor, reviewer=reviewer)
    assert "Retracted" not in client.get(url).content.decode()


def test_a_pending_answer_gets_the_note_too(client, article, editor):
    """A note is a fact about the source, shown on any public snapshot that cites it."""
    from reviews.services import review_submit

    review_submit(article=article, actor=editor)
    _retract(article.citations.order_by("pk").first().reference)
    assert "Retracted" in _entry(client.get(f"/questions/{article.slug}/").content.decode(), 1)


def test_each_back_link_returns_to_the_citation_followed(client, audiences, editor, reviewer):
    """A source cited twice lists two back-links, a and b, to its two markers; one cited once has one."""
    a, b = factories.make_reference(key="twice"), factories.make_reference(key="once")
    article = factories.make_article(
        author=editor, bodies={"professional": "First [@twice]. Then [@once]. Again [@twice]."}, references=[a, b]
    )
    factories.approve(article, editor=editor, reviewer=reviewer)
    html = client.get(f"/questions/{article.slug}/").content.decode()
    for marker in ("cite-c1", "cite-c2", "cite-c3"):
        assert f'<sup class="citation" id="{marker}">' in html
    first = _entry(html, 1)
    assert '<a href="#cite-c1">a</a>' in first
    assert '<a href="#cite-c3">b</a>' in first
    assert re.findall(r'href="#(cite-c\d+)"', _entry(html, 2)) == ["cite-c2"]


def test_rerender_publications_fills_rows_stored_before_the_list_was(client, approved):
    """Rows without stored list HTML, ids or back-links get them from their frozen entries and body."""
    reference = approved.citations.order_by("pk").first().reference
    Finding.objects.create(reference=reference, kind=Finding.Kind.RETRACTED, source=Finding.Source.CROSSREF)
    for body in PublishedBody.objects.all():
        old = [
            {k: v for k, v in e.items() if k not in ("id", "backlinks", "retraction", "cited_anyway")}
            for e in body.references
        ]
        PublishedBody.objects.filter(pk=body.pk).update(references=old, references_html="")
    call_command("rerender_publications", stdout=StringIO())
    body = PublishedBody.objects.get(
        publication=Publication.objects.get(article=approved), audience__slug="professional"
    )
    assert body.references[0]["id"] == reference.pk
    assert body.references[1]["backlinks"] == ["cite-c1"]
    html = client.get(f"/questions/{approved.slug}/").content.decode()
    assert 'id="references"' in html
    assert "Retracted" in _entry(html, 1)
