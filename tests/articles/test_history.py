"""The public version history: each approved version, newest first, with its reviewers and what changed."""

import importlib

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone

from articles.models import ArticleBody, Publication, PublishedVersion
from articles.services import article_sync_citations
from reviews.services import review_decide, review_open_rereview, review_start, review_submit
from tests.factories import approve, attestation, make_cited_article, make_publication, make_reference

pytestmark = pytest.mark.django_db


def _history(article) -> str:
    return f"/questions/{article.slug}/history/"


def _publish_update(article, *, editor, reviewer, body, summary="", substantive=False):
    """Edit the professional body, submit it with its summary and approve it through the workflow."""
    ArticleBody.objects.filter(article=article, audience__slug="professional").update(body=body)
    article_sync_citations(article=article)
    request = review_submit(article=article, actor=editor, change_summary=summary, substantive=substantive)
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="approve", **attestation())
    return request


@pytest.fixture
def two_versions(article, editor, reviewer, professional):
    """Approved once, then again a month later with a new section and reference (a substantive change)."""
    start = timezone.now() - timezone.timedelta(days=60)
    with time_machine.travel(start, tick=False):
        approve(article, editor=editor, reviewer=reviewer)
    keys = [c.reference.citation_key for c in article.citations.all()]
    new = make_reference(key="newtrial2026", title="A newer randomised trial")
    body = (
        f"## Causes\n\nMostly muscular [@{keys[0]}; @{keys[1]}].\n\n"
        f"## When to seek help\n\nNumbness in both legs needs care the same day [@{new.citation_key}]."
    )
    with time_machine.travel(start + timezone.timedelta(days=30), tick=False):
        _publish_update(
            article,
            editor=editor,
            reviewer=reviewer,
            body=body,
            summary="Added when to seek urgent help.",
            substantive=True,
        )
    return article


def test_history_lists_versions_newest_first_with_what_changed(client, two_versions):
    """The newest version comes first, marked current and substantive, with its summary, its
    reviewer as the snapshot records them, and the section and reference it added."""
    response = client.get(_history(two_versions))
    assert response.status_code == 200
    html = response.content.decode()
    newest, first = html.index("Added when to seek urgent help."), html.index("First published.")
    assert newest < first
    assert html.count('class="version panel"') == 2
    assert "(current version)" in html[:newest]
    assert "Changes medical advice." in html
    assert "Dr Amara Okafor" in html
    assert "MD, FACP" in html
    assert "When to seek help" in html
    assert "A newer randomised trial" in html
    assert "Page last reviewed" in html


def test_history_serves_no_old_text_and_the_article_links_to_it(client, two_versions):
    """The history shows no body, reference list or disclaimer; the article page links to it."""
    html = client.get(_history(two_versions)).content.decode()
    assert "Numbness in both legs" not in html
    assert 'id="references"' not in html
    assert 'id="disclaimer"' not in html
    assert "are not shown here" in html
    page = client.get(f"/questions/{two_versions.slug}/").content.decode()
    assert f'href="/questions/{two_versions.slug}/history/"' in page


def test_derived_changes_name_added_and_removed_sections(two_versions):
    """The newest row records the section and reference added and nothing removed."""
    newest = PublishedVersion.objects.filter(article=two_versions).newest_first().first()
    assert newest.changes["sections_added"] == ["When to seek help"]
    assert newest.changes["sections_removed"] == []
    assert [r["key"] for r in newest.changes["references_added"]] == ["newtrial2026"]
    assert newest.changes["unchanged"] is False


def test_a_rereview_without_changes_says_so(client, article, editor, reviewer):
    """A re-review the board approves unchanged adds a row saying the content did not change."""
    approve(article, editor=editor, reviewer=reviewer)
    request = review_open_rereview(article_id=article.pk, reason="Review date passed")
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="approve", **attestation())
    html = client.get(_history(article)).content.decode()
    assert "Reviewed again by the board; the content did not change." in html
    assert html.count('class="version panel"') == 2


def test_no_history_for_drafts_pending_and_unknown(client, article, editor, settings):
    """404 for an unknown slug, a draft, and a pending (never approved) article even when it is public."""
    settings.PUBLISH_PENDING_REVIEW = True
    assert client.get("/questions/nope/history/").status_code == 404
    assert client.get(_history(article)).status_code == 404
    review_submit(article=article, actor=editor)
    assert client.get(f"/questions/{article.slug}/").status_code == 200
    assert client.get(_history(article)).status_code == 404
    assert not PublishedVersion.objects.filter(article=article).exists()
    assert "Version history" not in client.get(f"/questions/{article.slug}/").content.decode()


def test_retired_article_history_is_gone(client, audiences):
    """A retired article's history answers 410, like its page."""
    publication = make_publication(make_cited_article())
    publication.article.control.retired_at = timezone.now()
    publication.article.control.save()
    assert client.get(_history(publication.article)).status_code == 410


def test_history_page_only_answers_get_and_head(client, two_versions):
    """A POST to the history is 405."""
    assert client.post(_history(two_versions)).status_code == 405


def test_history_query_count_does_not_grow_with_versions(
    client, article, editor, reviewer, professional, django_assert_max_num_queries
):
    """One version or six: the same small number of queries."""
    approve(article, editor=editor, reviewer=reviewer)
    with django_assert_max_num_queries(3) as captured:
        client.get(_history(article))
    keys = "; ".join(f"@{c.reference.citation_key}" for c in article.citations.all())
    for n in range(5):
        _publish_update(
            article, editor=editor, reviewer=reviewer, body=f"## Part {n}\n\nText [{keys}].", summary=f"Edit {n}."
        )
    with django_assert_max_num_queries(len(captured)):
        html = client.get(_history(article)).content.decode()
    assert html.count('class="version panel"') == 6


def test_migration_backfills_one_row_per_approved_publication(audiences):
    """The data migration gives each approved snapshot one row (first when never re-approved),
    and pending snapshots none."""
    approved = make_publication(make_cited_article())
    make_publication(make_cited_article(), status=Publication.Status.PENDING)
    PublishedVersion.objects.all().delete()
    migration = importlib.import_module("articles.migrations.0010_published_versions")
    migration.backfill(apps, None)
    row = PublishedVersion.objects.get()
    assert row.article_id == approved.article_id
    assert row.is_first
    assert row.reviewers == approved.reviewers
    assert row.outline["sections"] == ["Causes"]
    assert len(row.outline["references"]) == 2


def test_a_change_summary_cannot_run_script(client, article, editor, reviewer, professional):
    """What the editor typed is shown as text, line breaks kept, markup escaped."""
    approve(article, editor=editor, reviewer=reviewer)
    keys = "; ".join(f"@{c.reference.citation_key}" for c in article.citations.all())
    _publish_update(
        article,
        editor=editor,
        reviewer=reviewer,
        body=f"## Causes\n\nRevised [{keys}].",
        summary='<script>alert("x")</script>\nSecond line',
    )
    html = client.get(_history(article)).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>Second line" in html
