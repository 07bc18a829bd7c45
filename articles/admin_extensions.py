"""Article admin extensions of the articles app itself: per-audience preview links on the article page,
the chief editor's share links, and bulk edits of the article list."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .admin import ArticleAdminExtension, register_article_admin_extension
from .models import PreviewLink, Topic
from .services import article_change_topic
from .services.previews import preview_link_create, preview_link_revoke, preview_link_token


class PreviewExtension(ArticleAdminExtension):
    """ "Preview as readers will see it", one link per audience, and "Share a preview" for the chief editor."""

    panel_templates = ("admin/articles/article/_preview_panel.html",)

    def change_context(self, request, article) -> dict:
        audience_ids = {b.audience_id for b in article.bodies.all()}
        return {
            "preview_audiences": [a for a in request.audiences if a.pk in audience_ids],
            "can_share_preview": request.user.has_perm("articles.add_previewlink"),
        }


register_article_admin_extension(PreviewExtension())


class PreviewLinkForm(forms.ModelForm):
    days = forms.IntegerField(
        label=_("valid for (days)"),
        min_value=1,
        max_value=settings.PREVIEW_LINK_MAX_DAYS,
        initial=7,
        help_text=_("The link stops working after this many days, or when you revoke it."),
    )

    class Meta:
        model = PreviewLink
        fields = ["article", "note"]


@admin.register(PreviewLink)
class PreviewLinkAdmin(admin.ModelAdmin):
    """Share links are made and revoked here; they are never edited (a new link is a new row)."""

    form = PreviewLinkForm
    autocomplete_fields = ["article"]
    list_display = ["article", "note", "created_by", "expires_at", "status", "share_url"]
    list_select_related = ["article", "created_by"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["article__question", "note"]
    actions = ["revoke"]
    readonly_fields = [
        "article",
        "note",
        "revision_id",
        "created_by",
        "created_at",
        "expires_at",
        "revoked_at",
        "share_url",
    ]

    def get_fields(self, request, obj=None):
        return ["article", "note", "days"] if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        link = preview_link_create(
            article=obj.article, actor=request.user, days=form.cleaned_data["days"], note=obj.note
        )
        for field in ("pk", "revision_id", "created_by", "created_at", "expires_at", "note"):
            setattr(obj, field, getattr(link, field))
        messages.success(request, format_html("{} {}", gettext("Share this address:"), self.share_url(obj, request)))

    @admin.display(description=_("status"))
    def status(self, obj: PreviewLink) -> str:
        if obj.revoked_at:
            return gettext("Revoked")
        return gettext("Active") if obj.expires_at > timezone.now() else gettext("Expired")

    @admin.display(description=_("address to share"))
    def share_url(self, obj: PreviewLink, request=None) -> str:
        if not obj.is_active:
            return "—"
        return settings.SITE_URL.rstrip("/") + f"/preview/shared/{preview_link_token(obj)}/"

    @admin.action(description=_("Revoke the selected links"), permissions=["revoke"])
    def revoke(self, request, queryset):
        for link in queryset:
            preview_link_revoke(link=link, actor=request.user)
        messages.success(request, gettext("%(n)d links revoked; they stop working at once.") % {"n": len(queryset)})

    def has_revoke_permission(self, request) -> bool:
        return request.user.has_perm("articles.change_previewlink")


class TopicChoiceForm(forms.Form):
    topic = forms.ModelChoiceField(label=_("New topic"), queryset=Topic.objects.all())


@admin.action(description=_("Move the selected articles to another topic"), permissions=["change"])
def change_topic(modeladmin, request, queryset):
    """Ask for the topic on an intermediate page, then move each article through the service."""
    form = TopicChoiceForm(request.POST if "apply" in request.POST else None)
    if not form.is_valid():
        context = {
            **modeladmin.admin_site.each_context(request),
            "opts": modeladmin.opts,
            "title": gettext("Move articles to another topic"),
            "articles": queryset,
            "form": form,
            "action_name": "change_topic",
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/articles/article/change_topic.html", context)
    topic, moved, refused = form.cleaned_data["topic"], 0, []
    for article in queryset:
        try:
            article_change_topic(article=article, topic=topic, actor=request.user)
            moved += 1
        except ValidationError as error:
            refused.extend(error.messages)
    if moved:
        messages.success(request, gettext("%(n)d articles moved to “%(topic)s”.") % {"n": moved, "topic": topic})
    for message in refused:
        messages.warning(request, message)
    return None


class BulkEditExtension(ArticleAdminExtension):
    """Bulk edits of the article list that belong to the articles app itself."""

    actions = (change_topic,)


register_article_admin_extension(BulkEditExtension())
