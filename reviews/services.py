"""The review workflow's write paths. Every state change of a ReviewRequest happens here.

Each service runs in one transaction: it locks the rows it changes (the article, then
the request), checks who may act, runs the django-fsm transition, writes an audit row
and queues mail with ``transaction.on_commit`` so nothing is sent for a rolled-back change.
"""

from datetime import timedelta

import reversion
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed
from reversion.models import Revision, Version

from articles.models import Article, ArticleControl, Publication
from articles.services import (
    ReviewFacts,
    article_publish,
    article_set_review_lock,
    publication_set_review_state,
    publication_withdraw_pending,
)
from articles.versioning import ArticleContent, revision_editor_ids

from . import notifications
from .models import OPEN_STATES, AuditEntry, BoardMember, ReviewDecision, ReviewRequest

State = ReviewRequest.State


def _audit(
    *, request: ReviewRequest | None, article: Article, actor, transition: str, from_state: str, comment: str = ""
) -> AuditEntry:
    return AuditEntry.objects.create(
        article=article,
        request=request,
        actor=actor,
        transition=transition,
        from_state=from_state,
        to_state=request.state if request else transition,
        revision_id=request.revision_id if request else None,
        content_hash=request.content_hash if request else "",
        comment=comment,
    )


def _require_editor(actor) -> None:
    if not actor.has_perm("articles.change_article"):
        raise PermissionDenied(_("Only editors may submit or withdraw articles."))


def board_member_for(actor) -> BoardMember:
    """The actor's active board membership; PermissionDenied for anyone else."""
    member = BoardMember.objects.active().filter(user_id=actor.pk).first()
    if member is None or not actor.has_perm("reviews.decide_reviewrequest"):
        raise PermissionDenied(_("Only members of the Medical Advisory Board may review articles."))
    return member


def _lock_article(article: Article) -> Article:
    """Lock the article's workflow row; every service that changes an article's state goes through it."""
    ArticleControl.objects.select_for_update().get(article_id=article.pk)
    return Article.objects.select_related("control").get(pk=article.pk)


def _lock_request(review_request: ReviewRequest) -> ReviewRequest:
    return ReviewRequest.objects.select_for_update().select_related("article").get(pk=review_request.pk)


def _pin_revision(*, article: Article, actor, comment: str) -> Revision:
    """Save the article's current content as a new reversion revision: the one the board will read."""
    with reversion.create_revision(manage_manually=True):
        reversion.set_user(actor)
        reversion.set_comment(comment)
        reversion.add_to_revision(article)
    return Version.objects.get_for_object(article).select_related("revision").first().revision


def _pin_and_check(request: ReviewRequest, *, actor, comment: str) -> None:
    request.revision = _pin_revision(article=request.article, actor=actor, comment=comment)
    request.content_hash = ArticleContent.from_revision(request.revision, request.article_id).fingerprint()
    problems = request.content_problems()
    if problems:
        raise ValidationError([str(p) for p in problems])


def _never_approved(article: Article) -> bool:
    return not Publication.objects.filter(article=article, status=Publication.Status.APPROVED).exists()


def _publish_pending(request: ReviewRequest) -> None:
    if _never_approved(request.article):
        article_publish(
            article=request.article,
            revision=request.revision,
            status=Publication.Status.PENDING,
            facts=ReviewFacts(review_state=request.state, submitted_at=request.submitted_at),
        )


def _send_to_board(request: ReviewRequest, *, actor, transition: str, from_state: str, comment: str) -> None:
    """After submit/resubmit: save, audit, lock the content, show it as pending, mail the board on commit."""
    request.save()
    _audit(
        request=request,
        article=request.article,
        actor=actor,
        transition=transition,
        from_state=from_state,
        comment=comment,
    )
    article_set_review_lock(article=request.article, locked=True)
    _publish_pending(request)
    transaction.on_commit(lambda: notifications.notify_board_of_submission(request.pk))


def review_submit(*, article: Article, actor: AbstractBaseUser, comment: str = "") -> ReviewRequest:
    """An editor submits the article's current content; pins it as a new revision.

    Refused while a request is open, while the content has problems, or for a retired article.
    Locks the article row. Mails the board after commit.
    """
    _require_editor(actor)
    with transaction.atomic():
        article = _lock_article(article)
        if article.is_retired:
            raise ValidationError(_("A retired article cannot be submitted for review."))
        if ReviewRequest.objects.filter(article=article, state__in=OPEN_STATES).exists():
            raise ValidationError(_("This article already has an open review request."))
        request = ReviewRequest(article=article, submitted_by=actor)
        _pin_and_check(request, actor=actor, comment=_("Submitted for review"))
        request.submit()
        _send_to_board(request, actor=actor, transition="submit", from_state=State.NEW, comment=comment)
    return request


def review_resubmit(*, review_request: ReviewRequest, actor: AbstractBaseUser, comment: str = "") -> ReviewRequest:
    """An editor answers a change request with the article's current content, pinned anew."""
    _require_editor(actor)
    with transaction.atomic():
        article = _lock_article(review_request.article)
        request = _lock_request(review_request)
        if request.state != State.CHANGES_REQUESTED:
            raise TransitionNotAllowed(_("Only a request with changes requested can be resubmitted."))
        request.article = article
        _pin_and_check(request, actor=actor, comment=_("Resubmitted for review"))
        request.resubmit()
        _send_to_board(request, actor=actor, transition="resubmit", from_state=State.CHANGES_REQUESTED, comment=comment)
    return request


def review_withdraw(*, review_request: ReviewRequest, actor: AbstractBaseUser, comment: str = "") -> ReviewRequest:
    """An editor takes back a request that is not under review; editing reopens."""
    _require_editor(actor)
    with transaction.atomic():
        article = _lock_article(review_request.article)
        request = _lock_request(review_request)
        from_state = request.state
        request.withdraw()
        request.save()
        _audit(
            request=request, article=article, actor=actor, transition="withdraw", from_state=from_state, comment=comment
        )
        article_set_review_lock(article=article, locked=False)
        publication_withdraw_pending(article=article)
    return request


def review_start(*, review_request: ReviewRequest, actor: AbstractBaseUser) -> ReviewRequest:
    """A board member picks up a submitted request."""
    board_member_for(actor)
    with transaction.atomic():
        request = _lock_request(review_request)
        request.start_review(by=actor)
        request.save()
        _audit(
            request=request, article=request.article, actor=actor, transition="start_review", from_state=State.SUBMITTED
        )
        publication_set_review_state(article=request.article, review_state=request.state)
    return request


def can_approve(*, review_request: ReviewRequest, actor: AbstractBaseUser) -> bool:
    """Separation of duties: nobody approves a revision they authored or edited."""
    return actor.pk not in revision_editor_ids(review_request.article, review_request.revision) | {
        review_request.submitted_by_id
    }


def review_decide(
    *, review_request: ReviewRequest, reviewer: AbstractBaseUser, outcome: str, comment: str = ""
) -> ReviewDecision:
    """A board member approves or requests changes on the pinned revision of a request under review.

    Locks the article and the request, so two decisions on one request are serialised:
    the loser finds the state moved on and gets TransitionNotAllowed.
    Approval publishes the pinned revision once ``REVIEW_APPROVALS_REQUIRED`` distinct
    members approved it. Mails the submitter after commit.
    """
    board_member_for(reviewer)
    comment = comment.strip()
    if outcome not in ReviewDecision.Outcome.values:
        raise ValidationError(_("Choose “Approve” or “Request changes”."))
    if outcome == ReviewDecision.Outcome.REQUEST_CHANGES and not comment:
        raise ValidationError(_("Say what needs to change: a comment is required to request changes."))
    with transaction.atomic():
        article = _lock_article(review_request.article)
        request = _lock_request(review_request)
        if request.state != State.UNDER_REVIEW:
            raise TransitionNotAllowed(
                _("This request is “%s” now, so it cannot be decided. Reload the page to see what changed.")
                % request.get_state_display()
            )
        if outcome == ReviewDecision.Outcome.APPROVE and not can_approve(review_request=request, actor=reviewer):
            raise PermissionDenied(_("You authored or edited this revision, so another board member must approve it."))
        if ArticleContent.from_revision(request.revision, article.pk).fingerprint() != request.content_hash:
            raise ValidationError(_("The pinned revision does not match what was submitted; it cannot be decided."))
        if request.decisions.filter(reviewer=reviewer, revision=request.revision).exists():
            raise ValidationError(_("You have already given your decision on this revision."))
        decision = ReviewDecision.objects.create(
            request=request,
            reviewer=reviewer,
            outcome=outcome,
            comment=comment,
            revision=request.revision,
            content_hash=request.content_hash,
        )
        if outcome == ReviewDecision.Outcome.REQUEST_CHANGES:
            request.request_changes()
            request.save()
            _audit(
                request=request,
                article=article,
                actor=reviewer,
                transition="request_changes",
                from_state=State.UNDER_REVIEW,
                comment=comment,
            )
            article_set_review_lock(article=article, locked=False)
            publication_withdraw_pending(article=article)
            transaction.on_commit(lambda: notifications.notify_submitter(request.pk, decision.pk))
        elif request.approvals() >= settings.REVIEW_APPROVALS_REQUIRED:
            request.approve()
            request.save()
            _audit(
                request=request,
                article=article,
                actor=reviewer,
                transition="approve",
                from_state=State.UNDER_REVIEW,
                comment=comment,
            )
            _publish_approved(request=request, article=article)
            transaction.on_commit(lambda: notifications.notify_submitter(request.pk, decision.pk))
    return decision


def _publish_approved(*, request: ReviewRequest, article: Article) -> None:
    approvers = BoardMember.objects.filter(
        user__review_decisions__request=request,
        user__review_decisions__revision=request.revision,
        user__review_decisions__outcome=ReviewDecision.Outcome.APPROVE,
    ).distinct()
    today = timezone.localdate()
    article_publish(
        article=article,
        revision=request.revision,
        status=Publication.Status.APPROVED,
        facts=ReviewFacts(
            review_state=State.APPROVED,
            submitted_at=request.submitted_at,
            last_reviewed=today,
            next_review_due=today + timedelta(days=settings.REVIEW_INTERVAL_DAYS),
            reviewers=[
                {"name": m.display_name, "credentials": m.credentials, "specialty": m.specialty} for m in approvers
            ],
        ),
    )
    article_set_review_lock(article=article, locked=False)
    ArticleControl.objects.filter(article=article).update(rereview_reason="")


def article_retire(*, article: Article, actor: AbstractBaseUser, comment: str = "") -> Article:
    """The chief editor takes an article off the public site (it then answers 410 Gone)."""
    if not actor.has_perm("articles.retire_article"):
        raise PermissionDenied(_("Only the chief editor may retire articles."))
    with transaction.atomic():
        article = _lock_article(article)
        if article.is_retired:
            raise ValidationError(_("This article is already retired."))
        if ReviewRequest.objects.filter(article=article, state__in=OPEN_STATES).exists():
            raise ValidationError(_("Withdraw the open review request before retiring the article."))
        ArticleControl.objects.filter(article=article).update(retired_at=timezone.now())
        _audit(request=None, article=article, actor=actor, transition="retire", from_state="", comment=comment)
    return article


def article_restore(*, article: Article, actor: AbstractBaseUser, comment: str = "") -> Article:
    """Undo a retirement: the last published snapshot is public again."""
    if not actor.has_perm("articles.retire_article"):
        raise PermissionDenied(_("Only the chief editor may restore retired articles."))
    with transaction.atomic():
        article = _lock_article(article)
        if not article.is_retired:
            raise ValidationError(_("This article is not retired."))
        ArticleControl.objects.filter(article=article).update(retired_at=None)
        _audit(request=None, article=article, actor=actor, transition="restore", from_state="", comment=comment)
    return article
