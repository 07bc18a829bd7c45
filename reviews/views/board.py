"""The Medical Advisory Board's pages: the dashboard, one request's review page, its decisions."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from articles.views.preview import render_preview
from reviews.forms import AttestationForm, DecisionForm, DeclineForm, DisclosureForm
from reviews.models import BoardMember, ReviewRequest
from reviews.selectors import COMPARES, VIEWS, dashboard_queues, review_page
from reviews.services import (
    active_assignment,
    board_member_for,
    board_member_update_disclosure,
    can_approve,
    review_decide,
    review_decline,
    review_start,
)


def board_member_required(view):
    """Anonymous users go to the login page; signed-in non-members get 403."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        request.board_member = board_member_for(request.user)
        return view(request, *args, **kwargs)

    return wrapper


def conflict(request: HttpRequest, review_request: ReviewRequest, message: str) -> HttpResponse:
    """A race or a stale form: answer 409 with the current state, change nothing."""
    review_request.refresh_from_db()
    return render(
        request,
        "reviews/conflict.html",
        {"review_request": review_request, "message": message},
        status=409,
    )


def refused(request: HttpRequest, message: str, *, status: int = 400, back: str = "") -> HttpResponse:
    """Bad input on a board page: say what was wrong, change nothing."""
    return render(request, "reviews/refused.html", {"messages_list": [message], "back": back}, status=status)


@require_safe
@board_member_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "reviews/dashboard.html", {"queues": dashboard_queues(request.user)})


@require_safe
@board_member_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review_request = get_object_or_404(ReviewRequest.objects.with_listing_data(), pk=pk)
    compare, view = request.GET.get("compare"), request.GET.get("view", "inline")
    if (compare is not None and compare not in COMPARES) or view not in VIEWS:
        return refused(
            request,
            _("Unknown comparison: choose “approved” or “mine”, shown “inline” or “side” by side."),
            back=review_request.get_absolute_url(),
        )
    return render_detail(request, review_request, compare=compare, view=view)


def render_detail(
    request: HttpRequest,
    review_request: ReviewRequest,
    *,
    form: DecisionForm | None = None,
    decline_form: DeclineForm | None = None,
    compare: str | None = None,
    view: str = "inline",
    status: int = 200,
) -> HttpResponse:
    page = review_page(review_request, user=request.user, compare=compare, view=view)
    context = {
        "page": page,
        "review_request": review_request,
        "form": form or DecisionForm(),
        "decline_form": decline_form or DeclineForm(),
        "assigned": page.my_assignment is not None,
        "can_comment": page.can_comment,
        "may_approve": can_approve(review_request=review_request, actor=request.user),
        "already_decided": review_request.has_decided(request.user),
        "revision_id": review_request.revision_id,
    }
    return render(request, "reviews/review_detail.html", context, status=status)


@require_safe
@board_member_required
def review_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The pinned revision exactly as readers would see it once approved, per audience; never public."""
    review_request = get_object_or_404(ReviewRequest.objects.select_related("article"), pk=pk)
    note = _("This is revision #%(revision)s as submitted for review.") % {"revision": review_request.revision_id}
    return render_preview(request, review_request.pinned_content(), note=note)


@require_POST
@board_member_required
def review_start_view(request: HttpRequest, pk: int) -> HttpResponse:
    review_request = get_object_or_404(ReviewRequest, pk=pk)
    try:
        review_start(review_request=review_request, actor=request.user)
    except (TransitionNotAllowed, ConcurrentTransition):
        return conflict(
            request, review_request, _("Someone else has already started this review, or it was withdrawn.")
        )
    messages.success(request, _("You started the review. Read the submitted revision, then decide."))
    return redirect(review_request)


@require_POST
@board_member_required
def review_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Request changes at once; "Approve" opens the confirmation step (``review_approve_view``)."""
    review_request = get_object_or_404(ReviewRequest.objects.with_listing_data(), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return render_detail(request, review_request, form=form, status=400)
    if form.cleaned_data["revision"] != review_request.revision_id:
        return conflict(
            request,
            review_request,
            _("A newer revision was submitted after you opened this page. Read it before deciding."),
        )
    if form.cleaned_data["outcome"] == "approve":
        refusal = _approval_refusal(request, review_request)
        if refusal is not None:
            return refusal
        attestation = AttestationForm(
            initial={"revision": review_request.revision_id, "comment": form.cleaned_data["comment"]}
        )
        return _render_confirm(request, review_request, attestation)
    try:
        review_decide(
            review_request=review_request,
            reviewer=request.user,
            outcome=form.cleaned_data["outcome"],
            comment=form.cleaned_data["comment"],
        )
    except (TransitionNotAllowed, ConcurrentTransition) as exc:
        return conflict(request, review_request, str(exc) or _("This request changed while you were reading it."))
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return render_detail(request, review_request, form=form, status=400)
    messages.success(request, _("You requested changes. The editor has your comment and your comments on passages."))
    return redirect(review_request)


def _approval_refusal(request: HttpRequest, review_request: ReviewRequest) -> HttpResponse | None:
    """Before showing the confirmation step: the request must be under review (else 409), and the
    member assigned to it and not its author or editor (else 403). The service checks all again."""
    if review_request.state != ReviewRequest.State.UNDER_REVIEW:
        return conflict(request, review_request, _("This request is not under review: it cannot be approved now."))
    if not can_approve(review_request=review_request, actor=request.user):
        raise PermissionDenied(_("You authored or edited this revision, so another board member must approve it."))
    active_assignment(review_request, request.user)
    return None


def _render_confirm(request, review_request, form: AttestationForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "reviews/approve_confirm.html",
        {"review_request": review_request, "form": form, "question": review_request.pinned_content().question},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@board_member_required
def review_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation step of an approval: the checklist and the conflict-of-interest declaration."""
    review_request = get_object_or_404(ReviewRequest.objects.with_listing_data(), pk=pk)
    if request.method != "POST":
        refusal = _approval_refusal(request, review_request)
        if refusal is not None:
            return refusal
        return _render_confirm(
            request, review_request, AttestationForm(initial={"revision": review_request.revision_id})
        )
    form = AttestationForm(request.POST)
    if not form.is_valid():
        return _render_confirm(request, review_request, form, status=400)
    if form.cleaned_data["revision"] != review_request.revision_id:
        return conflict(
            request,
            review_request,
            _("A newer revision was submitted after you opened this page. Read it before deciding."),
        )
    try:
        decision = review_decide(
            review_request=review_request,
            reviewer=request.user,
            outcome="approve",
            comment=form.cleaned_data["comment"],
            attestation=form.attestation(),
            conflict_of_interest=form.conflict_of_interest(),
        )
    except (TransitionNotAllowed, ConcurrentTransition) as exc:
        return conflict(request, review_request, str(exc) or _("This request changed while you were reading it."))
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return _render_confirm(request, review_request, form, status=400)
    messages.success(request, _("Your decision was recorded: %s.") % decision.get_outcome_display())
    return redirect(review_request)


@require_POST
@board_member_required
def review_decline_view(request: HttpRequest, pk: int) -> HttpResponse:
    review_request = get_object_or_404(ReviewRequest.objects.with_listing_data(), pk=pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return render_detail(request, review_request, decline_form=form, status=400)
    try:
        review_decline(review_request=review_request, reviewer=request.user, reason=form.cleaned_data["reason"])
    except (TransitionNotAllowed, ConcurrentTransition) as exc:
        return conflict(request, review_request, str(exc))
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return render_detail(request, review_request, decline_form=form, status=400)
    messages.success(request, _("You declined this review; it has gone to another member."))
    return redirect("reviews:dashboard")


@require_http_methods(["GET", "HEAD", "POST"])
@board_member_required
def disclosure(request: HttpRequest) -> HttpResponse:
    """A member's own disclosure of interests, shown on the advisory-board page."""
    member = request.board_member
    form = DisclosureForm(request.POST or None, instance=member)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "reviews/disclosure.html", {"form": form, "member": member}, status=400)
        try:
            board_member_update_disclosure(
                member=member, disclosure=form.cleaned_data["disclosure"], actor=request.user
            )
        except ValidationError as exc:
            form.add_error("disclosure", exc.messages[0])
            return render(request, "reviews/disclosure.html", {"form": form, "member": member}, status=400)
        messages.success(request, _("Your disclosure was saved; the advisory-board page shows it now."))
        return redirect("reviews:dashboard")
    return render(request, "reviews/disclosure.html", {"form": form, "member": member})


@require_safe
def advisory_board(request: HttpRequest) -> HttpResponse:
    members = BoardMember.objects.active().prefetch_related("specialties")
    return render(request, "reviews/advisory_board.html", {"members": members})
