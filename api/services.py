"""The partner API's write paths: keys, webhook endpoints, events and delivery attempts.

These write only the api app's own tables. The chief editor calls the key and endpoint services
through the admin; the event service runs from the articles app's signals after a commit; the
attempt service runs in the background queue (``api.tasks``).
"""

import json
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Publication

from . import webhooks
from .models import KEY_SCHEME, ApiKey, WebhookDelivery, WebhookEndpoint, hash_key

logger = logging.getLogger(__name__)
Event = WebhookDelivery.Event
Status = WebhookDelivery.Status


def _require_chief(actor: AbstractBaseUser, permission: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied(_("Only the chief editor may manage partners' API keys and webhooks."))


def api_key_create(
    *, name: str, actor: AbstractBaseUser, requests_per_minute: int | None = None, notes: str = ""
) -> tuple[ApiKey, str]:
    """Issue a key for a partner: the row, and the key itself (see ``api_key_issue``)."""
    api_key = ApiKey(name=name, requests_per_minute=requests_per_minute, notes=notes)
    return api_key, api_key_issue(api_key=api_key, actor=actor)


def api_key_issue(*, api_key: ApiKey, actor: AbstractBaseUser) -> str:
    """Give the unsaved ``api_key`` (partner name, limits) a new key and save it. Returns the key,
    which is never stored (only its prefix and hash) and must be shown to the chief editor now.
    Needs ``api.add_apikey``."""
    _require_chief(actor, "api.add_apikey")
    prefix = secrets.token_hex(4)
    while ApiKey.objects.filter(prefix=prefix).exists():  # 4 billion prefixes: a clash is a rare retry
        prefix = secrets.token_hex(4)
    raw_key = f"{KEY_SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
    api_key.prefix, api_key.key_hash, api_key.created_by = prefix, hash_key(raw_key), actor
    api_key.save()
    return raw_key


def api_key_revoke(*, api_key: ApiKey, actor: AbstractBaseUser) -> bool:
    """Revoke a key at once (its next request answers 401) and stop its webhooks; False if it
    already was revoked. Needs ``api.change_apikey``."""
    _require_chief(actor, "api.change_apikey")
    with transaction.atomic():
        revoked = ApiKey.objects.filter(pk=api_key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        WebhookEndpoint.objects.filter(api_key_id=api_key.pk).update(active=False)
    api_key.refresh_from_db(fields=["revoked_at"])
    return bool(revoked)


def api_key_record_use(*, api_key: ApiKey) -> None:
    """Count one request: a single UPDATE (usage and last use), no read, no lock held past it."""
    ApiKey.objects.filter(pk=api_key.pk).update(usage_count=F("usage_count") + 1, last_used_at=timezone.now())


def webhook_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


def webhook_endpoint_create(
    *, api_key: ApiKey, url: str, actor: AbstractBaseUser, active: bool = True
) -> WebhookEndpoint:
    """Register a partner's URL with a new signing secret (see ``webhook_endpoint_save``)."""
    endpoint = WebhookEndpoint(api_key=api_key, url=url, active=active)
    webhook_endpoint_save(endpoint=endpoint, actor=actor)
    return endpoint


def webhook_endpoint_save(
    *, endpoint: WebhookEndpoint, actor: AbstractBaseUser, url_checked: bool = False
) -> WebhookEndpoint:
    """Save an endpoint after checking its URL (``webhooks.check_url``: ValidationError for a URL
    that is not http(s) or points at this site or a private network); a new one gets a signing
    secret, which the caller shows once (``url_checked``: the caller's form has just run the same
    check). Needs ``api.add_webhookendpoint`` or ``api.change_webhookendpoint``."""
    _require_chief(actor, "api.change_webhookendpoint" if endpoint.pk else "api.add_webhookendpoint")
    if not url_checked:
        try:
            webhooks.check_url(endpoint.url)
        except ValidationError as exc:
            raise ValidationError({"url": exc.messages}) from exc
    endpoint.url = endpoint.url.strip()
    if not endpoint.secret:
        endpoint.secret = webhook_secret()
    endpoint.save()
    return endpoint


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def event_payload(*, event: str, delivery_id, publication: Publication, reason: str = "") -> dict:
    """What a partner receives: the event, its id, when, and the article's public facts."""
    article = {
        "id": publication.article_id,
        "slug": publication.slug,
        "question": publication.question,
        "url": _absolute(publication.get_absolute_url()),
        "api_url": _absolute(reverse("api:article_detail", kwargs={"slug": publication.slug})),
        "status": publication.status,
        "last_reviewed": publication.last_reviewed,
        "next_review_due": publication.next_review_due,
    }
    payload = {"event": event, "id": str(delivery_id), "occurred_at": timezone.now(), "article": article}
    if reason:
        payload["reason"] = reason
    return json.loads(json.dumps(payload, cls=DjangoJSONEncoder))


def webhook_event_record(*, event: str, publication: Publication, reason: str = "") -> list[WebhookDelivery]:
    """Queue ``event`` about ``publication`` for every active endpoint of every active key: one
    first-attempt row each, and one delivery task each once the rows are committed.

    Only approved snapshots are announced: partners never hear of pending-only content.
    """
    from .tasks import deliver_webhook  # the tasks call back into this module

    if publication.status != Publication.Status.APPROVED:
        return []
    endpoints = WebhookEndpoint.objects.filter(active=True, api_key__revoked_at__isnull=True)
    deliveries = []
    with transaction.atomic():
        for endpoint in endpoints:
            delivery = WebhookDelivery(endpoint=endpoint, event=event, article_id=publication.article_id)
            delivery.payload = event_payload(
                event=event, delivery_id=delivery.delivery_id, publication=publication, reason=reason
            )
            deliveries.append(delivery)
        WebhookDelivery.objects.bulk_create(deliveries)
        for delivery in deliveries:
            transaction.on_commit(lambda pk=delivery.pk: deliver_webhook.enqueue(pk), robust=True)
    return deliveries


def retry_delay(attempt: int) -> timedelta:
    """The wait after failed attempt ``attempt`` (1, 2, ...): doubling from ``WEBHOOK_RETRY_DELAY_SECONDS``."""
    return timedelta(seconds=settings.WEBHOOK_RETRY_DELAY_SECONDS * 2 ** (attempt - 1))


def webhook_delivery_attempt(*, delivery_pk: int, can_defer: bool) -> WebhookDelivery | None:
    """Make one attempt: claim the row (so two workers never send it twice), skip it if this
    delivery already succeeded, check the address again, POST the signed payload and record the
    outcome. After a failure the next attempt is queued with back-off, up to ``WEBHOOK_MAX_ATTEMPTS``,
    when the queue can run tasks later (``can_defer``). Returns the next attempt's row, if any.
    """
    now = timezone.now()
    claimed = WebhookDelivery.objects.filter(pk=delivery_pk, status=Status.PENDING).update(
        status=Status.SENDING, attempted_at=now
    )
    if not claimed:
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint__api_key").get(pk=delivery_pk)
    endpoint = delivery.endpoint
    if WebhookDelivery.objects.filter(
        delivery_id=delivery.delivery_id, status=WebhookDelivery.Status.SUCCEEDED
    ).exists():
        return _finish(delivery, status=Status.SKIPPED, error=_("Already delivered; not sent again."))
    if not endpoint.active or endpoint.api_key.revoked_at is not None:
        return _finish(delivery, status=Status.SKIPPED, error=_("The endpoint was switched off or its key revoked."))
    try:
        target = webhooks.check_url(endpoint.url)
    except ValidationError as exc:  # the host now resolves somewhere we refuse
        outcome = webhooks.Outcome(None, " ".join(exc.messages))
    else:
        body = json.dumps(delivery.payload, separators=(",", ":")).encode()
        headers = {
            webhooks.EVENT_HEADER: delivery.event,
            webhooks.DELIVERY_HEADER: str(delivery.delivery_id),
            webhooks.SIGNATURE_HEADER: webhooks.sign(body, endpoint.secret),
        }
        outcome = webhooks.post(target, body=body, headers=headers)
    if outcome.ok:
        return _finish(delivery, status=Status.SUCCEEDED, status_code=outcome.status_code)
    return _finish(
        delivery, status=Status.FAILED, status_code=outcome.status_code, error=outcome.error, retry=can_defer
    )


def _finish(
    delivery: WebhookDelivery, *, status: str, status_code: int | None = None, error: str = "", retry: bool = False
) -> WebhookDelivery | None:
    """Record the attempt's outcome; after a failure, create the next attempt's row when one is due."""
    last = delivery.attempt >= settings.WEBHOOK_MAX_ATTEMPTS
    if status == Status.FAILED and last:
        error = f"{error} {_('Gave up after %(count)d attempts.') % {'count': delivery.attempt}}"
    elif status == Status.FAILED and not retry:
        error = f"{error} {_('Not retried: the task queue cannot run tasks later.')}"
    delivery.status, delivery.status_code = status, status_code
    delivery.error, delivery.finished_at = error.strip()[:500], timezone.now()
    with transaction.atomic():
        delivery.save(update_fields=["status", "status_code", "error", "finished_at"])
        if status != Status.FAILED or last or not retry:
            if status == Status.FAILED:
                logger.warning(
                    "Webhook %s to endpoint %s: %s", delivery.delivery_id, delivery.endpoint_id, delivery.error
                )
            return None
        return WebhookDelivery.objects.create(
            delivery_id=delivery.delivery_id,
            endpoint=delivery.endpoint,
            event=delivery.event,
            article_id=delivery.article_id,
            payload=delivery.payload,
            attempt=delivery.attempt + 1,
            scheduled_for=timezone.now() + retry_delay(delivery.attempt),
        )
