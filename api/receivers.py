"""The articles app's events become webhook deliveries (connected in ``ApiConfig.ready``)."""

from django.dispatch import receiver

from articles import events
from articles.models import Publication

from .models import WebhookDelivery
from .services import webhook_event_record

Event = WebhookDelivery.Event


def _approved(article_id: int) -> Publication | None:
    return Publication.objects.approved().filter(article_id=article_id).first()


def _record(event: str, article_id: int, *, public: bool = True, reason: str = "") -> None:
    publication = _approved(article_id)
    if publication is None:
        return
    if public and not Publication.objects.public().filter(pk=publication.pk).exists():
        return
    webhook_event_record(event=event, publication=publication, reason=reason)


@receiver(events.article_published)
def announce_published(sender, article_id: int, first: bool, **kwargs) -> None:
    _record(Event.PUBLISHED if first else Event.UPDATED, article_id)


@receiver(events.article_retired)
def announce_retired(sender, article_id: int, **kwargs) -> None:
    _record(Event.RETIRED, article_id, public=False)


@receiver(events.article_restored)
def announce_restored(sender, article_id: int, **kwargs) -> None:
    _record(Event.RESTORED, article_id)


@receiver(events.article_flagged_for_rereview)
def announce_rereview(sender, article_id: int, reason: str = "", **kwargs) -> None:
    _record(Event.REREVIEW, article_id, reason=reason)
