"""The articles app's background job: stamping answers that reached their planned end."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Publication
from articles.tasks import expire_publications
from tests import factories

pytestmark = pytest.mark.django_db


def _publication(*, ends_in: timedelta | None) -> Publication:
    publication = factories.make_publication(factories.make_article())
    if ends_in is not None:
        Publication.objects.filter(pk=publication.pk).update(unpublish_at=timezone.now() + ends_in)
    return publication


def test_expire_publications_stamps_only_answers_past_their_end(professional, caplog):
    """Past its end: stamped and logged; ending later or never: untouched."""
    past = _publication(ends_in=timedelta(hours=1))
    later = _publication(ends_in=timedelta(days=30))
    never = _publication(ends_in=None)
    with time_machine.travel(timezone.now() + timedelta(hours=2)), caplog.at_level(logging.INFO, "articles.tasks"):
        assert expire_publications.call() == 1
    stamped = dict(Publication.objects.values_list("pk", "expired_at"))
    assert stamped[past.pk] is not None
    assert stamped[later.pk] is None
    assert stamped[never.pk] is None
    assert f"Article {past.article_id} left the public site" in caplog.text


def test_expire_publications_is_idempotent(professional):
    """A second run, or a run through the queue, finds nothing more to do."""
    _publication(ends_in=timedelta(minutes=5))
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert expire_publications.call() == 1
        assert expire_publications.call() == 0
        assert Publication.objects.due_to_expire().count() == 0
        assert Publication.objects.expired().count() == 1


def test_expire_publications_runs_from_the_queue(professional, task_queue):
    """Enqueued, as the periodic entry does, the worker runs it and records the count."""
    _publication(ends_in=timedelta(minutes=5))
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        expire_publications.enqueue()
        [result] = task_queue.run()
    assert result.return_value == 1
