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
    return factories.make_topic(name="Back pain")


@pytest.fixture
def article(audiences, editor, topic):
    return factories.make_cited_article(author=editor, topic=topic)


@pytest.fixture
def submitted(article, editor):
    from reviews.services import review_submit

    return review_submit(article=article, actor=editor)


@pytest.fixture
def under_review(submitted, reviewer):
    from reviews.services import review_start

    return review_start(review_request=submitted, actor=reviewer)
