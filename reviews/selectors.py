"""Reads for the board's pages."""

from dataclasses import dataclass

from django.db.models import QuerySet
from reversion.models import Revision

from articles.diff import ContentDiff, diff_content
from articles.rendering import RenderedBody, build_resolver, render_markdown
from articles.selectors import approved_publication, figure_resolver_for, flagged_for_rereview, overdue_publications
from articles.versioning import ArticleContent
from personalization.models import Audience
from references.models import Reference

from .models import ReviewRequest


@dataclass
class DashboardQueues:
    awaiting: list[ReviewRequest]
    mine: list[ReviewRequest]
    others: list[ReviewRequest]
    changes_requested: list[ReviewRequest]
    recently_approved: list[ReviewRequest]
    due: list
    flagged: list


def dashboard_queues(user, *, limit: int = 50) -> DashboardQueues:
    """The board's queues, each a single query."""
    requests = ReviewRequest.objects.with_listing_data()
    return DashboardQueues(
        awaiting=list(requests.awaiting_review()[:limit]),
        mine=list(requests.in_review_by(user)[:limit]),
        others=list(requests.in_review_by_others(user)[:limit]),
        changes_requested=list(requests.changes_requested()[:limit]),
        recently_approved=list(requests.recently_approved()[:limit]),
        due=overdue_publications(limit=limit),
        flagged=flagged_for_rereview(limit=limit),
    )


@dataclass
class RenderedVersion:
    audience: Audience
    body: RenderedBody


@dataclass
class ReviewPage:
    review_request: ReviewRequest
    content: ArticleContent
    versions: list[RenderedVersion]
    diff: ContentDiff
    compared_to: object | None  # the approved Publication, if any
    decisions: QuerySet


def review_page(review_request: ReviewRequest) -> ReviewPage:
    """Exactly what was submitted (every audience, from the pinned revision) and its diff
    against the revision that is live as approved, if any."""
    content = review_request.pinned_content()
    resolve = build_resolver(Reference.objects.filter(pk__in=content.reference_ids))
    audiences = Audience.objects.in_bulk(list(content.bodies))
    figures = figure_resolver_for(content.bodies.values())
    versions = [
        RenderedVersion(audience=audiences[pk], body=render_markdown(text, resolve, figures=figures))
        for pk, text in sorted(content.bodies.items(), key=lambda kv: (audiences[kv[0]].order, audiences[kv[0]].label))
    ]
    approved = approved_publication(review_request.article_id)
    old = None
    if approved is not None:
        revision = Revision.objects.filter(pk=approved.revision_id).first()
        old = ArticleContent.from_revision(revision, review_request.article_id) if revision else None
    return ReviewPage(
        review_request=review_request,
        content=content,
        versions=versions,
        diff=diff_content(old, content),
        compared_to=approved,
        decisions=review_request.decisions.select_related("reviewer__board_member").order_by("created_at"),
    )
