import os

import pytest

from . import factories

IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str) -> None:
    """Skip locally when a service is missing; under CI=true a missing service is a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: .ci/run provides it, so this must not be skipped)")
    pytest.skip(reason)


@pytest.fixture
def professional(db):
    return factories.make_audience(slug="professional", label="Healthcare professional", is_default=True, order=0)


@pytest.fixture
def patient(db):
    return factories.make_audience(slug="patient", label="Patient or caregiver", order=1)


@pytest.fixture
def editor(db):
    return factories.make_user(username="editor", groups=("Editors",), is_staff=True)


@pytest.fixture
def topic(db):
    return factories.make_topic(name="Back pain")
