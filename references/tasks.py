"""Background jobs of the reference library: the periodic health checks.

The periodic entry (``manage.py enqueue_scheduled_jobs``) queues ``check_reference_health`` and
``link_check``. Each run checks at most ``CITATION_CHECK_BATCH_SIZE`` references, those checked
longest ago (or never) first, and leaves alone any checked within ``CITATION_CHECK_INTERVAL_DAYS``; so
a run every minute spreads the library over the interval, costs one query when nothing is due, and
two overlapping runs store each finding once.
"""

import logging

from django.conf import settings
from django_tasks import task

from .checks.runner import check_links, check_sources, links_due, sources_due

logger = logging.getLogger(__name__)


@task()
def check_reference_health() -> str:
    """Ask Crossref and PubMed about the references due for a check; store retractions and corrections.
    Runs only once the site has a contact address for the services (``CITATION_CHECK_CONTACT_EMAIL``),
    as their polite-use rules ask: a development copy never calls them on its own."""
    if not settings.CITATION_CHECK_CONTACT_EMAIL:
        return "not configured: set CITATION_CHECK_CONTACT_EMAIL to check sources on a schedule"
    due = list(sources_due(older_than_days=settings.CITATION_CHECK_INTERVAL_DAYS)[: settings.CITATION_CHECK_BATCH_SIZE])
    if not due:
        return "nothing due"
    summary = check_sources(due)
    outcome = summary.as_text()
    logger.info("Reference health check: %s", outcome)
    for key, error in summary.errors:
        logger.warning("Reference %s not checked: %s", key, error)
    return outcome


@task()
def link_check() -> str:
    """Check the web addresses of the references due for it; store broken and moved links (also only
    once ``CITATION_CHECK_CONTACT_EMAIL`` is set: the checker names the site and that address)."""
    if not settings.CITATION_CHECK_CONTACT_EMAIL:
        return "not configured: set CITATION_CHECK_CONTACT_EMAIL to check links on a schedule"
    due = list(links_due(older_than_days=settings.CITATION_CHECK_INTERVAL_DAYS)[: settings.CITATION_CHECK_BATCH_SIZE])
    if not due:
        return "nothing due"
    outcome = check_links(due).as_text()
    logger.info("Link check: %s", outcome)
    return outcome
