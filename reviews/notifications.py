"""Mail to reviewers, chief editors and submitters: what each message says and who gets it.

Called only by the background jobs in ``reviews/tasks.py``, which the services queue on commit and
which retry when the mail server fails; each function returns how many messages it sent. A message
about an assignment that is no longer active when the job runs (decided, declined, replaced) is
not sent."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Assignment, BoardMember, PassageComment, ReviewDecision, ReviewRequest

CHIEF_EDITORS_GROUP = "Chief editors"


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _review_url(review_request: ReviewRequest) -> str:
    return _absolute(reverse("reviews:review_detail", args=[review_request.pk]))


def _send(subject: str, body: str, recipients: list[str]) -> int:
    recipients = [r for r in dict.fromkeys(recipients) if r]
    if not recipients:
        return 0
    return send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients])


def chief_editor_emails() -> list[str]:
    """The active chief editors with an address: who hears of overdue and unassigned work."""
    users = get_user_model().objects.filter(groups__name=CHIEF_EDITORS_GROUP, is_active=True).exclude(email="")
    return list(users.order_by("pk").values_list("email", flat=True).distinct())


def _active_assignment(assignment_id: int) -> Assignment | None:
    return (
        Assignment.objects.active()
        .select_related("request__article", "request__submitted_by", "reviewer__board_member")
        .filter(pk=assignment_id)
        .first()
    )


def notify_assignment(assignment_id: int) -> int:
    """Tell the member they were assigned: the question, why them, the due date, the link."""
    assignment = _active_assignment(assignment_id)
    if assignment is None or not assignment.reviewer.email:
        return 0
    review_request = assignment.request
    body = render_to_string(
        "reviews/email/assigned.txt",
        {"assignment": assignment, "review_request": review_request, "url": _review_url(review_request)},
    )
    return _send(_("Please review: %s") % review_request.article.question, body, [assignment.reviewer.email])


def notify_assigned_of_submission(request_id: int) -> int:
    """The old "board of submission" mail, now to the request's assigned reviewers only."""
    return sum(
        notify_assignment(pk)
        for pk in Assignment.objects.active().filter(request_id=request_id).values_list("pk", flat=True)
    )


def notify_reminder(assignment_id: int, kind: str) -> int:
    """Remind the member of a review due soon ("before") or today ("due")."""
    assignment = _active_assignment(assignment_id)
    if assignment is None or not assignment.reviewer.email:
        return 0
    review_request = assignment.request
    question = review_request.article.question
    subject = (_("Due today: %s") if kind == "due" else _("Reminder, due soon: %s")) % question
    body = render_to_string(
        "reviews/email/reminder.txt",
        {
            "assignment": assignment,
            "review_request": review_request,
            "due_today": kind == "due",
            "url": _review_url(review_request),
        },
    )
    return _send(subject, body, [assignment.reviewer.email])


def notify_chief_of_overdue(assignment_id: int) -> int:
    """Tell the chief editors an assignment is past its due date, with the link to reassign it."""
    assignment = _active_assignment(assignment_id)
    if assignment is None:
        return 0
    review_request = assignment.request
    body = render_to_string(
        "reviews/email/escalation.txt",
        {
            "assignment": assignment,
            "review_request": review_request,
            "days_late": (timezone.now() - assignment.due_at).days,
            "url": _absolute(reverse("admin:reviews_reviewrequest_change", args=[review_request.pk])),
        },
    )
    subject = _("Overdue review: %s") % review_request.article.question
    return _send(subject, body, chief_editor_emails())


def notify_chief_of_unassigned(request_id: int) -> int:
    """Tell the chief editors that routing found no eligible member for a request."""
    review_request = ReviewRequest.objects.select_related("article").get(pk=request_id)
    body = render_to_string(
        "reviews/email/unassigned.txt",
        {
            "review_request": review_request,
            "url": _absolute(reverse("admin:reviews_reviewrequest_change", args=[review_request.pk])),
        },
    )
    return _send(_("Needs a reviewer: %s") % review_request.article.question, body, chief_editor_emails())


def notify_submitter(request_id: int, decision_id: int) -> int:
    """Tell the submitter (for a re-review the schedule opened: the article's author) the board
    approved the revision or asked for changes, with the comment and the comments on passages."""
    review_request = ReviewRequest.objects.select_related("article__author", "submitted_by").get(pk=request_id)
    decision = ReviewDecision.objects.select_related("reviewer__board_member").get(pk=decision_id)
    recipient = review_request.submitted_by or review_request.article.author
    if not recipient.email:
        return 0
    approved = decision.outcome == ReviewDecision.Outcome.APPROVE
    subject = (_("Approved: %s") if approved else _("Changes requested: %s")) % review_request.article.question
    comments = PassageComment.objects.filter(
        request=review_request, author=decision.reviewer, sent_at=decision.created_at
    ).select_related("audience")
    body = render_to_string(
        "reviews/email/decided.txt",
        {
            "review_request": review_request,
            "decision": decision,
            "approved": approved,
            "comments": comments,
            "url": _absolute(reverse("admin:articles_article_change", args=[review_request.article_id])),
        },
    )
    return _send(subject, body, [recipient.email])


def notify_board_of_overdue(publications) -> int:
    """The board's reminder of articles past their review date (``review_overdue --notify``)."""
    recipients = [m.user.email for m in BoardMember.objects.active().select_related("user") if m.user.email]
    if not recipients or not publications:
        return 0
    body = render_to_string(
        "reviews/email/overdue.txt",
        {"publications": publications, "url": _absolute(reverse("reviews:dashboard"))},
    )
    subject = _("%d articles are due for re-review") % len(publications)
    return _send(subject, body, recipients)
