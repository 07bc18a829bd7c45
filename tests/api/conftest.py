import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache

from api.services import api_key_create, webhook_endpoint_create
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # rate-limit windows live in the cache
    yield
    cache.clear()


@pytest.fixture
def issued(chief):
    """A partner's key: (row, the key itself)."""
    return api_key_create(name="St Mary's Hospital", actor=chief)


@pytest.fixture
def key(issued) -> str:
    return issued[1]


@pytest.fixture
def api(client, key):
    """A GET against the API with the partner's key."""

    def get(path, data=None, **headers):
        return client.get(path, data or {}, headers={"X-Api-Key": key, **headers})

    return get


@pytest.fixture
def approved(article):
    return factories.make_publication(article)


class TaskQueue:
    """The DummyBackend's queue, and a worker for it: ``run()`` runs the tasks that are due, in
    order (also the ones they queue), so a test decides when background jobs run."""

    def __init__(self):
        from django_tasks import task_backends

        self.backend = task_backends["default"]
        self.backend.clear()

    @property
    def waiting(self) -> list:
        from django_tasks import TaskResultStatus

        return [r for r in self.backend.results if r.status == TaskResultStatus.READY]

    def run(self) -> list:
        from django.utils import timezone
        from django_tasks import TaskResultStatus

        done = []
        while due := [r for r in self.waiting if r.task.run_after is None or r.task.run_after <= timezone.now()]:
            for result in due:
                object.__setattr__(result, "status", TaskResultStatus.RUNNING)
                value = result.task.call(*result.args, **result.kwargs)
                object.__setattr__(result, "_return_value", value)
                object.__setattr__(result, "status", TaskResultStatus.SUCCESSFUL)
                done.append(result)
        return done


@pytest.fixture
def webhook_queue(settings):
    """Tasks wait until the test runs them; run_after is honoured (the database backend's behaviour)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    queue = TaskQueue()
    yield queue
    queue.backend.clear()


class Receiver:
    """A partner's webhook receiver on 127.0.0.1: records each request and answers with the next
    status from ``statuses`` (then 200; 0 hangs up without answering)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                receiver.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                if status == 0:  # hang up without an answer
                    self.close_connection = True
                    return
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/clinical-answers"

    def payloads(self) -> list[dict]:
        return [json.loads(r["body"]) for r in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    """A local receiver; 127.0.0.1 is allowed past the private-address guard for this test only."""
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"]
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def endpoint(issued, receiver, chief):
    return webhook_endpoint_create(api_key=issued[0], url=receiver.url, actor=chief)
