import httpx
import pytest

from references.checks.http import (
    NotFoundError,
    PoliteClient,
    RateLimiter,
    ServiceError,
    retry_after_seconds,
    user_agent,
)

from .local_server import Answer


def client(**kwargs) -> tuple[PoliteClient, list[float]]:
    waits: list[float] = []
    return PoliteClient("Crossref", per_second=1000, sleep=waits.append, **kwargs), waits


def test_user_agent_names_the_contact_address(settings):
    """Crossref's and NCBI's etiquette: every request says who to write to."""
    settings.CITATION_CHECK_CONTACT_EMAIL = "desk@example.org"
    assert "mailto:desk@example.org" in user_agent()


def test_a_429_is_retried_after_the_wait_the_server_asks_for(local_server):
    """Retry-After is honoured (the wait it names, within the allowed maximum), then the answer is used."""
    url = local_server.route("/x", Answer(429, headers={"Retry-After": "0"}), Answer(200, "ok"))
    polite, waits = client(max_wait=1)
    assert polite.get(url).text == "ok"
    assert waits == [0.0]
    assert local_server.requests[0].headers["user-agent"].startswith("ClinicalAnswers-citation-check/")


def test_server_errors_are_retried_with_growing_waits_then_reported(local_server):
    """5xx: tried again after doubling waits, then a clear error naming the service and status."""
    url = local_server.route("/x", Answer(503))
    polite, waits = client(retries=2, backoff=0.001, max_wait=1)
    with pytest.raises(ServiceError, match=r"Crossref answered HTTP 503, 3 times"):
        polite.get(url)
    assert waits == [0.001, 0.002]
    assert len(local_server.requests) == 3


def test_a_wait_longer_than_allowed_is_left_for_the_next_run(local_server):
    """A Retry-After of an hour is not slept through: the run moves on and says so."""
    url = local_server.route("/x", Answer(429, headers={"Retry-After": "3600"}))
    polite, waits = client(max_wait=60)
    with pytest.raises(ServiceError, match="asked to wait 3600 seconds"):
        polite.get(url)
    assert waits == []


def test_a_slow_service_times_out_and_is_retried(local_server):
    """No answer within the timeout counts as a failed attempt."""
    url = local_server.route("/slow", Answer(200, "late", delay=1.0))
    polite, _waits = client(timeout=0.2, retries=1, backoff=0, max_wait=1)
    with pytest.raises(ServiceError, match="did not answer in time, 2 times"):
        polite.get(url)


def test_404_and_other_client_errors_are_not_retried(local_server):
    """An unknown identifier is a NotFoundError at once; a 400 a ServiceError at once."""
    missing = local_server.route("/missing", Answer(404))
    bad = local_server.route("/bad", Answer(400))
    polite, _waits = client()
    with pytest.raises(NotFoundError):
        polite.get(missing)
    with pytest.raises(ServiceError, match="HTTP 400"):
        polite.get(bad)
    assert len(local_server.requests) == 2


def test_a_refused_connection_is_reported():
    """Nothing listening: a clear error, no exception from the HTTP library."""
    polite, _waits = client(retries=0)
    with pytest.raises(ServiceError, match="could not be reached"):
        polite.get("http://127.0.0.1:9/works/x")


def test_rate_limiter_spaces_requests():
    """Two requests per second: the third request in the same instant waits a second."""
    now, waits = [100.0], []
    limiter = RateLimiter(2, clock=lambda: now[0], sleep=waits.append)
    for _ in range(3):
        limiter.wait("crossref")
    assert waits == [0.5, 1.0]
    limiter.wait("another-host")
    assert waits == [0.5, 1.0]


def test_retry_after_as_a_date():
    """Retry-After may be an HTTP date."""
    from datetime import UTC, datetime

    now = datetime(2025, 3, 3, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("Mon, 03 Mar 2025 12:00:30 GMT", now=now) == 30
    assert retry_after_seconds("soon", now=now) is None


def test_mock_transport_garbage_is_passed_on():
    """The client returns any 2xx as is; each service's reader judges the content."""
    transport = httpx.MockTransport(lambda request: httpx.Response(200, text="<html>maintenance</html>"))
    polite, _waits = client(transport=transport)
    assert "maintenance" in polite.get("http://crossref.invalid/works/x").text
