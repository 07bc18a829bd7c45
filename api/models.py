"""Partners' API keys, their webhook endpoints and the log of every webhook delivery attempt."""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_SCHEME = "ca"  # every key starts "ca_": easy to spot in a leaked file or a secret scanner's rules


def hash_key(raw_key: str) -> str:
    """What is stored of a key: its SHA-256. Keys are 256-bit random strings, so a fast hash is enough
    (there is no dictionary to try); the key itself is shown once and never stored."""
    return hashlib.sha256(raw_key.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def active(self) -> "ApiKeyQuerySet":
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    """A partner's key to the content API. Only a public prefix (for lookup) and a hash are kept."""

    name = models.CharField(_("partner"), max_length=200, help_text=_("Who the key is for, e.g. “St Mary’s Hospital”."))
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        null=True,
        blank=True,
        help_text=_("Empty for the site's default (API_DEFAULT_REQUESTS_PER_MINUTE)."),
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Contract, contact person; never shown to the partner.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    usage_count = models.PositiveBigIntegerField(_("requests"), default=0, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["name", "-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def rate_limit(self) -> int:
        """Requests allowed per minute."""
        return self.requests_per_minute or settings.API_DEFAULT_REQUESTS_PER_MINUTE


class WebhookEndpoint(models.Model):
    """Where a partner wants to hear about changes. The signing secret is kept as it is (it must be,
    to sign), shown once when the endpoint is created and never displayed again."""

    api_key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="webhooks", verbose_name=_("API key"))
    url = models.URLField(
        _("URL"),
        max_length=500,
        help_text=_("An http(s) address on the partner's own server; private and local addresses are refused."),
    )
    secret = models.CharField(max_length=100, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["api_key__name", "url"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One attempt to deliver one event to one endpoint: the delivery log. Every attempt of one
    delivery shares its ``delivery_id`` (the payload's ``id``), so receivers can drop repeats."""

    class Event(models.TextChoices):
        PUBLISHED = "article.published", _("Published")
        UPDATED = "article.updated", _("Updated")
        RETIRED = "article.retired", _("Retired")
        RESTORED = "article.restored", _("Restored")
        REREVIEW = "article.rereview", _("Sent back for re-review")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        SUCCEEDED = "succeeded", _("Delivered")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    delivery_id = models.UUIDField(_("delivery"), default=uuid.uuid4, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("endpoint")
    )
    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    article_id = models.PositiveBigIntegerField(_("article id"))
    payload = models.JSONField()
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    scheduled_for = models.DateTimeField(_("due"), default=timezone.now)
    attempted_at = models.DateTimeField(_("attempted"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-attempt"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(fields=["delivery_id", "attempt"], name="one_row_per_delivery_attempt"),
            # A delivery succeeds at most once: the database refuses a second success.
            models.UniqueConstraint(
                fields=["delivery_id"], condition=Q(status="succeeded"), name="one_success_per_delivery"
            ),
        ]
        indexes = [models.Index(fields=["delivery_id"])]

    def __str__(self) -> str:
        return f"{self.get_event_display()} → {self.endpoint_id} (#{self.attempt})"
