"""The review workflow in the editors' article admin: submit, withdraw, resubmit, retire, and the
editor's answers to the board's comments on passages."""

import io
import zipfile

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from articles.admin import ArticleAdminExtension, register_article_admin_extension
from articles.exchange import ArticleFile, dump_article
from reviews.models import Assignment, AuditEntry, PassageComment, ReviewDecision, ReviewRequest
from reviews.models.requests import CHANGE_SUMMARY_MAX
from reviews.services import (
    article_restore,
    article_retire,
    passage_comment_resolve,
    review_resubmit,
    review_submit,
    review_withdraw,
)

State = ReviewRequest.State

ACTIONS = {
    "submit": (
        review_submit,
        gettext_lazy("Submitted for review. The article is read-only until the board decides or you withdraw it."),
    ),
    "resubmit": (review_resubmit, gettext_lazy("Resubmitted for review with your changes.")),
    "withdraw": (review_withdraw, gettext_lazy("Review request withdrawn. You can edit the article again.")),
    "retire": (article_retire, gettext_lazy("The article is retired: it is off the public site and answers 410 Gone.")),
    "restore": (article_restore, gettext_lazy("The article is restored to the public site.")),
}


@admin.action(description=gettext_lazy("Submit the selected drafts for review"), permissions=["change"])
def submit_drafts(modeladmin, request, queryset):
    """Submit each selected article; the ones that cannot go (open request, problems) are named with the reason."""
    submitted = 0
    for article in queryset:
        try:
            review_submit(article=article, actor=request.user)
            submitted += 1
        except ValidationError as error:
            messages.warning(request, f"{article.question}: {' '.join(error.messages)}")
        except PermissionDenied as error:
            messages.error(request, str(error))
            return
    if submitted:
        messages.success(request, _("%(n)d articles submitted for review.") % {"n": submitted})


_EXPORT_STATES = {State.SUBMITTED, State.UNDER_REVIEW, State.CHANGES_REQUESTED, State.APPROVED}


@admin.action(description=gettext_lazy("Export the selected articles as Markdown files"), permissions=["view"])
def export_markdown(modeladmin, request, queryset):
    """A zip of one Markdown file per article, with front matter: the format of the demo's content files."""
    articles = queryset.select_related("topic").prefetch_related(
        "bodies__audience", "related_links__related", "review_requests__decisions"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for article in articles:
            latest = max(article.review_requests.all(), key=lambda r: r.submitted_at, default=None)
            state = latest.state if latest and latest.state in _EXPORT_STATES else "draft"
            decisions = sorted(latest.decisions.all(), key=lambda d: d.created_at) if latest else []
            exported = ArticleFile(
                slug=article.slug,
                question=article.question,
                topic=article.topic.slug,
                summary=article.summary,
                state=state,
                review_comment=decisions[-1].comment if decisions and state != "draft" else "",
                related=tuple(link.related.slug for link in article.related_links.all()),
                bodies={body.audience.slug: body.body for body in article.bodies.all()},
            )
            archive.writestr(f"{article.slug}.md", dump_article(exported))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="articles.zip"'
    return response


class ScheduleForm(forms.Form):
    """The optional schedule sent with "Submit for review" (``<input type="datetime-local">``, in the
    site's time zone); the services check that it lies ahead and is in order."""

    publish_at = forms.DateTimeField(label=gettext_lazy("Publish at"), required=False)
    unpublish_at = forms.DateTimeField(label=gettext_lazy("Unpublish at"), required=False)

    def problems(self) -> list[str]:
        return [f"{self[name].label}: {' '.join(errors)}" for name, errors in self.errors.items()]


class ChangeSummaryForm(forms.Form):
    """What the editor tells readers changed, sent with "Submit for review" and "Resubmit"; the
    services require the summary once the article has an approved version."""

    change_summary = forms.CharField(
        label=gettext_lazy("Change summary"), required=False, max_length=CHANGE_SUMMARY_MAX, strip=True
    )
    substantive = forms.BooleanField(label=gettext_lazy("Changes medical advice"), required=False)

    def problems(self) -> list[str]:
        return [f"{self[name].label}: {' '.join(errors)}" for name, errors in self.errors.items()]


class WorkflowExtension(ArticleAdminExtension):
    """The review workflow in the article admin: its status panel, buttons, list column and bulk actions."""

    panel_templates = ("reviews/admin/_workflow_panel.html",)
    actions = (submit_drafts, export_markdown)

    def __init__(self):
        @admin.display(description=gettext_lazy("review"))
        def review_state(obj) -> str:
            open_requests = getattr(obj, "open_requests", [])
            return open_requests[0].get_state_display() if open_requests else "—"

        self.list_columns = (review_state,)

    def get_queryset(self, request, queryset):
        open_requests = Prefetch("review_requests", queryset=ReviewRequest.objects.open(), to_attr="open_requests")
        return queryset.prefetch_related(open_requests)

    def get_urls(self, model_admin) -> list:
        def view(request, object_id, action):
            return self.workflow_view(model_admin, request, object_id, action)

        return [
            path(
                "<path:object_id>/workflow/<slug:action>/",
                model_admin.admin_site.admin_view(view),
                name="articles_article_workflow",
            )
        ]

    def workflow_view(self, model_admin, request: HttpRequest, object_id: str, action: str):
        """POST only: run one workflow service and come back to the change page with its message."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if action not in ACTIONS and action != "resolve":
            raise PermissionDenied(_("Unknown workflow action."))
        article = model_admin.get_object(request, object_id)
        if article is None:
            raise Http404
        if not model_admin.has_view_permission(request, article):
            raise PermissionDenied
        if action == "resolve":
            return self.resolve_comment(model_admin, request, article)
        service, success = ACTIONS[action]
        options = {"comment": request.POST.get("comment", "")}
        if action in ("submit", "resubmit"):
            schedule = ScheduleForm(request.POST)
            if not schedule.is_valid():
                return self._refused(model_admin, request, article, action, schedule.problems(), status=400)
            options.update(schedule.cleaned_data)
            summary = ChangeSummaryForm(request.POST)
            if not summary.is_valid():
                return self._refused(model_admin, request, article, action, summary.problems(), status=400)
            options.update(summary.cleaned_data)
        try:
            if action in ("submit", "retire", "restore"):
                service(article=article, actor=request.user, **options)
            else:
                open_request = ReviewRequest.objects.open().filter(article=article).first()
                if open_request is None:
                    raise ValidationError(_("This article has no open review request."))
                service(review_request=open_request, actor=request.user, **options)
        except ValidationError as exc:
            return self._refused(model_admin, request, article, action, exc.messages, status=400)
        except (TransitionNotAllowed, ConcurrentTransition):
            message = _("The review request changed in the meantime; nothing was done. Check its current state.")
            return self._refused(model_admin, request, article, action, [message], status=409)
        messages.success(request, success)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def resolve_comment(self, model_admin, request: HttpRequest, article):
        """An editor answers one of the board's comments on a passage (``passage_comment_resolve``)."""
        try:
            comment_id = int(request.POST.get("comment", ""))
        except ValueError:
            comment_id = None
        comment = PassageComment.objects.filter(pk=comment_id, request__article=article).first()
        if comment is None:
            return self._refused(
                model_admin, request, article, "resolve", [_("That comment is not one of this article’s.")], status=400
            )
        try:
            passage_comment_resolve(comment=comment, reply=request.POST.get("reply", ""), actor=request.user)
        except ValidationError as exc:
            return self._refused(model_admin, request, article, "resolve", exc.messages, status=400)
        messages.success(request, _("The comment is resolved; the reviewer sees your reply."))
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]) + "#board-comments")

    def _refused(self, model_admin, request, article, action: str, problems: list[str], *, status: int):
        """Say what stopped the action, with a way back; nothing was changed."""
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.opts,
            "original": article,
            "title": _("Nothing was changed"),
            "action": action,
            "problems": problems,
        }
        return TemplateResponse(request, "reviews/admin/workflow_refused.html", context, status=status)

    def change_context(self, request, article) -> dict:
        open_request = ReviewRequest.objects.open().filter(article=article).select_related("started_by").first()
        change_request = None
        if open_request and open_request.state == ReviewRequest.State.CHANGES_REQUESTED:
            change_request = (
                open_request.decisions.filter(outcome=ReviewDecision.Outcome.REQUEST_CHANGES)
                .select_related("reviewer__board_member")
                .last()
            )
        shown = open_request or ReviewRequest.objects.filter(article=article).first()
        comments = (
            list(
                PassageComment.objects.filter(request=shown, sent_at__isnull=False).select_related(
                    "author__board_member", "audience", "resolved_by"
                )
            )
            if shown is not None
            else []
        )
        return {
            "open_request": open_request,
            "reviewers": list(
                Assignment.objects.active().filter(request=open_request).select_related("reviewer__board_member")
            )
            if open_request is not None
            else [],
            "board_comments": comments,
            "open_comments": sum(not c.is_resolved for c in comments),
            "scheduled_request": ReviewRequest.objects.scheduled().filter(article=article).first(),
            "last_request": ReviewRequest.objects.filter(article=article).first(),
            "change_request": change_request,
            "can_retire": request.user.has_perm("articles.retire_article"),
            "is_editor": request.user.has_perm("articles.change_article"),
            "audit_entries": AuditEntry.objects.filter(article=article)
            .select_related("actor__board_member")
            .order_by("-at", "-id")[:12],
        }


register_article_admin_extension(WorkflowExtension())
