"""The review workflow's write paths. Every state change of a ReviewRequest happens here.

Each service runs in one transaction: it locks the article's workflow row, then the request,
checks who may act, runs the django-fsm transition (whose conditions decide it), writes an
audit row, tells the articles app through one of its services, and queues its background
jobs (mail, scheduled publishing; ``reviews/tasks.py``) to be enqueued on commit, so nothing is
sent for a rolled-back change. This module never writes an articles table itself (import-linter
holds that line).
"""

import logging
from datetime import datetime, timedelta

import reversion
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_fsm import TransitionNotAllowed
from reversion.models import Revision, Version

from articles import services as articles
from articles.citation_diff import reference_fields
from articles.services import ReviewFacts
from references.models import Reference
from reviews import tasks
from reviews.models import Assignment, AttestationItem, PassageComment, ReviewDecision, ReviewRequest
from reviews.models.requests import CHANGE_SUMMARY_MAX

from .assignment import close_assignments, review_assign
from .common import (
    NOT_ASSIGNED,
    active_assignment,
    audit,
    audit_article,
    board_member_for,
    lock_article,
    lock_request,
    require_editor,
)

State = ReviewRequest.State
logger = logging.getLogger(__name__)


def _pin_revision(*, article, actor, comment: str) -> Revision:
    """Save the article's current content as a new reversion revision: the one the board will read."""
    if reversion.is_active():
        # Inside another revision block the pin would merge into that revision and exist only when it ends.
        raise RuntimeError("Pin a revision outside any other reversion.create_revision() block.")
    with reversion.create_revision(manage_manually=True):
        reversion.set_user(actor)
        reversion.set_comment(comment)
        reversion.add_to_revision(article)
    return Version.objects.get_for_object(article).select_related("revision").first().revision


def _pin(review_request: ReviewRequest, *, actor, comment: str) -> None:
    review_request.revision = _pin_revision(article=review_request.article, actor=actor, comment=comment)
    review_request.content_hash = review_request.pinned_content().fingerprint()


def _run_ready_transition(review_request: ReviewRequest, transition) -> None:
    """Run submit/resubmit; when its ``content_is_ready`` condition refuses, say what to fix."""
    try:
        transition()
    except TransitionNotAllowed:
        problems = review_request.content_problems()
        if problems:
            raise ValidationError([str(p) for p in problems]) from None
        raise


def _send_to_board(
    review_request: ReviewRequest,
    *,
    actor,
    transition: str,
    from_state: str,
    comment: str,
    preferred: list[tuple[int, str]] = (),
) -> None:
    """After submit/resubmit: save, audit, lock the content (pending on the site), and route the
    round to its reviewers (``review_assign``), who are mailed on commit."""
    review_request.save()
    audit(review_request=review_request, actor=actor, transition=transition, from_state=from_state, comment=comment)
    articles.article_lock_for_review(
        article=review_request.article,
        content=review_request.pinned_content(),
        facts=ReviewFacts(
            review_step=review_request.review_step,
            submitted_at=review_request.submitted_at,
            publish_at=review_request.publish_at,
            unpublish_at=review_request.unpublish_at,
        ),
    )
    review_assign(review_request=review_request, actor=actor, preferred=preferred)


def _checked_schedule(publish_at: datetime | None, unpublish_at: datetime | None) -> tuple:
    """The editor's "publish at" and "unpublish at" times, refused when past or out of order."""
    publish_at, unpublish_at = (
        timezone.make_aware(t) if t is not None and timezone.is_naive(t) else t for t in (publish_at, unpublish_at)
    )
    now = timezone.now()
    problems = []
    if publish_at is not None and publish_at <= now:
        problems.append(
            _("“Publish at” is in the past. Choose a time to come, or leave it empty to publish at approval.")
        )
    if unpublish_at is not None and unpublish_at <= now:
        problems.append(_("“Unpublish at” is in the past. Choose a time to come, or leave it empty."))
    elif publish_at is not None and unpublish_at is not None and unpublish_at <= publish_at:
        problems.append(_("“Unpublish at” must come after “Publish at”."))
    if problems:
        raise ValidationError(problems)
    return publish_at, unpublish_at


def _checked_summary(article, change_summary: str) -> str:
    """The editor's public change summary, whitespace tidied; refused when too long, or when empty
    for an article readers already have an approved version of (the history must say what changed)."""
    summary = "\n".join(" ".join(line.split()) for line in (change_summary or "").strip().splitlines()).strip()
    if len(summary) > CHANGE_SUMMARY_MAX:
        raise ValidationError(
            _("Keep the change summary to at most %(n)d characters: it is a note for readers, not the change itself.")
            % {"n": CHANGE_SUMMARY_MAX}
        )
    publication = getattr(article, "publication", None)
    if not summary and publication is not None and publication.status == publication.Status.APPROVED:
        raise ValidationError(
            _(
                "Say what changed for readers in the change summary: this article is already published, "
                "and its version history shows the summary once the board approves it."
            )
        )
    return summary


def review_submit(
    *,
    article,
    actor: AbstractBaseUser,
    comment: str = "",
    publish_at: datetime | None = None,
    unpublish_at: datetime | None = None,
    change_summary: str = "",
    substantive: bool = False,
) -> ReviewRequest:
    """An editor submits the article's current content; pins it as a new revision.

    ``publish_at`` (optional) holds the approved revision back until that time; ``unpublish_at``
    (optional) takes it off the public site then. Both must lie ahead, unpublish after publish.
    ``change_summary`` tells readers what changed, and ``substantive`` marks a change of medical
    advice; the board approves both with the content, and the version history shows them. The
    summary is required once the article has an approved version (``_checked_summary``).
    Refused while a request is open, while the content has problems, or for a retired article.
    Locks the article row. Assigns the reviewers (``review_assign``), who are mailed after commit.
    """
    require_editor(actor)
    publish_at, unpublish_at = _checked_schedule(publish_at, unpublish_at)
    with transaction.atomic():
        article = lock_article(article.pk)
        if article.is_retired:
            raise ValidationError(_("A retired article cannot be submitted for review."))
        if ReviewRequest.objects.open().filter(article=article).exists():
            raise ValidationError(_("This article already has an open review request."))
        review_request = ReviewRequest(
            article=article,
            submitted_by=actor,
            publish_at=publish_at,
            unpublish_at=unpublish_at,
            change_summary=_checked_summary(article, change_summary),
            substantive=bool(substantive),
        )
        _pin(review_request, actor=actor, comment=_("Submitted for review"))
        _run_ready_transition(review_request, review_request.submit)
        _send_to_board(review_request, actor=actor, transition="submit", from_state=State.NEW, comment=comment)
    return review_request


def review_resubmit(
    *,
    review_request: ReviewRequest,
    actor: AbstractBaseUser,
    comment: str = "",
    publish_at: datetime | None = None,
    unpublish_at: datetime | None = None,
    change_summary: str = "",
    substantive: bool | None = None,
) -> ReviewRequest:
    """An editor answers a change request with the article's current content, pinned anew, and
    the schedule given now (it replaces the earlier one; empty means none), checked as on submission.
    A change summary given now replaces the earlier one (empty keeps it; it is required, as on
    submission, when the article has an approved version); ``substantive`` None keeps the flag.

    Refused while a comment on a passage that was sent to the editor has no reply. The new round
    goes back to the members who requested changes, then to those who approved the earlier
    revision, if they are still eligible; routing fills any other place.
    """
    require_editor(actor)
    publish_at, unpublish_at = _checked_schedule(publish_at, unpublish_at)
    with transaction.atomic():
        review_request = lock_request(review_request, article=lock_article(review_request.article_id))
        if review_request.state != State.CHANGES_REQUESTED:
            raise TransitionNotAllowed(_("Only a request with changes requested can be resubmitted."))
        open_comments = PassageComment.objects.filter(
            request=review_request, sent_at__isnull=False, resolved_at__isnull=True
        ).count()
        if open_comments:
            raise ValidationError(
                _("Resolve each comment on a passage with a reply before resubmitting: %(n)d still open.")
                % {"n": open_comments}
            )
        previous = list(review_request.decisions.filter(revision_id=review_request.revision_id).order_by("created_at"))
        preferred = [
            (d.reviewer_id, _("Returned to the reviewer who requested changes"))
            for d in previous
            if d.outcome == ReviewDecision.Outcome.REQUEST_CHANGES
        ] + [
            (d.reviewer_id, _("Approved the previous revision"))
            for d in previous
            if d.outcome == ReviewDecision.Outcome.APPROVE
        ]
        review_request.publish_at, review_request.unpublish_at = publish_at, unpublish_at
        review_request.change_summary = _checked_summary(
            review_request.article, change_summary or review_request.change_summary
        )
        if substantive is not None:
            review_request.substantive = bool(substantive)
        _pin(review_request, actor=actor, comment=_("Resubmitted for review"))
        _run_ready_transition(review_request, review_request.resubmit)
        _send_to_board(
            review_request,
            actor=actor,
            transition="resubmit",
            from_state=State.CHANGES_REQUESTED,
            comment=comment,
            preferred=preferred,
        )
    return review_request


def review_withdraw(*, review_request: ReviewRequest, actor: AbstractBaseUser, comment: str = "") -> ReviewRequest:
    """An editor takes back a request that is not under review; editing reopens."""
    require_editor(actor)
    with transaction.atomic():
        article = lock_article(review_request.article_id)
        review_request = lock_request(review_request, article=article)
        from_state = review_request.state
        review_request.withdraw()
        review_request.save()
        close_assignments(review_request, now=review_request.closed_at)
        audit(review_request=review_request, actor=actor, transition="withdraw", from_state=from_state, comment=comment)
        articles.article_unlock(article=article)
    return review_request


def review_start(*, review_request: ReviewRequest, actor: AbstractBaseUser) -> ReviewRequest:
    """A board member assigned to a submitted request starts reviewing it (the readers' tracker
    moves to "Under review"). Refused (409) once it is no longer submitted, and (403) for a member
    who holds no active assignment on it."""
    board_member_for(actor)
    with transaction.atomic():
        review_request = lock_request(review_request, article=lock_article(review_request.article_id))
        if review_request.state != State.SUBMITTED:
            raise TransitionNotAllowed(
                _("This request is “%s” now, so it cannot be started.") % review_request.get_state_display()
            )
        active_assignment(review_request, actor)
        review_request.start_review(by=actor)
        review_request.save()
        audit(review_request=review_request, actor=actor, transition="start_review", from_state=State.SUBMITTED)
        articles.article_set_review_step(article=review_request.article, step=review_request.review_step)
    return review_request


def can_approve(*, review_request: ReviewRequest, actor: AbstractBaseUser) -> bool:
    """Separation of duties (invariant 3): nobody approves a revision they authored or edited."""
    return actor.pk not in review_request.pinned().editor_ids | {review_request.submitted_by_id}


NO_CONFLICT = "none"
ATTESTATION_CHANGED = _lazy(
    "The approval checklist is not the one in force (it changed, or the form was altered). "
    "Read the checklist again and confirm each statement."
)


def checked_attestation(attestation, conflict_of_interest: str) -> tuple[list[str], str]:
    """An approval's attestation, validated: every statement of the active checklist, exactly (in
    its order), and a conflict-of-interest declaration ("none", or what the member declares).
    ValidationError for a missing, partial or altered checklist, or no declaration."""
    expected = list(AttestationItem.objects.active().values_list("text", flat=True))
    given = [str(item).strip() for item in attestation] if attestation is not None else None
    if given is None or sorted(given) != sorted(expected):
        raise ValidationError({"attestation": str(ATTESTATION_CHANGED)})
    declaration = (conflict_of_interest or "").strip()
    if not declaration:
        raise ValidationError({"conflict_of_interest": _("Declare any conflict of interest, or that you have none.")})
    if len(declaration) > 2000:
        raise ValidationError({"conflict_of_interest": _("Keep the declaration under 2,000 characters.")})
    return expected, NO_CONFLICT if declaration.lower() == NO_CONFLICT else declaration


def review_decide(
    *,
    review_request: ReviewRequest,
    reviewer: AbstractBaseUser,
    outcome: str,
    comment: str = "",
    attestation=None,
    conflict_of_interest: str = "",
) -> ReviewDecision:
    """A board member assigned to a request under review approves, or requests changes on, its
    pinned revision.

    An approval carries the attestation (``checked_attestation``): the statements of the active
    checklist, all confirmed, and a conflict-of-interest declaration; both are stored on the
    decision and in the audit row. A change request stores the reference metadata the member saw.
    Either way the member's assignment is completed with the decision, and their comments on
    passages of the request are sent to the editor with it.

    Locks the article and the request, so two decisions on one request are serialised: the loser
    finds the state moved on and gets TransitionNotAllowed. Refused (PermissionDenied) for a member
    without an active assignment and for anyone who authored or edited the revision. The
    ``approve`` transition's quorum condition decides whether this approval publishes the pinned
    revision: at once, or, when the editor set a "publish at" time still to come, at that time
    (``review_publish_scheduled``, queued on commit); until then the approved snapshot, if any,
    stays live and a never-approved article is not public at all. Mails the submitter after commit.
    """
    board_member_for(reviewer)
    decision = ReviewDecision(reviewer=reviewer, outcome=outcome, comment=comment)
    decision.full_clean(
        exclude=["request", "reviewer", "revision", "content_hash", "conflict_of_interest"],
        validate_unique=False,
        validate_constraints=False,
    )
    approving = outcome == ReviewDecision.Outcome.APPROVE
    if approving:
        decision.attested_items, decision.conflict_of_interest = checked_attestation(attestation, conflict_of_interest)
    with transaction.atomic():
        article = lock_article(review_request.article_id)
        review_request = lock_request(review_request, article=article)
        if review_request.state != State.UNDER_REVIEW:
            raise TransitionNotAllowed(
                _("This request is “%s” now, so it cannot be decided. Reload the page to see what changed.")
                % review_request.get_state_display()
            )
        if approving and not can_approve(review_request=review_request, actor=reviewer):
            raise PermissionDenied(_("You authored or edited this revision, so another board member must approve it."))
        content = review_request.pinned_content()
        if content.fingerprint() != review_request.content_hash:
            raise ValidationError(_("The pinned revision does not match what was submitted; it cannot be decided."))
        if review_request.has_decided(reviewer):
            raise ValidationError(_("You have already given your decision on this revision."))
        decision.request, decision.revision_id = review_request, review_request.revision_id
        decision.content_hash = review_request.content_hash
        if not approving:
            decision.reference_snapshot = {
                r.citation_key: reference_fields(r) for r in Reference.objects.filter(pk__in=content.reference_ids)
            }
        decision.save()
        now = decision.created_at
        completed = (
            Assignment.objects.active()
            .filter(request=review_request, reviewer=reviewer)
            .update(state=Assignment.State.COMPLETED, closed_at=now, decision=decision)
        )
        if not completed:
            raise PermissionDenied(str(NOT_ASSIGNED))
        PassageComment.objects.filter(request=review_request, author=reviewer, sent_at__isnull=True).update(sent_at=now)
        review_request.record_decision(decision)
        if not approving:
            review_request.request_changes()
            _close_round(review_request, actor=reviewer, transition="request_changes", decision=decision, now=now)
            articles.article_unlock(article=article)
        else:
            try:
                review_request.approve()
            except TransitionNotAllowed:
                # Recorded; the quorum (has_quorum) needs more approvals.
                audit(
                    review_request=review_request,
                    actor=reviewer,
                    transition="vote",
                    from_state=State.UNDER_REVIEW,
                    comment=decision.comment,
                    details=_decision_details(decision),
                )
                return decision
            later = review_request.publish_at is not None and review_request.publish_at > review_request.closed_at
            if not later:
                review_request.published_at = review_request.closed_at
            _close_round(review_request, actor=reviewer, transition="approve", decision=decision, now=now)
            if later:
                articles.article_hold_for_schedule(article=article)
                tasks.schedule_publishing(review_request)
            else:
                articles.article_publish(article=article, content=content, facts=_approval_facts(review_request))
        tasks.enqueue_on_commit(tasks.mail_submitter_of_decision, review_request.pk, decision.pk)
    return decision


def review_publish_scheduled(*, review_request: ReviewRequest) -> bool:
    """Make an approval scheduled for later what readers see, once its "publish at" time has come.

    Called by the background jobs only (``reviews.tasks.publish_scheduled`` at that time, and the
    periodic ``publish_due_approvals``), never by a person. Locks the article and the request.
    Publishes exactly the pinned revision with the facts of its approval (reviewed on the approval
    date, by the approvers). Idempotent: returns False, changing nothing, when the request is
    already published, not due yet, not approved, or superseded by a later approval of the article
    that is already live, or when its pinned revision no longer matches what the board approved.
    """
    with transaction.atomic():
        article = lock_article(review_request.article_id)
        review_request = lock_request(review_request, article=article)
        now = timezone.now()
        if not review_request.is_scheduled or review_request.publish_at > now:
            return False
        if not ReviewRequest.objects.scheduled().filter(pk=review_request.pk).exists():
            logger.info("Request %s was superseded by a later approval; it is not published.", review_request.pk)
            return False
        content = review_request.pinned_content()
        if content.fingerprint() != review_request.content_hash:
            logger.error(
                "Request %s: the pinned revision no longer matches the approval; not published.", review_request.pk
            )
            return False
        review_request.published_at = now
        review_request.save(update_fields=["published_at", "updated_at"])
        articles.article_publish(article=article, content=content, facts=_approval_facts(review_request))
    logger.info("Request %s: the approved revision of article %s is now public.", review_request.pk, article.pk)
    return True


def _close_round(review_request: ReviewRequest, *, actor, transition: str, decision: ReviewDecision, now) -> None:
    review_request.save()
    close_assignments(review_request, now=now)
    audit(
        review_request=review_request,
        actor=actor,
        transition=transition,
        from_state=State.UNDER_REVIEW,
        comment=decision.comment,
        details=_decision_details(decision),
    )


def _decision_details(decision: ReviewDecision) -> dict:
    """What the audit row keeps of a decision: its id and, for an approval, the attestation."""
    details = {"decision": decision.pk}
    if decision.outcome == ReviewDecision.Outcome.APPROVE:
        details.update(attested=decision.attested_items, conflict_of_interest=decision.conflict_of_interest)
    return details


def _approval_facts(review_request: ReviewRequest) -> ReviewFacts:
    """The review facts readers see: the approval's date, the members whose approvals made the
    quorum (each linked to their entry on the advisory-board page, with the conflict of interest
    they declared on this approval, if any), and the editor's planned end of publication."""
    approved_on = timezone.localdate(review_request.closed_at)
    board_page = reverse("reviews:advisory_board")
    reviewers, seen = [], set()
    for d in review_request.pinned_decisions():
        if d.outcome != ReviewDecision.Outcome.APPROVE or d.reviewer_id in seen:
            continue
        seen.add(d.reviewer_id)
        member = d.reviewer.board_member
        reviewers.append(
            {
                "name": member.display_name,
                "credentials": member.credentials,
                "specialty": member.specialty,
                "url": f"{board_page}#{member.anchor}",
                "disclosure": "" if d.conflict_of_interest == NO_CONFLICT else d.conflict_of_interest,
            }
        )
    return ReviewFacts(
        review_step=review_request.review_step,
        submitted_at=review_request.submitted_at,
        last_reviewed=approved_on,
        next_review_due=approved_on + timedelta(days=settings.REVIEW_INTERVAL_DAYS),
        reviewers=reviewers,
        unpublish_at=review_request.unpublish_at,
        change_summary=review_request.change_summary,
        substantive=review_request.substantive,
    )


def article_retire(*, article, actor: AbstractBaseUser, comment: str = "") -> None:
    """The chief editor takes an article off the public site (it then answers 410 Gone)."""
    if not actor.has_perm("articles.retire_article"):
        raise PermissionDenied(_("Only the chief editor may retire articles."))
    with transaction.atomic():
        article = lock_article(article.pk)
        if article.is_retired:
            raise ValidationError(_("This article is already retired."))
        if ReviewRequest.objects.open().filter(article=article).exists():
            raise ValidationError(_("Withdraw the open review request before retiring the article."))
        articles.article_retire(article=article)
        audit_article(article=article, actor=actor, action="retire", comment=comment)


def article_restore(*, article, actor: AbstractBaseUser, comment: str = "") -> None:
    """Undo a retirement: the last published snapshot is public again."""
    if not actor.has_perm("articles.retire_article"):
        raise PermissionDenied(_("Only the chief editor may restore retired articles."))
    with transaction.atomic():
        article = lock_article(article.pk)
        if not article.is_retired:
            raise ValidationError(_("This article is not retired."))
        articles.article_restore(article=article)
        audit_article(article=article, actor=actor, action="restore", comment=comment)
