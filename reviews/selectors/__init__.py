"""Reads for the board's pages and the chief editor's report; import them from here."""

from .dashboard import DashboardQueues, dashboard_queues
from .reports import CSV_HEADER, TurnaroundReport, report_rows, turnaround_report
from .review_page import COMPARES, VIEWS, ReviewPage, default_compare, review_page
from .timeline import TimelineEvent, request_timeline

__all__ = [
    "COMPARES",
    "CSV_HEADER",
    "VIEWS",
    "DashboardQueues",
    "ReviewPage",
    "TimelineEvent",
    "TurnaroundReport",
    "dashboard_queues",
    "default_compare",
    "report_rows",
    "request_timeline",
    "review_page",
    "turnaround_report",
]
