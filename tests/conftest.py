import os

import pytest
from django.db import connection

from . import factories

IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str) -> None:
    """Skip locally when a service is missing; under CI=true a missing service is a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: .ci/run provides it, so this must not be skipped)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Pages cached by an earlier test (whose rows were rolled back, unseen by any signal) are never served."""
    from articles.cache import invalidate_all

    invalidate_all()


@pytest.fixture(autouse=True)
def _source_language():
    """A request to /es/… leaves Spanish active in the test's thread (as in any server thread until
    its next request): each test starts, and ends, in the source language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def requires_postgres(db):
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL: set DATABASE_URL=postgres://... to run it")


@pytest.fixture
def professional(db):
    return factories.make_audience(slug="professional", label="Healthcare professional", is_default=True, order=0)


@pytest.fixture
def patient(db):
    return factories.make_audience(slug="patient", label="Patient or caregiver", order=1)


@pytest.fixture
def student(db):
    return factories.make_audience(slug="student", label="Medical student", order=2)


@pytest.fixture
def audiences(professional, patient, student):
    return [professional, patient, student]


@pytest.fixture
def editor(db):
    return factories.make_user(username="editor", groups=("Editors",), is_staff=True)


@pytest.fixture
def other_editor(db):
    return factories.make_user(username="editor2", groups=("Editors",), is_staff=True)


@pytest.fixture
def chief(db):
    return factories.make_user(username="chief", groups=("Chief editors",), is_staff=True)


@pytest.fixture
def reviewer(db):
    return factories.make_board_member(username="reviewer1", display_name="Dr Amara Okafor", credentials="MD, FACP")


@pytest.fixture
def reviewer2(db):
    return factories.make_board_member(username="reviewer2", display_name="Dr Henrik Lindqvist", credentials="MD, PhD")


@pytest.fixture
def topic(db):
    """A topic routed to Internal medicine, the specialty of the ``reviewer`` fixtures."""
    topic = factories.make_topic(name="Back pain")
    factories.route_topic(topic, "Internal medicine")
    return topic


@pytest.fixture
def article(audiences, editor, topic):
    return factories.make_cited_article(author=editor, topic=topic)


@pytest.fixture
def submitted(article, editor, reviewer):
    """A submitted request, assigned to ``reviewer`` (the one member of the topic's specialty so far)."""
    from reviews.services import review_submit

    return review_submit(article=article, actor=editor)


@pytest.fixture
def under_review(submitted, reviewer):
    from reviews.services import review_start

    return review_start(review_request=submitted, actor=reviewer)


class TaskQueue:
    """The test backend's queue (``DummyBackend``, config/test_settings.py) and a worker for it:
    ``run()`` runs every task that is due now, in order, including tasks those tasks queue, and
    records failures as the database worker does, so a test decides exactly when jobs run."""

    def __init__(self):
        from django_tasks import task_backends

        self.backend = task_backends["default"]
        self.backend.clear()

    @property
    def waiting(self) -> list:
        from django_tasks import TaskResultStatus

        return [r for r in self.backend.results if r.status == TaskResultStatus.READY]

    def names(self) -> list[str]:
        return [r.task.name for r in self.waiting]

    def run(self) -> list:
        """Run what is due (``run_after`` passed) until nothing due is left; return the results run."""
        from django.utils import timezone
        from django_tasks import TaskResultStatus
        from django_tasks.base import TaskError
        from django_tasks.utils import get_exception_traceback, get_module_path

        done = []
        while due := [r for r in self.waiting if r.task.run_after is None or r.task.run_after <= timezone.now()]:
            for result in due:
                object.__setattr__(result, "status", TaskResultStatus.RUNNING)
                try:
                    value = result.task.call(*result.args, **result.kwargs)
                except Exception as exc:
                    result.errors.append(
                        TaskError(
                            exception_class_path=get_module_path(type(exc)), traceback=get_exception_traceback(exc)
                        )
                    )
                    object.__setattr__(result, "status", TaskResultStatus.FAILED)
                else:
                    object.__setattr__(result, "_return_value", value)
                    object.__setattr__(result, "status", TaskResultStatus.SUCCESSFUL)
                done.append(result)
        return done


@pytest.fixture
def task_queue():
    queue = TaskQueue()
    yield queue
    queue.backend.clear()
