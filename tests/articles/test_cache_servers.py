"""Two app servers sharing one Redis: a publish through one is what the other serves next, for every audience."""

import http.client
import os
import socket
import subprocess
import sys
import time
from inspect import signature
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client

from articles.models import ArticleBody
from reviews.services import review_start, review_submit
from tests import factories
from tests.conftest import skip_or_fail

REDIS_URL = os.environ.get("PAGE_CACHE_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")  # this suite's own database
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_db():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail(f"needs Redis at {REDIS_URL} (PAGE_CACHE_TEST_REDIS_URL)")
    client.flushdb()  # only this suite's database number
    yield client
    client.flushdb()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``gunicorn`` serving the project on a free port, on the test database and the shared Redis."""

    def __init__(self):
        self.port = _free_port()
        db = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.articles.cache_server_settings",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "REDIS_URL": REDIS_URL,
            "PYTHONPATH": str(ROOT),
        }
        command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "-b", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(  # noqa: S603
            [*command, "-w", "1", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        pytest.fail(f"the app server did not start: {self.process.stderr.read().decode()[-2000:]}")

    def request(self, method: str, path: str, body: str = "", headers: dict | None = None) -> tuple[int, dict, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body.encode(), headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode()
        finally:
            conn.close()

    def get(self, path: str) -> str:
        status, _headers, text = self.request("GET", path)
        assert status == 200, (path, status)
        return text

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def servers(requires_postgres, redis_db):
    started = []
    try:
        started.append(Server())
        started.append(Server())
        yield started
    finally:
        for server in started:
            server.stop()


def servers_redis_entries(redis_db) -> list[bytes]:
    return redis_db.keys("*pages:entry:*")


def test_a_publish_through_one_server_is_served_by_the_other(
    transactional_db, servers, redis_db, audiences, editor, reviewer
):
    """Both servers cache the page in Redis; a board member approves a new revision through server A; server B
    then serves the new revision, and each audience its own version throughout."""
    a, b = servers
    topic = factories.make_topic(name="Back pain")
    factories.route_topic(topic, "Internal medicine")
    article = factories.make_cited_article(author=editor, topic=topic)
    factories.approve(article, editor=editor, reviewer=reviewer)
    path = article.publication.get_absolute_url()
    for server in (b, a, b):  # b renders and stores; a and b are then served from Redis
        assert "Mostly muscular" in server.get(path)
        assert "Usually harmless" in server.get(f"{path}?audience=patient")
    assert "Mostly muscular" not in b.get(f"{path}?audience=patient")
    assert len(servers_redis_entries(redis_db)) >= 2  # the two versions are held in the shared cache
    assert b.request("GET", path)[1]["Surrogate-Key"].count(f"article:{article.pk}") == 1

    body = ArticleBody.objects.get(article=article, audience__slug="professional")
    body.body = body.body.replace("Mostly muscular", "Usually a strained muscle")
    body.save()
    # Main's version history asks for a change summary on a published article's resubmission.
    summary = {"change_summary": "Clearer wording."} if "change_summary" in signature(review_submit).parameters else {}
    request = review_start(review_request=review_submit(article=article, actor=editor, **summary), actor=reviewer)
    assert "Mostly muscular" in b.get(path)  # invariant 5: the approved version stays live meanwhile

    reviewer_browser = Client()
    reviewer_browser.force_login(reviewer)  # the session row is committed: server A reads it
    session = reviewer_browser.cookies["sessionid"].value
    token = "k" * 32
    form = factories.approval_form(request)
    status, _headers, text = a.request(
        "POST",
        f"/review/{request.pk}/approve/",
        urlencode({**form, "items": form["items"]}, doseq=True),
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={session}; csrftoken={token}",
            "X-CSRFToken": token,
        },
    )
    assert status == 302, text[-2000:]

    for server in (b, a):
        assert "Usually a strained muscle" in server.get(path)
        assert "Mostly muscular" not in server.get(path)
        patient = server.get(f"{path}?audience=patient")
        assert "Usually harmless" in patient
        assert "Usually a strained muscle" not in patient
