"""The chief editor's report: how long reviews take, per reviewer and per topic, and what is overdue.

Turnaround is the time from a revision's submission (or resubmission, or the schedule opening a
re-review) to a board member's decision on it, counted for decisions made in the period. "Open"
and "overdue" are as of now: active assignments, and those past their due date.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from reviews.models import Assignment, AuditEntry, ReviewDecision, ReviewRequest
from reviews.services import display_name

SUBMISSIONS = ("submit", "resubmit", "rereview")


@dataclass
class TurnaroundRow:
    scope: str  # "reviewer" | "topic"
    name: str
    days: list[float] = field(default_factory=list)
    declined: int = 0
    open: int = 0
    overdue: int = 0

    @property
    def decisions(self) -> int:
        return len(self.days)

    @property
    def median_days(self) -> float | None:
        return round(statistics.median(self.days), 1) if self.days else None

    @property
    def mean_days(self) -> float | None:
        return round(statistics.fmean(self.days), 1) if self.days else None


@dataclass
class TurnaroundReport:
    since: object
    days: int
    reviewers: list[TurnaroundRow]
    topics: list[TurnaroundRow]
    overdue: list[Assignment]


def turnaround_report(*, days: int = 180) -> TurnaroundReport:
    """Decisions of the last ``days`` days and the board's open work now, in five queries."""
    now = timezone.now()
    since = now - timedelta(days=days)
    decisions = list(
        ReviewDecision.objects.filter(created_at__gte=since).select_related(
            "reviewer__board_member", "request__article__topic"
        )
    )
    submitted_at = {
        (e.request_id, e.revision_id): e.at
        for e in AuditEntry.objects.filter(
            request_id__in={d.request_id for d in decisions}, transition__in=SUBMISSIONS
        ).order_by("at")
    }
    reviewers: dict[int, TurnaroundRow] = {}
    topics: dict[int, TurnaroundRow] = {}

    def reviewer_row(user) -> TurnaroundRow:
        return reviewers.setdefault(user.pk, TurnaroundRow("reviewer", display_name(user)))

    def topic_row(topic) -> TurnaroundRow:
        return topics.setdefault(topic.pk, TurnaroundRow("topic", topic.name))

    for d in decisions:
        start = submitted_at.get((d.request_id, d.revision_id))
        if start is None:
            continue
        took = (d.created_at - start).total_seconds() / 86400
        reviewer_row(d.reviewer).days.append(took)
        topic_row(d.request.article.topic).days.append(took)
    for a in Assignment.objects.filter(state=Assignment.State.DECLINED, closed_at__gte=since).select_related(
        "reviewer__board_member"
    ):
        reviewer_row(a.reviewer).declined += 1
    active = list(
        Assignment.objects.active()
        .filter(request__state__in=("submitted", "under_review"))
        .with_listing_data()
        .order_by("due_at")
    )
    overdue_requests: dict[int, set[int]] = defaultdict(set)
    for a in active:
        row = reviewer_row(a.reviewer)
        row.open += 1
        if a.due_at < now:
            row.overdue += 1
            overdue_requests[a.request.article.topic_id].add(a.request_id)
    for r in ReviewRequest.objects.in_review().select_related("article__topic"):
        topic_row(r.article.topic).open += 1
    for row_topic_id, request_ids in overdue_requests.items():
        if row_topic_id in topics:
            topics[row_topic_id].overdue = len(request_ids)
    return TurnaroundReport(
        since=since,
        days=days,
        reviewers=sorted(reviewers.values(), key=lambda r: r.name.lower()),
        topics=sorted(topics.values(), key=lambda r: r.name.lower()),
        overdue=[a for a in active if a.due_at < now],
    )


CSV_HEADER = [
    "scope",
    "name",
    "decisions",
    "median_days_to_decision",
    "mean_days_to_decision",
    "declined",
    "open",
    "overdue",
]


def report_rows(report: TurnaroundReport) -> list[list]:
    """The report as CSV rows (after ``CSV_HEADER``): every reviewer, then every topic."""
    return [
        [
            row.scope,
            row.name,
            row.decisions,
            "" if row.median_days is None else row.median_days,
            "" if row.mean_days is None else row.mean_days,
            row.declined,
            row.open,
            row.overdue,
        ]
        for row in [*report.reviewers, *report.topics]
    ]
