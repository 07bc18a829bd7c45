"""Project-level views: the health check and the error pages."""

import pytest

from config.views import server_error

pytestmark = pytest.mark.django_db


def test_healthz_reports_database(client):
    """/healthz answers 200 with the database checked."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_server_error_page_needs_no_database(rf):
    """The 500 page renders from a plain template, without touching the database."""
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    """A database that does not answer makes /healthz fail loudly for the load balancer."""
    from django.db import OperationalError, connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
