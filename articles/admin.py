"""The editors' workspace: articles with their bodies, derived references and related questions."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import F
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import editor
from .diff import diff_content
from .forms import ArticleBodyForm, ArticleForm
from .integrity import content_problems
from .models import (
    Article,
    ArticleBody,
    ArticleControl,
    EditorialPolicy,
    Publication,
    ReaderQuestion,
    RelatedQuestion,
    SearchSynonym,
    Topic,
)
from .search import similar_publications
from .services import article_sync_citations, reader_question_convert
from .versioning import ArticleContent, register_with_reversion


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
    """Locked for review or retired; read once per article object (the admin asks many times per page)."""
    frozen = getattr(article, "_frozen", None)
    if frozen is None:
        control = ArticleControl.objects.filter(article=article).values("review_locked", "retired_at").first()
        frozen = article._frozen = bool(control and (control["review_locked"] or control["retired_at"]))
    return frozen


class ArticleAdminExtension:
    """What another app adds to the one article admin, without replacing its registration.

    The review workflow uses it for its buttons, status panel and list column; an app
    registers an instance with ``register_article_admin_extension`` when its admin module loads.
    """

    #: Templates included at the top of the change page, with the context of ``change_context``.
    panel_templates: tuple[str, ...] = ()
    #: Callables (decorated with ``@admin.display``) appended to the article list's columns.
    list_columns: tuple = ()

    #: Admin actions (``@admin.action`` functions taking modeladmin, request, queryset) for the article list.
    actions: tuple = ()

    def get_urls(self, model_admin: "ArticleAdmin") -> list:
        return []

    def get_queryset(self, request: HttpRequest, queryset):
        return queryset

    def change_context(self, request: HttpRequest, article: Article) -> dict:
        return {}


_extensions: list[ArticleAdminExtension] = []


def register_article_admin_extension(extension: ArticleAdminExtension) -> ArticleAdminExtension:
    """Add ``extension`` to the article admin (once per class, however often the module is imported)."""
    if not any(type(e) is type(extension) for e in _extensions):
        _extensions.append(extension)
    return extension


class InlineLockMixin(ContentLockMixin):
    def has_add_permission(self, request, obj=None):
        if obj is not None and article_is_frozen(obj):
            return False
        return super().has_add_permission(request, obj)


class ArticleBodyInline(InlineLockMixin, admin.StackedInline):
    model = ArticleBody
    form = ArticleBodyForm
    extra = 0
    min_num = 1
    fields = ["audience", "body", "readability"]
    readonly_fields = ["readability"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("audience")

    @admin.display(description=_("readability"))
    def readability(self, obj: ArticleBody | None) -> SafeString | str:
        """Reading grade of the saved body, with a warning above the audience's target grade
        (the editor's script updates it while the editor types)."""
        if obj is None or obj.pk is None:
            return gettext("Save the article to see the reading grade of this body.")
        return editor.readability_html(obj.body, obj.audience)


class RelatedQuestionInline(InlineLockMixin, admin.TabularInline):
    model = RelatedQuestion
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["related"]
    fields = ["related", "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("related")


class PublicationStatusFilter(admin.SimpleListFilter):
    title = _("public status")
    parameter_name = "public"

    def lookups(self, request, model_admin):
        return [
            ("approved", _("Approved")),
            ("pending", _("Pending review")),
            ("none", _("Not public")),
            ("expired", _("Expired (past “unpublish at”)")),
            ("planned_end", _("Public, with an “unpublish at” time")),
        ]

    def queryset(self, request, queryset):
        if self.value() in ("approved", "pending"):
            return queryset.filter(publication__status=self.value())
        if self.value() == "none":
            return queryset.filter(publication__isnull=True)
        if self.value() == "expired":
            return queryset.filter(publication__in=Publication.objects.expired())
        if self.value() == "planned_end":
            return queryset.filter(publication__in=Publication.objects.public().filter(unpublish_at__isnull=False))
        return queryset


@admin.register(Article)
class ArticleAdmin(ContentLockMixin, editor.EditorViews, VersionAdmin):
    """The editors' workspace for one article; other apps extend it through ``ArticleAdminExtension``."""

    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    object_history_template = "admin/articles/article/object_history.html"
    inlines = [ArticleBodyInline, RelatedQuestionInline]
    list_display = ["question", "topic", "author", "public_status", "updated_at"]
    list_select_related = ["topic", "author", "publication", "control"]
    list_filter = [PublicationStatusFilter, "topic"]
    search_fields = ["question", "slug"]
    prepopulated_fields = {"slug": ["question"]}
    date_hierarchy = "updated_at"
    show_full_result_count = False
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["question", "slug", "topic", "summary", "author", "edit_version"]}),
        (_("Suggested related questions"), {"fields": ["suggested_related"]}),
    ]
    readonly_fields = ["author", "suggested_related"]

    class Media:
        # The Markdown editor on each body (a progressive enhancement; see README, "Writing in the editor").
        css = {"all": ["css/admin-editor.css"]}
        js = ["vendor/codemirror/codemirror.min.js", "js/article-editor.js"]

    def __init__(self, *args, **kwargs):
        # The one registration (bodies, citations, related links), before VersionAdmin would
        # guess one from the inlines, which no longer include the derived citations.
        register_with_reversion()
        super().__init__(*args, **kwargs)

    @admin.display(description=_("similar public answers"))
    def suggested_related(self, obj: Article | None) -> SafeString | str:
        """Public answers similar to this one (full-text similarity) that it does not link to yet."""
        if obj is None or obj.pk is None:
            return gettext("Save the article to see similar public answers.")
        suggestions = similar_publications(obj)
        if not suggestions:
            return gettext("No similar public answers found.")
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a> <span class="help">({}, {})</span></li>',
            (
                (
                    reverse("admin:articles_article_change", args=[p.article_id]),
                    p.question,
                    p.topic.name,
                    p.get_status_display(),
                )
                for p in suggestions
            ),
        )
        return format_html(
            '<ul class="suggested-related">{}</ul><p class="help">{}</p>',
            items,
            gettext("Add the ones that fit under “Related questions” below, in the order readers should see them."),
        )

    @admin.display(description=_("public status"), ordering="publication__status")
    def public_status(self, obj: Article) -> str:
        if obj.control.retired_at:
            return _("Retired")
        publication = getattr(obj, "publication", None)
        if publication is not None and publication.is_expired:
            return _("Expired")
        return publication.get_status_display() if publication else _("Not public")

    def view_on_site(self, obj: Article) -> str | None:
        """Link to what readers see, only when they can see it."""
        publication = self._publication(obj)
        if publication is None:
            return None
        publication.article = obj
        return publication.get_absolute_url() if publication.is_public else None

    @staticmethod
    def _publication(article: Article) -> Publication | None:
        """The article's snapshot, read once per article object (the change page asks several times)."""
        if not hasattr(article, "_publication_cache"):
            article._publication_cache = Publication.objects.filter(article=article).first()
        return article._publication_cache

    def get_object(self, request: HttpRequest, object_id: str, from_field=None):
        """Read once per request: the change view, its panels and Django's form view share the object."""
        cache = request.__dict__.setdefault("_article_admin_objects", {})
        key = (object_id, from_field)
        if key not in cache:
            cache[key] = super().get_object(request, object_id, from_field)
        return cache[key]

    def get_list_display(self, request: HttpRequest):
        return [*super().get_list_display(request), *(c for e in _extensions for c in e.list_columns)]

    def changelist_view(self, request, extra_context=None):
        # VersionAdmin wraps the list in one reversion block for list_editable, which this list does not
        # use; its bulk actions run services that each save their own revision (a submission pins one),
        # so they must not be folded into a single outer revision.
        context = {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
        return admin.ModelAdmin.changelist_view(self, request, context)

    @property
    def actions(self) -> list:
        """The bulk actions the extensions add; Django checks each one's ``permissions`` as usual."""
        return [action for e in _extensions for action in e.actions]

    def get_queryset(self, request: HttpRequest):
        queryset = super().get_queryset(request)
        for extension in _extensions:
            queryset = extension.get_queryset(request, queryset)
        return queryset

    def get_urls(self):
        def url(route, view, name):
            return path(route, self.admin_site.admin_view(view), name=f"articles_article_{name}")

        return [
            *(url for e in _extensions for url in e.get_urls(self)),
            url("references/search/", self.reference_search_view, "reference_search"),
            url("preview-markdown/", self.preview_view, "preview"),
            url("<path:object_id>/history/compare/", self.compare_view, "compare"),
            url("<path:object_id>/references/add/", self.add_reference_view, "add_reference"),
            url("<path:object_id>/references/cite-anyway/", self.cite_anyway_view, "cite_anyway"),
            *super().get_urls(),
        ]

    # Saving. Unchanged content is not saved at all: no revision, no new edit version, no history
    # entry. The article's own form may be unchanged while an inline changed, so ``save_model``
    # defers that decision to ``save_related``, which sees the inline formsets.

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed() and not getattr(request, "article_reverting", False):
            form.article_save_deferred = True
            return
        self._save_article(request, obj, form, change)

    def _save_article(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        # ArticleForm.clean() locked the workflow row and checked the edit version in this
        # same transaction (the admin wraps the whole view in one), so a bump here is safe.
        super().save_model(request, obj, form, change)
        if change:
            ArticleControl.objects.filter(article=obj).update(edit_version=F("edit_version") + 1)

    def save_related(self, request, form, formsets, change):
        article = form.instance
        if getattr(form, "article_save_deferred", False):
            if not any(formset.has_changed() for formset in formsets):
                before = set(article.citations.values_list("reference_id", flat=True))
                if {reference.pk for reference in article_sync_citations(article=article)} == before:
                    article.nothing_saved = True
                    return
                # The library now answers a key differently (a reference was imported): that is a change.
            self._save_article(request, article, form, change)
        super().save_related(request, form, formsets, change)
        # The references follow from the bodies' [@key] markers; they join this view's revision.
        article_sync_citations(article=article)
        reversion.add_to_revision(article)
        for problem in content_problems(ArticleContent.from_article(article)):
            messages.warning(request, problem.message)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(form.instance, "nothing_saved", False):
            return []  # the formsets were never saved, so they have no saved objects to describe
        return super().construct_change_message(request, form, formsets, add)

    def get_deleted_objects(self, objs, request):
        """Django lists rows without an admin page by ``str()``: name the workflow flags in words, not by id.
        (Published articles cannot be deleted here at all: their snapshots are the workflow's.)"""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        flags = capfirst(ArticleControl._meta.verbose_name)
        names = {
            f"{flags}: {article.pk}": f"{flags}: "
            + gettext("review lock, edit version and retirement of “%s”") % article
            for article in objs
        }

        def humane(items):
            return [humane(item) if isinstance(item, list) else names.get(str(item), item) for item in items]

        return humane(deleted), counts, perms_needed, protected

    def log_change(self, request, obj, message):
        if getattr(obj, "nothing_saved", False):
            return None
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if getattr(obj, "nothing_saved", False) and IS_POPUP_VAR not in request.POST:
            self.message_user(request, gettext("No changes to save."), messages.INFO)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["editor_config"] = self.editor_config()
        response = super().render_change_form(request, context, add, change, form_url, obj)
        form = context["adminform"].form
        if form.has_error(NON_FIELD_ERRORS, code="conflict"):
            response.status_code = 409  # a stale form: the editor's input is re-shown, nothing saved
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None:
            if article_is_frozen(article) and request.method == "GET":
                if article.control.retired_at:
                    messages.info(request, _("This article is retired: it is read-only and off the public site."))
                else:
                    messages.info(
                        request, _("This article is under review and read-only. Withdraw the request to edit it.")
                    )
            extra_context = {
                **(extra_context or {}),
                **self.publication_context(article),
                "derived": editor.derived_references(article),
                "can_edit_references": self.has_change_permission(request, article),
                "can_add_references": request.user.has_perm("references.add_reference")
                and self.has_change_permission(request, article),
            }
            for extension in _extensions:
                extra_context.update(extension.change_context(request, article))
            extra_context["article_panels"] = [t for e in _extensions for t in e.panel_templates]
        return super().change_view(request, object_id, form_url, extra_context)

    def publication_context(self, article: Article) -> dict:
        """What readers see of this article, and whether the saved content differs from it."""
        publication = self._publication(article)
        live_hash = ArticleContent.from_article(article).fingerprint()
        return {
            "publication": publication,
            "unpublished_edits": publication is not None and publication.content_hash != live_hash,
            "is_retired": article.is_retired,
        }

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # django-reversion has already written the old rows when the form is posted: the form then
        # looks unchanged, but the revert must be saved as a revision like any other change.
        request.article_reverting = True
        return super().revision_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, object_id)
        versions = Version.objects.get_for_object(article).select_related("revision__user") if article else []
        return super().history_view(request, object_id, {**(extra_context or {}), "versions": list(versions)})

    def compare_view(self, request, object_id):
        """Two saved versions of the article side by side, as a readable diff."""
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
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


@admin.register(ReaderQuestion)
class ReaderQuestionAdmin(admin.ModelAdmin):
    """The editors' inbox of readers' questions; the question text is never edited."""

    list_display = ["short_question", "status", "asked_from", "audience", "created_at"]
    list_filter = ["status", "audience", "created_at"]
    list_select_related = ["article", "audience", "draft"]
    search_fields = ["question", "article__question"]
    date_hierarchy = "created_at"
    actions = ["convert_to_drafts", "dismiss"]
    fields = ["question", "article", "audience", "created_at", "status", "draft"]
    readonly_fields = ["question", "article", "audience", "created_at", "draft"]
    show_full_result_count = False
    list_per_page = 50

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # questions come from readers only

    # The inbox is part of the editors' workspace: whoever may change articles may read and triage it.
    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_view_permission(request, obj) or request.user.has_perm("articles.change_article")

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) or request.user.has_perm("articles.change_article")

    def has_convert_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("articles.add_article")

    def get_urls(self):
        urls = [
            path(
                "<path:object_id>/convert/",
                self.admin_site.admin_view(self.convert_view),
                name="articles_readerquestion_convert",
            )
        ]
        return urls + super().get_urls()

    def convert_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_convert_permission(request):
            raise PermissionDenied
        question = get_object_or_404(ReaderQuestion, pk=object_id)
        try:
            article = reader_question_convert(reader_question=question, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(reverse("admin:articles_readerquestion_change", args=[question.pk]))
        messages.success(request, gettext("Draft created from the reader's question. Write the answer below."))
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    @admin.action(description=_("Turn into draft articles"), permissions=["convert"])
    def convert_to_drafts(self, request: HttpRequest, queryset):
        drafts, refused = [], []
        for question in queryset:
            try:
                drafts.append(reader_question_convert(reader_question=question, actor=request.user))
            except ValidationError:
                refused.append(question)
        if refused:
            messages.warning(
                request,
                gettext("%(n)d of the selected questions had already been turned into drafts.") % {"n": len(refused)},
            )
        if len(drafts) == 1:
            messages.success(request, gettext("Draft created from the reader's question. Write the answer below."))
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[drafts[0].pk]))
        if drafts:
            messages.success(request, gettext("%(n)d draft articles created.") % {"n": len(drafts)})
        return None

    @admin.action(description=_("Dismiss (no article needed)"), permissions=["change"])
    def dismiss(self, request: HttpRequest, queryset):
        count = queryset.filter(status=ReaderQuestion.Status.NEW).update(status=ReaderQuestion.Status.DISMISSED)
        messages.success(request, gettext("%(n)d questions dismissed.") % {"n": count})

    @admin.display(description=_("question"), ordering="question")
    def short_question(self, obj: ReaderQuestion) -> str:
        return obj.question if len(obj.question) <= 120 else obj.question[:119] + "…"

    @admin.display(description=_("asked from"), ordering="article__question")
    def asked_from(self, obj: ReaderQuestion) -> str:
        return obj.article.question if obj.article else "—"

    def get_list_display(self, request: HttpRequest):
        # Editors who may add articles get a "Turn into draft" button on each new question.
        column = "draft_or_convert" if self.has_convert_permission(request) else "draft_link"
        return [*self.list_display, column]

    @admin.display(description=_("draft"))
    def draft_link(self, obj: ReaderQuestion) -> SafeString | str:
        if not obj.draft_id:
            return "—"
        url = reverse("admin:articles_article_change", args=[obj.draft_id])
        return format_html('<a href="{}">{}</a>', url, gettext("Open draft"))

    @admin.display(description=_("draft"))
    def draft_or_convert(self, obj: ReaderQuestion) -> SafeString | str:
        if obj.draft_id:
            return self.draft_link(obj)
        # A submit button of the changelist form (which carries the CSRF token), posted to this row's URL.
        return format_html(
            '<button type="submit" class="button" formaction="{}" formmethod="post">{}</button>',
            reverse("admin:articles_readerquestion_convert", args=[obj.pk]),
            gettext("Turn into draft"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_convert": self.has_convert_permission(request)}
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(EditorialPolicy)
class EditorialPolicyAdmin(VersionAdmin):
    list_display = ["title", "updated_at"]


class ExpiryFilter(admin.SimpleListFilter):
    """Snapshots past their planned end of publication, and those that have one ahead."""

    title = _("planned end")
    parameter_name = "expiry"

    def lookups(self, request, model_admin):
        return [("expired", _("Expired")), ("planned", _("Leaves the site later"))]

    def queryset(self, request, queryset):
        if self.value() == "expired":
            return queryset.filter(pk__in=Publication.objects.expired().values("pk"))
        if self.value() == "planned":
            return queryset.filter(unpublish_at__isnull=False).exclude(
                pk__in=Publication.objects.expired().values("pk")
            )
        return queryset


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """Editors keep the lay and clinical words readers search with (README "Search")."""

    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["terms", "note"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """Snapshots are written by the workflow only; editors may look, never touch."""

    list_display = [
        "question",
        "status",
        "last_reviewed",
        "next_review_due",
        "published_at",
        "unpublish_at",
        "expired_at",
    ]
    list_filter = ["status", ExpiryFilter, "topic"]
    list_select_related = ["topic"]
    search_fields = ["question", "slug"]
    exclude = ["search_vector"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Registered after ArticleAdmin exists: previews, share links and bulk edits; the figures' library.
from . import admin_extensions, admin_figures, admin_translations  # noqa: E402, F401
