from pathlib import Path

import pytest
from django.contrib.auth.models import Permission

from tests import factories

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "references"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def fixture_text(name: str) -> str:
    """The file exactly as written, line endings included (sample.ris uses CRLF, as Zotero writes it)."""
    return fixture_bytes(name).decode("utf-8")


@pytest.fixture
def qaseem(db):
    """The library's copy of Qaseem 2017, which every sample file repeats: DOI known, PMID and pages not."""
    return factories.make_reference(
        key="qaseem2017",
        type="Practice Guideline",
        title="Noninvasive treatments for acute, subacute, and chronic low back pain",
        authors="Qaseem, Amir",
        source="Ann Intern Med",
        year=2017,
        volume="166",
        issue="",
        pages="",
        doi="10.7326/M16-2367",
    )


def _staff(username: str, *codenames: str):
    user = factories.make_user(username=username, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="references", codename__in=codenames))
    return user


@pytest.fixture
def librarian(db):
    """Staff who may view, add and change references."""
    return _staff("librarian", "view_reference", "add_reference", "change_reference")


@pytest.fixture
def reader_staff(db):
    """Staff who may only view references."""
    return _staff("readerstaff", "view_reference")


HEALTH = FIXTURES / "health"


@pytest.fixture(autouse=True)
def _checks_never_leave_the_machine(settings):
    """The health checks talk to a local server in tests, fast: nothing is ever sent to the network
    (the services' addresses point at a closed local port unless a test points them at `local_server`)."""
    settings.CITATION_CHECK_CROSSREF_URL = "http://127.0.0.1:9"
    settings.CITATION_CHECK_EUTILS_URL = "http://127.0.0.1:9"
    settings.CITATION_CHECK_CONTACT_EMAIL = "editors@example.org"
    settings.CITATION_CHECK_CROSSREF_PER_SECOND = 1000
    settings.CITATION_CHECK_PUBMED_PER_SECOND = 1000
    settings.CITATION_CHECK_TIMEOUT_SECONDS = 0.5
    settings.CITATION_CHECK_RETRIES = 2
    settings.CITATION_CHECK_BACKOFF_SECONDS = 0
    settings.CITATION_CHECK_MAX_WAIT_SECONDS = 0.1
    settings.LINK_CHECK_TIMEOUT_SECONDS = 0.5
    settings.LINK_CHECK_PER_HOST_PER_SECOND = 1000
    settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = True
    settings.LINK_CHECK_FAILURES_BEFORE_BROKEN = 2


@pytest.fixture
def local_server(settings):
    """A local HTTP server standing in for Crossref, E-utilities and web sites (see local_server.py)."""
    from .local_server import LocalServer

    server = LocalServer().start()
    settings.CITATION_CHECK_CROSSREF_URL = server.url + "/crossref"
    settings.CITATION_CHECK_EUTILS_URL = server.url + "/eutils"
    yield server
    server.stop()


@pytest.fixture
def chief_editor(db):
    """Staff with the citation-health report permission (and view_reference)."""
    return _staff("chiefref", "view_reference", "view_citation_health_report")


@pytest.fixture
def signals_sent():
    """Every reference signal sent during the test, as (signal name, arguments without sender)."""
    from references import signals

    sent: list[tuple[str, dict]] = []
    receivers = {}
    for name in ("reference_health_changed", "references_merged", "references_unmerged"):

        def receiver(sender, signal=None, _name=name, **kwargs):
            sent.append((_name, kwargs))

        receivers[name] = receiver
        getattr(signals, name).connect(receiver)
    yield sent
    for name, receiver in receivers.items():
        getattr(signals, name).disconnect(receiver)
