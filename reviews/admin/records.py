"""Workflow records in the admin: review requests (with their timeline, assignments and comments,
and the chief editor's reassignment), assignments, comments and the audit trail. Read-only: the
services write them."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from reviews.forms import ReassignForm
from reviews.models import (
    REVIEWING_STATES,
    Assignment,
    AuditEntry,
    BoardMember,
    PassageComment,
    ReviewDecision,
    ReviewRequest,
)
from reviews.selectors import request_timeline
from reviews.services import review_reassign


class ReadOnlyAdmin(admin.ModelAdmin):
    """Workflow records are written by the services only."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DecisionInline(ReadOnlyInline):
    model = ReviewDecision
    fields = ["reviewer", "outcome", "comment", "attested_items", "conflict_of_interest", "revision", "created_at"]
    readonly_fields = fields


class AssignmentInline(ReadOnlyInline):
    model = Assignment
    fields = ["reviewer", "state", "revision_id", "assigned_at", "due_at", "reason", "assigned_by", "decline_reason"]
    readonly_fields = fields


class CommentInline(ReadOnlyInline):
    model = PassageComment
    fields = ["author", "audience", "quote", "section", "body", "sent_at", "reply", "resolved_by", "resolved_at"]
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("comments on passages (never public)")


class ScheduleFilter(admin.SimpleListFilter):
    """Approvals waiting for their "publish at" time, and requests with a planned end."""

    title = gettext_lazy("schedule")
    parameter_name = "schedule"

    def lookups(self, request, model_admin):
        return [
            ("waiting", gettext_lazy("Approved, waiting to go live")),
            ("planned_end", gettext_lazy("With an “unpublish at” time")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(pk__in=ReviewRequest.objects.scheduled().values("pk"))
        if self.value() == "planned_end":
            return queryset.filter(unpublish_at__isnull=False)
        return queryset


@admin.register(ReviewRequest)
class ReviewRequestAdmin(ReadOnlyAdmin):
    list_display = [
        "article",
        "state",
        "kind",
        "submitted_by",
        "submitted_at",
        "publish_at",
        "unpublish_at",
        "published_at",
    ]
    list_filter = ["state", "kind", ScheduleFilter]
    list_select_related = ["article", "submitted_by", "started_by"]
    search_fields = ["article__question"]
    fields = [
        "article",
        "state",
        "kind",
        "rereview_reason",
        "revision",
        "content_hash",
        "submitted_by",
        "submitted_at",
        "started_by",
        "closed_at",
        "publish_at",
        "unpublish_at",
        "published_at",
        "timeline",
    ]
    readonly_fields = ["timeline"]
    inlines = [AssignmentInline, DecisionInline, CommentInline]
    change_form_template = "admin/reviews/reviewrequest/change_form.html"

    @admin.display(description=gettext_lazy("timeline"))
    def timeline(self, obj: ReviewRequest) -> str:
        rows = format_html_join(
            "",
            "<li><strong>{}</strong> · {} · {}{}</li>",
            (
                (
                    e.label,
                    timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M"),
                    e.actor,
                    format_html(" — {}", e.text[:300]) if e.text else "",
                )
                for e in request_timeline(obj)
            ),
        )
        return format_html('<ol class="review-timeline">{}</ol>', rows)

    def get_urls(self):
        assign = path(
            "<path:object_id>/assign/",
            self.admin_site.admin_view(self.assign_view),
            name="reviews_reviewrequest_assign",
        )
        return [assign, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        review_request = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if review_request is not None and request.user.has_perm("reviews.assign_reviewrequest"):
            extra["assign_form"] = ReassignForm()
            extra["can_assign"] = review_request.state in REVIEWING_STATES
            extra["members"] = BoardMember.objects.active().select_related("user")
            extra["active_assignments"] = list(
                Assignment.objects.active().filter(request=review_request).select_related("reviewer__board_member")
            )
        return super().change_view(request, object_id, form_url, extra)

    def assign_view(self, request: HttpRequest, object_id: str):
        """POST only: the chief editor assigns a member (``review_reassign``), replacing one or adding one."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        review_request = self.get_object(request, object_id)
        if review_request is None:
            raise Http404
        if not request.user.has_perm("reviews.assign_reviewrequest"):
            raise PermissionDenied(_("Only the chief editor may assign reviewers."))
        form = ReassignForm(request.POST)
        problems: list[str] = []
        replacing = None
        if not form.is_valid():
            problems = [str(e) for errors in form.errors.values() for e in errors]
        elif form.cleaned_data["replacing"]:
            replacing = Assignment.objects.filter(pk=form.cleaned_data["replacing"], request=review_request).first()
            if replacing is None:
                problems = [_("The assignment to replace is not one of this request’s.")]
        if not problems:
            try:
                review_reassign(
                    review_request=review_request,
                    reviewer=form.cleaned_data["reviewer"].user,
                    actor=request.user,
                    replacing=replacing,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                problems = exc.messages
            except (TransitionNotAllowed, ConcurrentTransition):
                problems = [_("The request changed in the meantime; nothing was done.")]
        change_url = reverse("admin:reviews_reviewrequest_change", args=[review_request.pk])
        if problems:
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": review_request,
                "title": _("Nothing was changed"),
                "problems": problems,
                "back": change_url,
            }
            return TemplateResponse(request, "reviews/admin/assign_refused.html", context, status=400)
        messages.success(request, _("Assigned; the reviewer is told by mail."))
        return HttpResponseRedirect(change_url)


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["request", "reviewer", "state", "assigned_at", "due_at", "reminded_before_at", "escalated_at"]
    list_filter = ["state"]
    list_select_related = ["request__article", "reviewer"]
    search_fields = ["request__article__question", "reviewer__username"]
    date_hierarchy = "due_at"


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "article", "actor", "transition", "from_state", "to_state", "revision_id"]
    list_filter = ["transition", "to_state"]
    list_select_related = ["article", "actor"]
    search_fields = ["article__question", "actor__username", "comment"]
    date_hierarchy = "at"
