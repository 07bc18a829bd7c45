"""The review workflow's write paths, one module per concern; import them from here.

Each service runs in one transaction: it locks the article's workflow row, then the request,
checks who may act, runs the django-fsm transition (whose conditions decide it), writes an
audit row, tells the articles app through one of its services, and queues its background
jobs (mail, scheduled publishing; ``reviews/tasks.py``) to be enqueued on commit, so nothing is
sent for a rolled-back change. No module here writes an articles table itself (import-linter
holds that line).
"""

from .assignment import eligible_members, review_assign, review_decline, review_reassign
from .board import (
    attestation_item_save,
    board_member_save,
    board_member_update_disclosure,
    specialty_save,
    topic_routing_save,
)
from .comments import passage_comment_add, passage_comment_resolve
from .common import active_assignment, board_member_for, display_name
from .schedule import assignments_remind, rereviews_open, review_open_rereview
from .workflow import (
    NO_CONFLICT,
    article_restore,
    article_retire,
    can_approve,
    checked_attestation,
    review_decide,
    review_publish_scheduled,
    review_resubmit,
    review_start,
    review_submit,
    review_withdraw,
)

__all__ = [
    "NO_CONFLICT",
    "active_assignment",
    "article_restore",
    "article_retire",
    "assignments_remind",
    "attestation_item_save",
    "board_member_for",
    "board_member_save",
    "board_member_update_disclosure",
    "can_approve",
    "checked_attestation",
    "display_name",
    "eligible_members",
    "passage_comment_add",
    "passage_comment_resolve",
    "rereviews_open",
    "review_assign",
    "review_decide",
    "review_decline",
    "review_open_rereview",
    "review_publish_scheduled",
    "review_reassign",
    "review_resubmit",
    "review_start",
    "review_submit",
    "review_withdraw",
    "specialty_save",
    "topic_routing_save",
]
