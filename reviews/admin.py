"""Workflow in the editors' admin: submit, withdraw, resubmit, retire; the board and the audit trail."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import ConcurrentTransition, TransitionNotAllowed
from reversion.models import Version

from articles.admin import ArticleAdmin
from articles.diff import diff_content
from articles.models import Article, Publication
from articles.versioning import ArticleContent

from .models import AuditEntry, BoardMember, ReviewDecision, ReviewRequest
from .services import article_restore, article_retire, review_resubmit, review_submit, review_withdraw

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


class WorkflowArticleAdmin(ArticleAdmin):
    """The article admin with the review workflow's buttons and status panel."""

    change_form_template = "admin/articles/article/change_form_workflow.html"
    object_history_template = "admin/articles/article/object_history.html"
    list_display = [*ArticleAdmin.list_display, "review_state"]

    def get_queryset(self, request):
        open_requests = Prefetch("review_requests", queryset=ReviewRequest.objects.open(), to_attr="open_requests")
        return super().get_queryset(request).prefetch_related(open_requests)

    @admin.display(description=gettext_lazy("review"))
    def review_state(self, obj: Article) -> str:
        open_requests = getattr(obj, "open_requests", [])
        return open_requests[0].get_state_display() if open_requests else "—"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        custom = [
            path(
                "<path:object_id>/workflow/<slug:action>/",
                self.admin_site.admin_view(self.workflow_view),
                name=f"{info[0]}_{info[1]}_workflow",
            ),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{info[0]}_{info[1]}_compare",
            ),
        ]
        return custom + super().get_urls()

    def workflow_view(self, request: HttpRequest, object_id: str, action: str):
        """POST only: run one workflow service and come back to the change page with its message."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if action not in ACTIONS:
            raise PermissionDenied(_("Unknown workflow action."))
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        service, success = ACTIONS[action]
        try:
            if action in ("submit", "retire", "restore"):
                service(article=article, actor=request.user, comment=request.POST.get("comment", ""))
            else:
                open_request = ReviewRequest.objects.open().filter(article=article).first()
                if open_request is None:
                    raise ValidationError(_("This article has no open review request."))
                service(review_request=open_request, actor=request.user, comment=request.POST.get("comment", ""))
        except ValidationError as exc:
            return self._refused(request, article, action, exc.messages, status=400)
        except (TransitionNotAllowed, ConcurrentTransition):
            message = _("The review request changed in the meantime; nothing was done. Check its current state.")
            return self._refused(request, article, action, [message], status=409)
        messages.success(request, success)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def _refused(self, request, article: Article, action: str, problems: list[str], *, status: int):
        """Say what stopped the action, with a way back; nothing was changed."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Nothing was changed"),
            "action": action,
            "problems": problems,
        }
        return TemplateResponse(request, "admin/articles/article/workflow_refused.html", context, status=status)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None:
            extra_context = {**(extra_context or {}), **self.workflow_context(request, article)}
        return super().change_view(request, object_id, form_url, extra_context)

    def workflow_context(self, request, article: Article) -> dict:
        open_request = ReviewRequest.objects.open().filter(article=article).select_related("started_by").first()
        last = ReviewRequest.objects.filter(article=article).first()
        publication = Publication.objects.filter(article=article).first()
        change_request = None
        if open_request and open_request.state == ReviewRequest.State.CHANGES_REQUESTED:
            change_request = (
                open_request.decisions.filter(outcome=ReviewDecision.Outcome.REQUEST_CHANGES)
                .select_related("reviewer__board_member")
                .last()
            )
        live_hash = ArticleContent.from_article(article).fingerprint()
        return {
            "unpublished_edits": publication is not None and publication.content_hash != live_hash,
            "open_request": open_request,
            "last_request": last,
            "publication": publication,
            "change_request": change_request,
            "is_retired": article.is_retired,
            "can_retire": request.user.has_perm("articles.retire_article"),
            "is_editor": request.user.has_perm("articles.change_article"),
            "audit_entries": AuditEntry.objects.filter(article=article).select_related("actor").order_by("-at")[:10],
        }

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, object_id)
        versions = Version.objects.get_for_object(article).select_related("revision__user") if article else []
        return super().history_view(request, object_id, {**(extra_context or {}), "versions": list(versions)})

    def compare_view(self, request, object_id):
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        try:
            old = versions.get(pk=int(request.GET.get("from", "")))
            new = versions.get(pk=int(request.GET.get("to", "")))
        except (ValueError, Version.DoesNotExist):
            messages.error(request, _("Choose two saved versions of this article to compare."))
            return HttpResponseRedirect(reverse("admin:articles_article_history", args=[article.pk]))
        diff = diff_content(
            ArticleContent.from_revision(old.revision, article.pk),
            ArticleContent.from_revision(new.revision, article.pk),
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Compare versions of “%s”") % article,
            "old": old,
            "new": new,
            "diff": diff,
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)


admin.site.unregister(Article)
admin.site.register(Article, WorkflowArticleAdmin)


@admin.register(BoardMember)
class BoardMemberAdmin(admin.ModelAdmin):
    list_display = ["display_name", "credentials", "specialty", "active", "order"]
    list_filter = ["active"]
    list_select_related = ["user"]
    search_fields = ["display_name", "specialty", "user__username"]
    autocomplete_fields = ["user"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Workflow records are written by the services only."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DecisionInline(admin.TabularInline):
    model = ReviewDecision
    extra = 0
    can_delete = False
    fields = ["reviewer", "outcome", "comment", "revision", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReviewRequest)
class ReviewRequestAdmin(ReadOnlyAdmin):
    list_display = ["article", "state", "submitted_by", "submitted_at", "started_by"]
    list_filter = ["state"]
    list_select_related = ["article", "submitted_by", "started_by"]
    search_fields = ["article__question"]
    inlines = [DecisionInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "article", "actor", "transition", "from_state", "to_state", "revision_id"]
    list_filter = ["transition", "to_state"]
    list_select_related = ["article", "actor"]
    search_fields = ["article__question", "actor__username", "comment"]
    date_hierarchy = "at"
