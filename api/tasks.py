"""Background jobs of the partner API: webhook deliveries, one task per attempt."""

from django_tasks import task

from .services import webhook_delivery_attempt


@task()
def deliver_webhook(delivery_pk: int) -> str:
    """Make one attempt of a webhook delivery; a failed attempt queues the next with back-off."""
    following = webhook_delivery_attempt(
        delivery_pk=delivery_pk, can_defer=deliver_webhook.get_backend().supports_defer
    )
    if following is not None:
        deliver_webhook.using(run_after=following.scheduled_for).enqueue(following.pk)
        return f"retry queued as attempt {following.attempt}"
    return "done"
