"""Background jobs of the articles app (Django's Tasks API; see README "Background jobs")."""

import logging

from django.db import transaction
from django_tasks import task

from .models import Publication
from .selectors import article_for_workflow
from .services import article_expire

logger = logging.getLogger(__name__)


@task()
def expire_publications() -> int:
    """Stamp every snapshot past its "unpublish at" time as expired, one article at a time under
    its workflow lock. The periodic entry queues it (``manage.py enqueue_scheduled_jobs``).
    Idempotent: a second run finds nothing to stamp. Returns how many expired."""
    expired = 0
    for article_id in list(Publication.objects.due_to_expire().values_list("article_id", flat=True)):
        with transaction.atomic():
            if article_expire(article=article_for_workflow(article_id)):
                expired += 1
                logger.info("Article %s left the public site: its planned publication period ended.", article_id)
    return expired
