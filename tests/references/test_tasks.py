import pytest

from references.models import ReferenceCheck
from references.tasks import check_reference_health, link_check
from tests.factories import make_reference

from .conftest import HEALTH
from .local_server import Answer

pytestmark = pytest.mark.django_db


def test_the_health_job_checks_what_is_due_then_nothing(local_server, settings):
    """A run checks references never checked; the next run within the interval has nothing to do."""
    settings.CITATION_CHECK_BATCH_SIZE = 10
    spine = make_reference(key="spine", doi="10.5555/Spine.2019.0042")
    body = (HEALTH / "crossref-work-retracted.json").read_text()
    local_server.route("/crossref/works/10.5555/Spine.2019.0042", Answer(200, body))
    outcome = check_reference_health.call()
    assert outcome.startswith("1 checked, 2 new findings")
    assert spine.health.is_retracted
    assert check_reference_health.call() == "nothing due"


def test_the_link_job_checks_links(local_server):
    """The link job stores each link's status; a second run within the interval does nothing."""
    page = make_reference(key="page", url=local_server.route("/gone", Answer(410)))
    assert link_check.call().startswith("1 checked, 1 new findings")
    assert ReferenceCheck.objects.get(reference=page).link_status == "broken"
    assert link_check.call() == "nothing due"


def test_jobs_are_registered_tasks():
    """Both are Tasks API tasks the periodic entry can enqueue."""
    assert check_reference_health.name == "check_reference_health"
    assert link_check.name == "link_check"


def test_without_a_contact_address_the_scheduled_checks_call_nobody(local_server, settings):
    """A site that has not named its contact address (a development copy) never calls the services on a schedule."""
    settings.CITATION_CHECK_CONTACT_EMAIL = ""
    make_reference(key="spine", doi="10.5555/Spine.2019.0042")
    assert check_reference_health.call().startswith("not configured")
    assert link_check.call().startswith("not configured")
    assert not ReferenceCheck.objects.exists()


def test_a_run_stops_when_the_services_do_not_answer(local_server, settings):
    """Three failed references in a row mean the services are down: the run stops, the rest stays due."""
    settings.CITATION_CHECK_BATCH_SIZE = 10
    settings.CITATION_CHECK_RETRIES = 0
    for n in range(6):
        make_reference(key=f"ref{n}", doi=f"10.5555/Down.{n}")
        local_server.route(f"/crossref/works/10.5555/Down.{n}", Answer(503))
    outcome = check_reference_health.call()
    assert "3 failed" in outcome
    assert "stopped early" in outcome
    assert not ReferenceCheck.objects.filter(sources_checked_at__isnull=False).exists()
