"""The Medical Advisory Board's pages: the dashboard, one request's review page, decisions."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from articles.views.preview import render_preview

from .forms import DecisionForm
from .models import BoardMember, ReviewRequest
from .selectors import dashboard_queues, review_page
from .services import board_member_for, can_approve, review_decide, review_start


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


@require_safe
@board_member_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "reviews/dashboard.html", {"queues": dashboard_queues(request.user)})


@require_safe
@board_member_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review_request = get_object_or_404(ReviewRequest.objects.with_listing_data(), pk=pk)
    return _render_detail(request, review_request, DecisionForm())


def _render_detail(request: HttpRequest, review_request: ReviewRequest, form: DecisionForm, status: int = 200):
    context = {
        "page": review_page(review_request),
        "review_request": review_request,
        "form": form,
        "may_approve": can_approve(review_request=review_request, actor=request.user),
        "already_decided": review_request.has_decided(request.user),
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
    review_request = get_object_or_404(ReviewRequest.objects.with_listing_data(), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, review_request, form, status=400)
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
            outcome=form.cleaned_data["outcome"],
            comment=form.cleaned_data["comment"],
        )
    except (TransitionNotAllowed, ConcurrentTransition) as exc:
        return conflict(request, review_request, str(exc) or _("This request changed while you were reading it."))
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return _render_detail(request, review_request, form, status=400)
    messages.success(request, _("Your decision was recorded: %s.") % decision.get_outcome_display())
    return redirect(review_request)


@require_safe
def advisory_board(request: HttpRequest) -> HttpResponse:
    members = BoardMember.objects.active()
    return render(request, "reviews/advisory_board.html", {"members": members})
