"""The review app's models, one module per concern; import them from here (``from reviews.models import X``)."""

from .assignments import Assignment, PassageComment, anchor_key
from .board import AttestationItem, BoardMember, Specialty, TopicRouting
from .requests import (
    COMMENT_REQUIRED,
    OPEN_STATES,
    REVIEWING_STATES,
    SYSTEM_TRANSITIONS,
    AuditEntry,
    ReviewDecision,
    ReviewRequest,
    content_is_ready,
    has_quorum,
)

__all__ = [
    "COMMENT_REQUIRED",
    "OPEN_STATES",
    "REVIEWING_STATES",
    "SYSTEM_TRANSITIONS",
    "Assignment",
    "AttestationItem",
    "AuditEntry",
    "BoardMember",
    "PassageComment",
    "ReviewDecision",
    "ReviewRequest",
    "Specialty",
    "TopicRouting",
    "anchor_key",
    "content_is_ready",
    "has_quorum",
]
