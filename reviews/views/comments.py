"""Comments on passages: the form for a whole section (no JavaScript needed) and adding a comment."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_fsm import TransitionNotAllowed

from personalization.models import Audience
from reviews.forms import CommentForm
from reviews.models import ReviewRequest
from reviews.services import passage_comment_add
from reviews.services.comments import body_outline

from .board import board_member_required, conflict, refused


def _form_page(request, review_request, form: CommentForm, *, audience, section=None, status: int = 200):
    return render(
        request,
        "reviews/comment_form.html",
        {"review_request": review_request, "form": form, "audience": audience, "section": section},
        status=status,
    )


@require_safe
@board_member_required
def comment_new(request: HttpRequest, pk: int) -> HttpResponse:
    """``?audience=<slug>&section=<n>``: comment on one section of the submitted revision."""
    review_request = get_object_or_404(ReviewRequest.objects.with_listing_data(), pk=pk)
    audience = Audience.objects.filter(slug=request.GET.get("audience", "")).first()
    try:
        index = int(request.GET.get("section", ""))
    except ValueError:
        index = None
    body = body_outline(review_request.pinned_content(), audience.pk) if audience is not None else None
    section = body.section(index) if body is not None and index is not None else None
    if section is None:
        return refused(
            request,
            _("That section is not in the submitted revision. Go back to the review page and choose one there."),
            back=review_request.get_absolute_url(),
        )
    form = CommentForm(
        initial={"revision": review_request.revision_id, "audience": audience.slug, "section": section.index}
    )
    return _form_page(request, review_request, form, audience=audience, section=section)


@require_POST
@board_member_required
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    review_request = get_object_or_404(ReviewRequest.objects.with_listing_data(), pk=pk)
    form = CommentForm(request.POST)
    audience = Audience.objects.filter(slug=request.POST.get("audience", "")).first()
    section = None
    if audience is not None and form.is_valid() and form.cleaned_data["section"] is not None:
        outline = body_outline(review_request.pinned_content(), audience.pk)
        section = outline.section(form.cleaned_data["section"]) if outline is not None else None
    if audience is None:
        return refused(request, _("Unknown audience."), back=review_request.get_absolute_url())
    if not form.is_valid():
        return _form_page(request, review_request, form, audience=audience, section=section, status=400)
    data = form.cleaned_data
    try:
        passage_comment_add(
            review_request=review_request,
            author=request.user,
            audience=audience,
            revision_id=data["revision"],
            body=data["body"],
            quote=data["quote"] if data["section"] is None else "",
            prefix=data["prefix"],
            suffix=data["suffix"],
            section_index=data["section"],
        )
    except TransitionNotAllowed as exc:
        return conflict(request, review_request, str(exc))
    except ValidationError as exc:
        problems = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
        for field, errors in problems.items():
            form.add_error(field if field in form.fields else None, errors)
        return _form_page(request, review_request, form, audience=audience, section=section, status=400)
    messages.success(request, _("Your comment was added. It goes to the editor with your decision."))
    return redirect(f"{review_request.get_absolute_url()}#comments-{audience.slug}")
