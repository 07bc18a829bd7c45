"""What the articles app announces when what readers can see changes. Higher apps (the partner
API's webhooks) listen; this app imports none of them. Each signal is sent once the transaction
that made the change commits (never for a rolled-back change), with ``sender=Article`` and
``article_id``; a listener's error is logged and never undoes or fails the change."""

from django.db import transaction
from django.dispatch import Signal

article_published = Signal()  # article_id, first: bool (True for a first approval, False for an update)
article_retired = Signal()  # article_id
article_restored = Signal()  # article_id
article_flagged_for_rereview = Signal()  # article_id, reason: "source_changed"


def send_on_commit(signal: Signal, **kwargs) -> None:
    from .models import Article

    transaction.on_commit(lambda: signal.send(sender=Article, **kwargs), robust=True)
