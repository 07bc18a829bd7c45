"""Mail to the board and to submitters: what each message says and who gets it.

Called only by the background jobs in ``reviews/tasks.py``, which the services queue on commit and
which retry when the mail server fails; each function returns how many messages it sent."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import BoardMember, ReviewDecision, ReviewRequest


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def notify_board_of_submission(request_id: int) -> int:
    """Tell every active board member (except the submitter) that a revision awaits review."""
    review_request = ReviewRequest.objects.select_related("article", "submitted_by").get(pk=request_id)
    recipients = [
        m.user.email
        for m in BoardMember.objects.active().select_related("user").exclude(user=review_request.submitted_by)
        if m.user.email
    ]
    if not recipients:
        return 0
    subject = _("Awaiting review: %s") % review_request.article.question
    body = render_to_string(
        "reviews/email/submitted.txt",
        {
            "review_request": review_request,
            "url": _absolute(reverse("reviews:review_detail", args=[review_request.pk])),
        },
    )
    return send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients])


def notify_submitter(request_id: int, decision_id: int) -> int:
    """Tell the submitter the board approved the revision or asked for changes, with the comment."""
    review_request = ReviewRequest.objects.select_related("article", "submitted_by").get(pk=request_id)
    decision = ReviewDecision.objects.select_related("reviewer__board_member").get(pk=decision_id)
    if not review_request.submitted_by.email:
        return 0
    approved = decision.outcome == ReviewDecision.Outcome.APPROVE
    subject = (_("Approved: %s") if approved else _("Changes requested: %s")) % review_request.article.question
    body = render_to_string(
        "reviews/email/decided.txt",
        {
            "review_request": review_request,
            "decision": decision,
            "approved": approved,
            "url": _absolute(reverse("admin:articles_article_change", args=[review_request.article_id])),
        },
    )
    return send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [review_request.submitted_by.email])])


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
    return send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients])
