"""Webhook deliveries end to end, against a local HTTP receiver: events, signatures, retries, the log."""

import hashlib
import hmac
import ipaddress
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from api import webhooks
from api.models import WebhookDelivery
from api.services import api_key_revoke, webhook_endpoint_create
from api.tasks import deliver_webhook
from articles.models import Publication
from reviews.services import article_restore, article_retire
from tests import factories

pytestmark = pytest.mark.django_db

Status = WebhookDelivery.Status


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish an article as the workflow does, running what waits for the commit (the events)."""

    def run(article, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return factories.make_publication(article, **kwargs)

    return run


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run(action, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(**kwargs)

    return run


def _verify(request: dict, secret: str) -> dict:
    """What a partner does with a delivery: check the signature over the raw body, then read it."""
    expected = "sha256=" + hmac.new(secret.encode(), request["body"], hashlib.sha256).hexdigest()
    assert hmac.compare_digest(request["headers"]["X-Clinical-Answers-Signature"], expected)
    return json.loads(request["body"])


def test_a_first_approval_delivers_a_signed_published_event(
    article, editor, reviewer, endpoint, receiver, webhook_queue, django_capture_on_commit_callbacks, settings
):
    """The real workflow's approval reaches the partner as ``article.published``, signed, with the article's facts."""
    settings.SITE_URL = "https://answers.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        factories.approve(article, editor=editor, reviewer=reviewer)
    assert receiver.requests == []  # nothing is sent in the request that approved it
    webhook_queue.run()
    (request,) = receiver.requests
    payload = _verify(request, endpoint.secret)
    publication = Publication.objects.get(article=article)
    assert request["path"] == "/hooks/clinical-answers"
    assert request["headers"]["X-Clinical-Answers-Event"] == "article.published"
    assert request["headers"]["X-Clinical-Answers-Delivery"] == payload["id"]
    assert request["headers"]["Content-Type"] == "application/json"
    assert payload["event"] == "article.published"
    assert payload["article"] == {
        "id": article.pk,
        "slug": article.slug,
        "question": article.question,
        "url": f"https://answers.example.org/questions/{article.slug}/",
        "api_url": f"https://answers.example.org/api/v1/articles/{article.slug}/",
        "status": "approved",
        "last_reviewed": publication.last_reviewed.isoformat(),
        "next_review_due": publication.next_review_due.isoformat(),
    }
    (row,) = WebhookDelivery.objects.all()
    assert (row.status, row.status_code, row.attempt, str(row.delivery_id)) == (Status.SUCCEEDED, 200, 1, payload["id"])
    assert row.finished_at is not None


def test_update_retire_restore_and_rereview_events(
    article, chief, endpoint, receiver, webhook_queue, publish, committed
):
    """A re-approval, a retirement, a restoration and a changed source each send their event, in order."""
    publish(article)
    publish(article)
    committed(article_retire, article=article, actor=chief)
    committed(article_restore, article=article, actor=chief)
    reference = article.citations.first().reference
    reference.title = "A corrected title"
    committed(reference.save)
    reference.year = 2021
    committed(reference.save)  # already flagged: no second event
    webhook_queue.run()
    events = [_verify(r, endpoint.secret)["event"] for r in receiver.requests]
    assert events == [
        "article.published",
        "article.updated",
        "article.retired",
        "article.restored",
        "article.rereview",
    ]
    assert receiver.payloads()[-1]["reason"] == "source_changed"


def test_pending_only_content_is_never_announced(article, endpoint, receiver, webhook_queue, publish):
    """A submission shown as pending on the public site sends nothing to partners."""
    publish(article, status=Publication.Status.PENDING)
    webhook_queue.run()
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_failed_attempt_is_retried_with_back_off_then_succeeds(
    article, endpoint, receiver, webhook_queue, publish, time_machine
):
    """HTTP 500, then a second attempt after the back-off delivers the same signed body; the log has both."""
    time_machine.move_to("2025-05-01 12:00:00+00:00")
    receiver.statuses = [500]
    publish(article)
    webhook_queue.run()
    assert len(receiver.requests) == 1
    first, second = WebhookDelivery.objects.order_by("attempt")
    assert (first.status, first.status_code, first.error) == (Status.FAILED, 500, "The receiver answered HTTP 500.")
    assert (second.status, second.attempt) == (Status.PENDING, 2)
    assert second.scheduled_for - first.finished_at >= timedelta(seconds=59)
    webhook_queue.run()
    assert len(receiver.requests) == 1  # not due yet
    time_machine.move_to("2025-05-01 12:01:05+00:00")
    webhook_queue.run()
    second.refresh_from_db()
    assert (second.status, second.status_code) == (Status.SUCCEEDED, 200)
    retried, original = receiver.requests[1], receiver.requests[0]
    assert retried["body"] == original["body"]
    assert retried["headers"]["X-Clinical-Answers-Delivery"] == original["headers"]["X-Clinical-Answers-Delivery"]
    _verify(retried, endpoint.secret)


def test_delivery_gives_up_after_the_last_attempt(
    article, endpoint, receiver, webhook_queue, publish, settings, time_machine
):
    """Down for good (a hang-up, then 503): WEBHOOK_MAX_ATTEMPTS attempts, each logged, then it stops."""
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    receiver.statuses = [0, 503]
    publish(article)
    webhook_queue.run()
    time_machine.move_to(timezone.now() + timedelta(minutes=5))
    webhook_queue.run()
    first, last = WebhookDelivery.objects.order_by("attempt")
    assert first.status == Status.FAILED
    assert first.status_code is None
    assert first.error.startswith("Could not connect")
    assert (last.status, last.status_code) == (Status.FAILED, 503)
    assert "Gave up after 2 attempts." in last.error
    assert webhook_queue.waiting == []


def test_a_delivery_that_succeeded_is_never_sent_again(article, endpoint, receiver, webhook_queue, publish):
    """Running the same attempt twice (a duplicated task) sends once; a stray retry of a delivered event is skipped."""
    publish(article)
    webhook_queue.run()
    delivered = WebhookDelivery.objects.get()
    deliver_webhook.call(delivered.pk)
    stray = WebhookDelivery.objects.create(
        delivery_id=delivered.delivery_id,
        endpoint=endpoint,
        event=delivered.event,
        article_id=delivered.article_id,
        payload=delivered.payload,
        attempt=2,
    )
    deliver_webhook.call(stray.pk)
    stray.refresh_from_db()
    assert len(receiver.requests) == 1
    assert (stray.status, stray.error) == (Status.SKIPPED, "Already delivered; not sent again.")


def test_the_address_is_checked_again_at_delivery(issued, chief, article, webhook_queue, publish, monkeypatch):
    """A host name that resolved to a public address when saved and to a private one now (DNS rebinding) gets no request."""
    answers = {"hooks.partner.example": ["93.184.216.34"]}
    monkeypatch.setattr(webhooks, "resolve", lambda host, port: [ipaddress.ip_address(a) for a in answers[host]])
    monkeypatch.setattr(webhooks, "post", lambda *args, **kwargs: pytest.fail("no request may be made"))
    webhook_endpoint_create(api_key=issued[0], url="https://hooks.partner.example/in", actor=chief)
    answers["hooks.partner.example"] = ["10.0.0.7"]
    publish(article)
    webhook_queue.run()
    first = WebhookDelivery.objects.order_by("attempt").first()
    assert first.status == Status.FAILED
    assert "private" in first.error


def test_a_revoked_keys_webhooks_stop(issued, chief, article, endpoint, receiver, webhook_queue, publish):
    """Revoking a key switches its endpoints off: queued attempts are skipped, new events create none."""
    publish(article)
    api_key_revoke(api_key=issued[0], actor=chief)
    webhook_queue.run()
    assert receiver.requests == []
    assert WebhookDelivery.objects.get().status == Status.SKIPPED
    publish(article)
    assert WebhookDelivery.objects.count() == 1


def test_without_a_queue_that_can_wait_a_failure_is_not_retried(article, endpoint, receiver, publish, settings):
    """With a backend that cannot run tasks later (the immediate one), a failure is logged and not retried."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    receiver.statuses = [500]
    publication = publish(article)
    (row,) = WebhookDelivery.objects.all()
    assert publication.status == Publication.Status.APPROVED  # the approval itself is unaffected
    assert (row.status, row.status_code) == (Status.FAILED, 500)
    assert "Not retried" in row.error


def test_the_request_goes_to_the_checked_address_and_keeps_the_host_name(receiver):
    """The connection is made to the address the guard approved; the Host header still names the partner's host."""
    port = receiver.server.server_address[1]
    target = webhooks.Target(
        url=f"http://hooks.partner.example:{port}/in?source=clinical-answers",
        scheme="http",
        host="hooks.partner.example",
        port=port,
        addresses=(ipaddress.ip_address("127.0.0.1"),),
    )
    outcome = webhooks.post(target, body=b"{}", headers={"X-Clinical-Answers-Event": "article.published"})
    assert outcome.ok
    (request,) = receiver.requests
    assert request["headers"]["Host"] == f"hooks.partner.example:{port}"
    assert request["path"] == "/in?source=clinical-answers"
    assert request["headers"]["User-Agent"] == webhooks.USER_AGENT
