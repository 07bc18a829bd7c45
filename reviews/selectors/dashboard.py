"""The board's dashboard: the queues, each one query (plus one for the reviewers they name)."""

from dataclasses import dataclass

from django.db.models import Prefetch

from articles.selectors import flagged_for_rereview, outdated_translations, overdue_publications
from reviews.models import Assignment, ReviewRequest


def _with_assignees(requests):
    """Requests with their active assignments (``active_assignments``) and the reviewers' names."""
    return requests.prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.active().select_related("reviewer__board_member"),
            to_attr="active_assignments",
        )
    )


@dataclass
class DashboardQueues:
    assigned: list[Assignment]  # the member's own active assignments, soonest due first
    others: list[ReviewRequest]  # requests in review that are assigned to other members
    changes_requested: list[ReviewRequest]
    recently_approved: list[ReviewRequest]
    due: list  # publications past their review date, each with ``open_request`` (or None)
    flagged: list  # articles a changed source sent back, each with ``open_request`` (or None)
    outdated: list  # public translations of an older version of their source answer


def dashboard_queues(user, *, limit: int = 50) -> DashboardQueues:
    """The board's queues for ``user``: "Assigned to me" first, then the rest of the board's work."""
    requests = ReviewRequest.objects.with_listing_data()
    due, flagged = overdue_publications(limit=limit), flagged_for_rereview(limit=limit)
    article_ids = {p.article_id for p in due} | {c.article_id for c in flagged}
    due_requests = (
        {r.article_id: r for r in _with_assignees(ReviewRequest.objects.open().filter(article_id__in=article_ids))}
        if article_ids
        else {}
    )
    for item in [*due, *flagged]:
        item.open_request = due_requests.get(item.article_id)  # the re-review, and who is on it
    return DashboardQueues(
        assigned=list(
            Assignment.objects.active()
            .filter(reviewer=user, request__state__in=("submitted", "under_review"))
            .with_listing_data()
            .order_by("due_at", "pk")[:limit]
        ),
        others=list(_with_assignees(requests.not_assigned_to(user))[:limit]),
        changes_requested=list(requests.changes_requested()[:limit]),
        recently_approved=list(requests.recently_approved()[:limit]),
        due=due,
        flagged=flagged,
        outdated=outdated_translations(limit=limit),
    )
