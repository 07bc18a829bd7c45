"""The editors' workspace: articles with their bodies, citations and related questions."""

from django.contrib import admin, messages
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from personalization.models import Audience

from .forms import ArticleForm
from .integrity import check_content
from .models import Article, ArticleBody, ArticleControl, Citation, EditorialPolicy, Publication, RelatedQuestion, Topic


class ContentLockMixin:
    """Inlines follow their article: read-only while it is locked for review or retired."""

    def has_change_permission(self, request, obj=None):
        if obj is not None and article_is_frozen(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and article_is_frozen(obj):
            return False
        return super().has_delete_permission(request, obj)


def article_is_frozen(article: Article) -> bool:
    control = ArticleControl.objects.filter(article=article).values("review_locked", "retired_at").first()
    return bool(control and (control["review_locked"] or control["retired_at"]))


class InlineLockMixin(ContentLockMixin):
    def has_add_permission(self, request, obj=None):
        if obj is not None and article_is_frozen(obj):
            return False
        return super().has_add_permission(request, obj)


class ArticleBodyInline(InlineLockMixin, admin.StackedInline):
    model = ArticleBody
    extra = 0
    min_num = 1
    fields = ["audience", "body"]


class CitationInline(InlineLockMixin, admin.TabularInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["reference"]
    verbose_name = _("reference cited in the bodies")
    verbose_name_plural = _("references (cite each as [@key] in a body)")


class RelatedQuestionInline(InlineLockMixin, admin.TabularInline):
    model = RelatedQuestion
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["related"]
    fields = ["related", "order"]


class PublicationStatusFilter(admin.SimpleListFilter):
    title = _("public status")
    parameter_name = "public"

    def lookups(self, request, model_admin):
        return [("approved", _("Approved")), ("pending", _("Pending review")), ("none", _("Not public"))]

    def queryset(self, request, queryset):
        if self.value() in ("approved", "pending"):
            return queryset.filter(publication__status=self.value())
        if self.value() == "none":
            return queryset.filter(publication__isnull=True)
        return queryset


@admin.register(Article)
class ArticleAdmin(ContentLockMixin, VersionAdmin):
    form = ArticleForm
    inlines = [ArticleBodyInline, CitationInline, RelatedQuestionInline]
    list_display = ["question", "topic", "author", "public_status", "updated_at"]
    list_select_related = ["topic", "author", "publication", "control"]
    list_filter = [PublicationStatusFilter, "topic"]
    search_fields = ["question", "slug"]
    prepopulated_fields = {"slug": ["question"]}
    autocomplete_fields = ["author"]
    date_hierarchy = "updated_at"
    show_full_result_count = False
    list_per_page = 50
    fieldsets = [(None, {"fields": ["question", "slug", "topic", "summary", "author", "edit_version"]})]

    @admin.display(description=_("public status"), ordering="publication__status")
    def public_status(self, obj: Article) -> str:
        if obj.control.retired_at:
            return _("Retired")
        publication = getattr(obj, "publication", None)
        return publication.get_status_display() if publication else _("Not public")

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("author", request.user.pk)
        return initial

    def save_model(self, request, obj, form, change):
        # ArticleForm.clean() locked the workflow row and checked the edit version in this
        # same transaction (the admin wraps the whole view in one), so a bump here is safe.
        super().save_model(request, obj, form, change)
        if change:
            ArticleControl.objects.filter(article=obj).update(edit_version=F("edit_version") + 1)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        bodies = {b.audience: b.body for b in article.bodies.select_related("audience")}
        problems = check_content(
            bodies=bodies,
            references=[c.reference for c in article.citations.select_related("reference")],
            default_audience=Audience.objects.default(),
        )
        for problem in problems:
            messages.warning(request, problem.message)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None and article_is_frozen(article) and request.method == "GET":
            if article.control.retired_at:
                messages.info(request, _("This article is retired: it is read-only and off the public site."))
            else:
                messages.info(
                    request, _("This article is under review and read-only. Withdraw the request to edit it.")
                )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(EditorialPolicy)
class EditorialPolicyAdmin(VersionAdmin):
    list_display = ["title", "updated_at"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """Snapshots are written by the workflow only; editors may look, never touch."""

    list_display = ["question", "status", "last_reviewed", "next_review_due", "published_at"]
    list_filter = ["status", "topic"]
    list_select_related = ["topic"]
    search_fields = ["question", "slug"]
    exclude = ["search_vector"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
