"""The review page: the two comparisons (since the approved version, since my change request),
inline and side by side, checkable citations, and the request's timeline."""

import pytest

from articles.models import ArticleBody
from references.models import Reference
from reviews.services import review_decide, review_resubmit, review_start
from tests.factories import approve, make_reference

pytestmark = pytest.mark.django_db


def _body(article, audience) -> str:
    return ArticleBody.objects.get(article=article, audience=audience).body


def _set_body(article, audience, text):
    ArticleBody.objects.filter(article=article, audience=audience).update(body=text)


def _changes(html: str) -> str:
    return html[html.index('id="changes"') : html.index('id="submitted"')]


@pytest.fixture
def resubmitted(article, editor, reviewer, professional):
    """A new article: reviewer asked for changes on revision 1; the editor changed one sentence since,
    after a first edit that the reviewer already saw."""
    from reviews.services import review_submit

    keys = [c.reference.citation_key for c in article.citations.all()]
    _set_body(article, professional, f"## Causes\n\nMostly muscular [@{keys[0]}; @{keys[1]}].\n\nRest helps.")
    request = review_submit(article=article, actor=editor)
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="request_changes", comment="Say when to worry.")
    _set_body(
        article,
        professional,
        f"## Causes\n\nMostly muscular [@{keys[0]}; @{keys[1]}].\n\nRest helps.\n\n::: red-flags\n- Fever.\n:::",
    )
    review_resubmit(review_request=request, actor=editor)
    request.refresh_from_db()
    return request


def test_after_a_resubmission_the_reviewer_sees_only_what_changed_since_their_request(client, resubmitted, reviewer):
    """ "Since my change request" is the default: the new red flags are marked, the untouched text is not."""
    client.force_login(reviewer)
    html = client.get(f"/review/{resubmitted.pk}/").content.decode()
    changes = _changes(html)
    assert "Your change request of" in changes
    assert '<section class="callout callout-red-flags diff-added">' in changes
    assert "<ins>Fever.</ins>" in changes
    assert "<ins>Mostly" not in changes
    assert "Rest helps." in changes  # shown as context, unmarked
    assert "<ins>Rest" not in changes


def test_since_the_approved_version_a_new_article_has_nothing_to_compare(client, resubmitted, reviewer):
    """The other tab, for a never-approved article, says everything is new instead of marking it all."""
    client.force_login(reviewer)
    html = client.get(f"/review/{resubmitted.pk}/?compare=approved").content.decode()
    changes = _changes(html)
    assert "Never approved before: everything in this revision is new." in changes
    assert "<ins>" not in changes
    assert 'href="?compare=mine&amp;view=inline#changes"' in changes


def test_since_the_approved_version_of_an_approved_article(client, article, editor, reviewer, professional):
    """After approval, an edit is compared with what readers see; unchanged text is not marked."""
    approve(article, editor=editor, reviewer=reviewer)
    body = _body(article, professional)
    _set_body(article, professional, body.replace("Mostly muscular", "Mostly muscular strain"))
    from reviews.services import review_submit

    request = review_submit(article=article, actor=editor, change_summary="Reworded.")
    client.force_login(reviewer)
    html = client.get(f"/review/{request.pk}/").content.decode()
    changes = _changes(html)
    assert "The approved version readers see now" in changes
    assert "muscular <ins>strain</ins>" in changes
    assert 'class="tab tab-disabled">Since my change request' in changes


def test_side_by_side_view(client, resubmitted, reviewer):
    """?view=side shows before and after columns, the red flags only after."""
    client.force_login(reviewer)
    html = client.get(f"/review/{resubmitted.pk}/?compare=mine&view=side").content.decode()
    changes = _changes(html)
    assert 'class="diff-side"' in changes
    row = changes[changes.index("diff-row is-changed") :]
    before, after = row.split('class="diff-cell diff-after"', 1)
    assert "Fever" not in before
    assert "Fever" in after.split("diff-row")[0]


def test_whitespace_only_resubmission_shows_no_change(client, article, editor, reviewer, professional):
    """Reflowing the text after a change request shows "No changes"."""
    from reviews.services import review_submit

    request = review_submit(article=article, actor=editor)
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="request_changes", comment="Check it.")
    _set_body(
        article, professional, _body(article, professional).replace("Mostly muscular", "Mostly\n   muscular") + "\n\n"
    )
    review_resubmit(review_request=request, actor=editor)
    client.force_login(reviewer)
    changes = _changes(client.get(f"/review/{request.pk}/").content.decode())
    assert "No changes: the text, references and related questions are the same." in changes


def test_reference_changes_since_my_request_are_listed_with_their_numbers(
    client, article, editor, reviewer, professional
):
    """A reference added, and one whose title changed in the library since the request, each with its number."""
    from reviews.services import review_submit

    first, second = [c.reference for c in article.citations.order_by("id")]
    request = review_submit(article=article, actor=editor)
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="request_changes", comment="Cite the guideline.")
    Reference.objects.filter(pk=second.pk).update(title="A corrected title")
    guideline = make_reference(key="nice2024", title="Low back pain guideline", type=Reference.Type.PRACTICE_GUIDELINE)
    article.citations.create(reference=guideline)
    _set_body(
        article,
        professional,
        f"## Causes\n\nMostly muscular [@{first.citation_key}; @{second.citation_key}; @nice2024].",
    )
    review_resubmit(review_request=request, actor=editor)
    client.force_login(reviewer)
    changes = _changes(client.get(f"/review/{request.pk}/").content.decode())
    assert "<strong>Added</strong>\n        [3]" in changes
    assert "Low back pain guideline" in changes
    assert "<strong>Changed</strong>\n        [2]" in changes
    assert "<ins>A corrected title</ins>" in changes


def test_citations_are_checkable_on_the_page(client, submitted, reviewer):
    """Each reference: its type, the full AMA text, DOI and PubMed links; each number names its reference."""
    reference = submitted.article.citations.order_by("id").first().reference
    Reference.objects.filter(pk=reference.pk).update(doi="10.1000/xyz123", pmid="12345678")
    client.force_login(reviewer)
    html = client.get(f"/review/{submitted.pk}/").content.decode()
    submitted_part = html[html.index('id="submitted"') :]
    assert '<li id="professional-ref-1"' in submitted_part
    assert '<span class="ref-type">Research</span>' in submitted_part
    assert "<i>J Example Med</i>" in submitted_part  # the AMA form
    assert 'href="https://doi.org/10.1000/xyz123"' in submitted_part
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/12345678/"' in submitted_part
    assert 'href="#professional-ref-1"' in submitted_part
    assert 'aria-describedby="professional-ref-1-text"' in submitted_part
    assert 'id="professional-ref-1-text"' in submitted_part
    assert 'title="1. Smith JA, Doe J.' in submitted_part
    assert "js/review-citations.js" in html
    unopened = html[html.index('id="unopened"') :]
    for citation in submitted.article.citations.all():
        assert f"[@{citation.reference.citation_key}]" in unopened


def test_the_timeline_lists_each_event(client, resubmitted, reviewer, editor, chief):
    """Submitted, assigned, started, changes requested, resubmitted, returned: in order, with who."""
    client.force_login(reviewer)
    html = client.get(f"/review/{resubmitted.pk}/").content.decode()
    timeline = html[html.index('id="timeline"') :]
    labels = ["Submitted", "Assigned", "Review started", "Changes requested", "Resubmitted with changes", "Assigned"]
    positions, start = [], 0
    for label in labels:
        start = timeline.index(f"<strong>{label}</strong>", start) + 1
        positions.append(start)
    assert positions == sorted(positions)
    assert "Returned to the reviewer who requested changes" in timeline
    client.force_login(chief)
    admin = client.get(f"/admin/reviews/reviewrequest/{resubmitted.pk}/change/").content.decode()
    assert "Resubmitted with changes" in admin
    assert "Returned to the reviewer who requested changes" in admin


@pytest.mark.parametrize("query", ["compare=bogus", "view=wide", "compare=approved&view=x"])
def test_unknown_tabs_are_400(client, submitted, reviewer, query):
    """A comparison or view that does not exist answers 400 with a way back."""
    client.force_login(reviewer)
    assert client.get(f"/review/{submitted.pk}/?{query}").status_code == 400


def test_review_page_queries_do_not_grow_with_comments(client, resubmitted, reviewer, professional):
    """The page with a diff, comments and the timeline reads a fixed number of queries (at most 20)."""
    # 19 today: the 16 of a plain review page, plus the earlier revision (its reference metadata is
    # kept on the change request), and the reference library and audiences the diff renders with.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reviews.services import passage_comment_add

    client.force_login(reviewer)
    counts = []
    for _round in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/review/{resubmitted.pk}/?view=side").status_code == 200
        counts.append(len(queries))
        for n in range(5):
            passage_comment_add(
                review_request=resubmitted,
                author=reviewer,
                audience=professional,
                revision_id=resubmitted.revision_id,
                body=f"Comment {n}.",
                quote="Rest helps.",
            )
    assert counts[1] == counts[0]
    assert counts[0] <= 20
