"""What every review service shares: the locks, the audit row, who is who."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.selectors import article_for_workflow
from reviews.models import Assignment, AuditEntry, BoardMember, ReviewRequest


def audit(
    *,
    review_request: ReviewRequest,
    actor,
    transition: str,
    from_state: str,
    comment: str = "",
    details: dict | None = None,
) -> AuditEntry:
    """Append one row to the audit trail for ``review_request`` (``actor`` None: a background job)."""
    return AuditEntry.objects.create(
        article_id=review_request.article_id,
        request=review_request,
        actor=actor,
        transition=transition,
        from_state=from_state,
        to_state=review_request.state,
        revision_id=review_request.revision_id,
        content_hash=review_request.content_hash,
        comment=comment,
        details=details or {},
    )


def audit_article(*, article, actor, action: str, comment: str = "") -> AuditEntry:
    return AuditEntry.objects.create(
        article=article, actor=actor, transition=action, from_state="", to_state=action, comment=comment
    )


def require_editor(actor) -> None:
    if not actor.has_perm("articles.change_article"):
        raise PermissionDenied(_("Only editors may submit or withdraw articles."))


def board_member_for(actor) -> BoardMember:
    """The actor's board membership; PermissionDenied for anyone else."""
    member = BoardMember.objects.membership_of(actor)
    if member is None:
        raise PermissionDenied(_("Only members of the Medical Advisory Board may review articles."))
    return member


def lock_article(article_id: int):
    return article_for_workflow(article_id)


def lock_request(review_request: ReviewRequest, *, article) -> ReviewRequest:
    locked = ReviewRequest.objects.select_for_update().get(pk=review_request.pk)
    locked.article = article
    return locked


NOT_ASSIGNED = gettext_lazy(
    "You are not assigned to review this request. The chief editor assigns reviewers; "
    "ask them if you should take it on."
)


def active_assignment(review_request: ReviewRequest, user) -> Assignment:
    """``user``'s active assignment on the request; PermissionDenied when they hold none."""
    assignment = Assignment.objects.active().filter(request=review_request, reviewer=user).first()
    if assignment is None:
        raise PermissionDenied(str(NOT_ASSIGNED))
    return assignment


def display_name(user) -> str:
    """How the board's pages and mail name a person: their board name, full name or username."""
    if user is None:
        return _("the review schedule")
    try:
        return user.board_member.display_name
    except BoardMember.DoesNotExist:
        return user.get_full_name() or user.get_username()
