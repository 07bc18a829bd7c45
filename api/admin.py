"""The chief editor's side of the partner API: keys, webhook endpoints and the delivery log.

A new key or signing secret is shown once, on the page that answers the "Save" (never in a
message, a cookie or the database); afterwards only the key's prefix is visible.
"""

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import webhooks
from .models import ApiKey, WebhookDelivery, WebhookEndpoint
from .services import api_key_issue, api_key_revoke, webhook_endpoint_save


@admin.action(description=gettext_lazy("Revoke the selected keys"), permissions=["change"])
def revoke_keys(modeladmin, request, queryset):
    revoked = sum(api_key_revoke(api_key=key, actor=request.user) for key in queryset)
    modeladmin.message_user(
        request,
        _("%(count)d key(s) revoked: they answer 401 from now on, and their webhooks are switched off.")
        % {"count": revoked},
        messages.SUCCESS,
    )


class WebhookEndpointInline(admin.TabularInline):
    model = WebhookEndpoint
    fields = ["url", "active", "created_at"]
    readonly_fields = ["url", "active", "created_at"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # endpoints are added on their own page, which shows the new secret once


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "created_at", "last_used_at", "usage_count", "rate", "state"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix"]
    readonly_fields = ["prefix", "created_at", "created_by", "last_used_at", "usage_count", "revoked_at"]
    fields = ["name", "requests_per_minute", "notes", *readonly_fields]
    actions = [revoke_keys]
    inlines = [WebhookEndpointInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoke instead: the partner's usage stays on record

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def get_fields(self, request, obj=None):
        return self.fields if obj else ["name", "requests_per_minute", "notes"]

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    @admin.display(description=gettext_lazy("requests per minute"))
    def rate(self, obj: ApiKey) -> int:
        return obj.rate_limit

    @admin.display(description=gettext_lazy("state"))
    def state(self, obj: ApiKey) -> str:
        return _("Revoked") if obj.revoked_at else _("Active")

    def save_model(self, request, obj, form, change) -> None:
        if change:
            obj.save()
        else:
            request._new_api_key = api_key_issue(api_key=obj, actor=request.user)

    def response_add(self, request: HttpRequest, obj: ApiKey, post_url_continue=None) -> HttpResponse:
        return _show_once(
            request,
            self,
            obj,
            title=_("API key for %(name)s") % {"name": obj.name},
            label=_("API key"),
            secret=request._new_api_key,
            advice=_(
                "Copy the key now and give it to the partner through a safe channel. It is not stored and "
                "will not be shown again; if it is lost, revoke it and issue a new one."
            ),
        )


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(
        label=gettext_lazy("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=WebhookEndpoint._meta.get_field("url").help_text,
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["api_key", "url", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["api_key"].queryset = ApiKey.objects.active()

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        webhooks.check_url(url)  # ValidationError: a clear message on the field
        return url


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["url", "api_key", "active", "created_at", "log"]
    list_filter = ["active"]
    list_select_related = ["api_key"]
    search_fields = ["url", "api_key__name"]
    readonly_fields = ["created_at"]

    def save_model(self, request, obj, form, change) -> None:
        new = obj.pk is None
        # The form has just checked the URL (clean_url); every delivery checks it again.
        webhook_endpoint_save(endpoint=obj, actor=request.user, url_checked=True)
        if new:
            request._new_webhook_secret = obj.secret

    def response_add(self, request: HttpRequest, obj: WebhookEndpoint, post_url_continue=None) -> HttpResponse:
        return _show_once(
            request,
            self,
            obj,
            title=_("Webhook for %(name)s") % {"name": obj.api_key.name},
            label=_("Signing secret"),
            secret=request._new_webhook_secret,
            advice=_(
                "Give this secret to the partner: every delivery carries X-Clinical-Answers-Signature, "
                "sha256= and the HMAC-SHA256 of the request body with this secret. It will not be shown again."
            ),
        )

    @admin.display(description=gettext_lazy("deliveries"))
    def log(self, obj: WebhookEndpoint) -> str:
        url = reverse("admin:api_webhookdelivery_changelist") + f"?endpoint__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Delivery log"))


def _show_once(request, model_admin, obj, *, title: str, label: str, secret: str, advice: str) -> HttpResponse:
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": title,
        "object": obj,
        "label": label,
        "secret": secret,
        "advice": advice,
        "change_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
        "changelist_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
    }
    response = TemplateResponse(request, "api/admin/secret_shown_once.html", context)
    response["Cache-Control"] = "no-store"
    return response


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log: one row per attempt, read-only."""

    list_display = ["created_at", "event", "endpoint", "article_id", "attempt", "status", "status_code", "error"]
    list_filter = ["status", "event", "endpoint"]
    list_select_related = ["endpoint"]
    search_fields = ["delivery_id", "endpoint__url"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "delivery_id",
        "endpoint",
        "event",
        "article_id",
        "attempt",
        "status",
        "status_code",
        "error",
        "created_at",
        "scheduled_for",
        "attempted_at",
        "finished_at",
        "payload",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
