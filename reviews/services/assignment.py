"""Who reviews a request: routing by specialty and load, declining, the chief editor's reassignment.

The rules, in one place:

* A round (one pinned revision) needs ``REVIEW_APPROVALS_REQUIRED`` reviewers. ``review_assign``
  tops the round up to that number, counting active assignments and approvals already given.
* Eligible: active board members whose account may decide (``BoardMember.objects.may_decide``),
  never the article's author, the submitter or anyone who edited the article up to the pinned
  revision (``ReviewRequest.pinned().editor_ids``), nobody already assigned or decided on this
  round, and nobody who declined this request.
* Preferred first (``preferred``): on a resubmission, the members who requested changes, then those
  who approved the earlier revision, if still eligible. Then members of the topic's specialties
  (``TopicRouting``); when too few of them are free, anyone eligible, and the assignment says so.
* Among equals, the fewest active assignments first, then the longest since their last assignment.
* Each assignment is due after the topic's ``due_days`` or ``REVIEW_TURNAROUND_DAYS``, writes an
  audit row and mails the reviewer on commit. When nobody is eligible, the chief editors are told.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from reviews import tasks
from reviews.models import REVIEWING_STATES, Assignment, BoardMember, ReviewRequest, TopicRouting

from .common import audit, board_member_for, display_name, lock_article, lock_request

State = ReviewRequest.State


def _routing(review_request: ReviewRequest) -> TopicRouting | None:
    return TopicRouting.objects.filter(topic_id=review_request.article.topic_id).prefetch_related("specialties").first()


def due_at_for(review_request: ReviewRequest, *, now: datetime, routing: TopicRouting | None = None) -> datetime:
    """When an assignment made ``now`` is due: the topic's ``due_days``, else ``REVIEW_TURNAROUND_DAYS``."""
    routing = routing if routing is not None else _routing(review_request)
    days = routing.due_days if routing is not None and routing.due_days else settings.REVIEW_TURNAROUND_DAYS
    return now + timedelta(days=days)


def excluded_user_ids(review_request: ReviewRequest) -> set[int]:
    """Who may never review this round: the author, the submitter and every editor of the revision."""
    excluded = set(review_request.pinned().editor_ids) | {review_request.article.author_id}
    if review_request.submitted_by_id:
        excluded.add(review_request.submitted_by_id)
    return excluded


def _taken_user_ids(review_request: ReviewRequest):
    """Members already on this round (assigned or decided) or who declined the request."""
    return (
        Assignment.objects.filter(request=review_request)
        .filter(
            Q(state=Assignment.State.ACTIVE)
            | Q(state=Assignment.State.DECLINED)
            | Q(revision_id=review_request.revision_id, state=Assignment.State.COMPLETED)
        )
        .values("reviewer_id")
    )


def eligible_members(review_request: ReviewRequest):
    """Board members who may be assigned this round, least loaded first (see the module's rules)."""
    open_count = (
        Assignment.objects.active()
        .filter(reviewer=OuterRef("user"))
        .order_by()
        .values("reviewer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    last = Assignment.objects.filter(reviewer=OuterRef("user")).order_by("-assigned_at").values("assigned_at")[:1]
    return (
        BoardMember.objects.may_decide()
        .exclude(user_id__in=excluded_user_ids(review_request))
        .exclude(user_id__in=_taken_user_ids(review_request))
        .annotate(open_count=Coalesce(Subquery(open_count), Value(0)), last_assigned=Subquery(last))
        .select_related("user")
        .prefetch_related("specialties")
        .order_by("open_count", F("last_assigned").asc(nulls_first=True), "order", "pk")
    )


def _needed(review_request: ReviewRequest) -> int:
    active = Assignment.objects.active().filter(request=review_request).count()
    return max(0, settings.REVIEW_APPROVALS_REQUIRED - active - review_request.approvals())


def _create(
    review_request: ReviewRequest, *, reviewer, reason: str, now: datetime, due_at: datetime, assigned_by=None
) -> Assignment:
    assignment = Assignment.objects.create(
        request=review_request,
        reviewer=reviewer,
        revision_id=review_request.revision_id,
        assigned_at=now,
        due_at=due_at,
        assigned_by=assigned_by,
        reason=reason,
    )
    tasks.enqueue_on_commit(tasks.mail_assignment, assignment.pk)
    return assignment


def review_assign(
    *,
    review_request: ReviewRequest,
    actor=None,
    preferred: Iterable[tuple[int, str]] = (),
) -> list[Assignment]:
    """Give the request's current round the reviewers it still needs (the module's rules).

    Called inside the transaction of the service that changed the round (submission,
    resubmission, a re-review the schedule opened, a decline), after it locked the article and
    the request; ``actor`` is who caused it (None: the schedule). ``preferred`` are (user id,
    reason) pairs tried first. Writes an "assign" audit row per assignment, or one saying nobody
    was eligible (and mails the chief editors); mails each reviewer on commit.
    """
    needed = _needed(review_request)
    if needed == 0:
        return []
    now = timezone.now()
    routing = _routing(review_request)
    due_at = due_at_for(review_request, now=now, routing=routing)
    pool = list(eligible_members(review_request))
    chosen: list[tuple[BoardMember, str]] = []
    by_user = {m.user_id: m for m in pool}
    for user_id, reason in preferred:
        if len(chosen) < needed and user_id in by_user and all(m.user_id != user_id for m, _r in chosen):
            chosen.append((by_user[user_id], reason))
    specialties = list(routing.specialties.all()) if routing is not None else []
    names = ", ".join(s.name for s in specialties)
    if specialties:
        wanted = {s.pk for s in specialties}
        matching = [m for m in pool if wanted & set(_specialty_ids(m))]
        for member in matching:
            if len(chosen) < needed and member not in [m for m, _r in chosen]:
                chosen.append((member, _("Specialty: %(names)s") % {"names": _member_match(member, specialties)}))
        fallback = _("No other member in %(names)s is free: assigned from the whole board") % {"names": names}
    else:
        fallback = _("The topic has no specialty set: assigned from the whole board, least busy first")
    for member in pool:
        if len(chosen) < needed and member not in [m for m, _r in chosen]:
            chosen.append((member, fallback))
    created = []
    for member, reason in chosen:
        assignment = _create(review_request, reviewer=member.user, reason=reason, now=now, due_at=due_at)
        audit(
            review_request=review_request,
            actor=None,
            transition="assign",
            from_state=review_request.state,
            comment=_("Assigned to %(name)s, due %(due)s. %(reason)s")
            % {"name": member.display_name, "due": timezone.localdate(due_at).isoformat(), "reason": reason},
            details={"assignment": assignment.pk, "reviewer": member.user_id, "cause": actor.pk if actor else None},
        )
        created.append(assignment)
    if len(created) < needed:
        audit(
            review_request=review_request,
            actor=None,
            transition="assign",
            from_state=review_request.state,
            comment=_("No eligible board member is free for %(n)d more reviewer(s): the chief editor must assign one.")
            % {"n": needed - len(created)},
            details={"short": needed - len(created)},
        )
        tasks.enqueue_on_commit(tasks.mail_chief_of_unassigned, review_request.pk)
    return created


def _specialty_ids(member: BoardMember) -> list[int]:
    return [s.pk for s in member.specialties.all()]  # prefetched by eligible_members


def _member_match(member: BoardMember, specialties) -> str:
    ids = set(_specialty_ids(member))
    return ", ".join(s.name for s in specialties if s.pk in ids)


def close_assignments(review_request: ReviewRequest, *, now: datetime | None = None) -> int:
    """The round ended (decided, or withdrawn): assignments still active close without a decision."""
    return (
        Assignment.objects.active()
        .filter(request=review_request)
        .update(state=Assignment.State.CLOSED, closed_at=now or timezone.now())
    )


def _check_reviewing(review_request: ReviewRequest) -> None:
    if review_request.state not in REVIEWING_STATES:
        raise TransitionNotAllowed(
            _("This request is “%s” now: the board is not reviewing it. Reload the page to see what changed.")
            % review_request.get_state_display()
        )


def review_decline(*, review_request: ReviewRequest, reviewer, reason: str) -> Assignment:
    """An assigned board member declines, with a reason (a conflict of interest, no time, outside
    their field); the request is routed to someone else at once.

    Only the member holding the active assignment may decline, before deciding on the round, while
    the board is reviewing it. Locks the article and the request; writes a "decline" audit row and
    the replacement's "assign" row; mails the replacement on commit.
    """
    board_member_for(reviewer)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you decline, so the chief editor can route it well.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Keep the reason under 2,000 characters.")})
    with transaction.atomic():
        review_request = lock_request(review_request, article=lock_article(review_request.article_id))
        _check_reviewing(review_request)
        assignment = Assignment.objects.active().filter(request=review_request, reviewer=reviewer).first()
        if assignment is None:
            raise PermissionDenied(_("You hold no assignment on this request, so there is nothing to decline."))
        if review_request.has_decided(reviewer):
            raise ValidationError(_("You have already given your decision on this revision."))
        now = timezone.now()
        assignment.state, assignment.decline_reason, assignment.closed_at = Assignment.State.DECLINED, reason, now
        assignment.save(update_fields=["state", "decline_reason", "closed_at"])
        audit(
            review_request=review_request,
            actor=reviewer,
            transition="decline",
            from_state=review_request.state,
            comment=reason,
            details={"assignment": assignment.pk, "reviewer": reviewer.pk},
        )
        review_assign(review_request=review_request, actor=reviewer)
    return assignment


def review_reassign(
    *, review_request: ReviewRequest, reviewer, actor, replacing: Assignment | None = None, reason: str = ""
) -> Assignment:
    """The chief editor assigns ``reviewer`` to the request's current round, replacing one active
    assignment (``replacing``) or adding a reviewer.

    Needs ``reviews.assign_reviewrequest``. Refused (ValidationError, nothing changed) when the
    reviewer is not an active board member who may decide, wrote or edited the revision, is
    already assigned or already decided on it, or when the board is not reviewing the request.
    Locks the article and the request; writes a "reassign" audit row; mails the reviewer on commit.
    """
    if not actor.has_perm("reviews.assign_reviewrequest"):
        raise PermissionDenied(_("Only the chief editor may assign reviewers."))
    member = BoardMember.objects.may_decide().filter(user=reviewer).first()  # fresh: not a cached profile
    if member is None:
        raise ValidationError(
            _("%(name)s is not an active member of the Medical Advisory Board who may review.")
            % {"name": reviewer.get_username()}
        )
    with transaction.atomic():
        review_request = lock_request(review_request, article=lock_article(review_request.article_id))
        if review_request.state not in REVIEWING_STATES:
            raise ValidationError(
                _("This request is “%s”: only a request the board is reviewing can be assigned.")
                % review_request.get_state_display()
            )
        if reviewer.pk in excluded_user_ids(review_request):
            raise ValidationError(
                _("%(name)s wrote or edited this revision, so they cannot review it.") % {"name": member.display_name}
            )
        if Assignment.objects.active().filter(request=review_request, reviewer=reviewer).exists():
            raise ValidationError(_("%(name)s is already assigned to it.") % {"name": member.display_name})
        if review_request.has_decided(reviewer):
            raise ValidationError(_("%(name)s has already decided on this revision.") % {"name": member.display_name})
        now = timezone.now()
        if replacing is not None:
            replaced = Assignment.objects.active().filter(pk=replacing.pk, request=review_request).first()
            if replaced is None:
                raise ValidationError(_("The assignment to replace is no longer active. Reload the page."))
            replaced.state, replaced.closed_at = Assignment.State.REPLACED, now
            replaced.save(update_fields=["state", "closed_at"])
        reason = (reason or "").strip()[:300] or _("Assigned by the chief editor")
        assignment = _create(
            review_request,
            reviewer=reviewer,
            reason=reason,
            now=now,
            due_at=due_at_for(review_request, now=now),
            assigned_by=actor,
        )
        replaced_name = display_name(replacing.reviewer) if replacing is not None else None
        audit(
            review_request=review_request,
            actor=actor,
            transition="reassign",
            from_state=review_request.state,
            comment=(
                _("%(new)s replaces %(old)s. %(reason)s")
                % {"new": member.display_name, "old": replaced_name, "reason": reason}
                if replaced_name
                else _("%(new)s added as a reviewer. %(reason)s") % {"new": member.display_name, "reason": reason}
            ),
            details={
                "assignment": assignment.pk,
                "reviewer": reviewer.pk,
                "replaced": replacing.pk if replacing is not None else None,
            },
        )
    return assignment
