"""The board's pages, the chief editor's report and the public advisory-board page."""

from .board import (
    advisory_board,
    dashboard,
    disclosure,
    review_approve_view,
    review_decide_view,
    review_decline_view,
    review_detail,
    review_preview,
    review_start_view,
)
from .comments import comment_add, comment_new
from .reports import turnaround, turnaround_csv

__all__ = [
    "advisory_board",
    "comment_add",
    "comment_new",
    "dashboard",
    "disclosure",
    "review_approve_view",
    "review_decide_view",
    "review_decline_view",
    "review_detail",
    "review_preview",
    "review_start_view",
    "turnaround",
    "turnaround_csv",
]
