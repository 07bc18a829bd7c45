import pytest
from django.core.management import call_command

from references.checks.links import LinkChecker
from references.checks.runner import check_links
from references.models import Finding, ReferenceCheck
from tests.factories import make_reference

from .local_server import Answer

pytestmark = pytest.mark.django_db
Status = ReferenceCheck.LinkStatus


@pytest.fixture
def site(local_server):
    """A web site whose pages answer 200, 301 (a chain), 302, 404, 410, 405 to HEAD, and one that times out."""
    local_server.route("/ok", Answer(200, "<html>fine</html>"))
    local_server.route("/old", Answer(301, headers={"Location": "{base}/older"}))
    local_server.route("/older", Answer(301, headers={"Location": "/new"}))
    local_server.route("/new", Answer(200, "moved here"))
    local_server.route("/temporary", Answer(302, headers={"Location": "/ok"}))
    local_server.route("/gone", Answer(410))
    local_server.route("/missing", Answer(404))
    local_server.route("/slow", Answer(200, "late", delay=1.0))
    local_server.route("/loop", Answer(301, headers={"Location": "/loop"}))
    return local_server


def test_statuses(site):
    """200 works, a 301 chain is "moved" with every hop recorded, 302 works, 404 and 410 are broken,
    no answer in time is unreachable, a redirect loop is broken."""
    with LinkChecker(timeout=0.3) as checker:
        results = {
            path: checker.check(site.url + path)
            for path in ("/ok", "/old", "/temporary", "/missing", "/gone", "/slow", "/loop")
        }
    assert {path: r.status for path, r in results.items()} == {
        "/ok": Status.OK,
        "/old": Status.MOVED,
        "/temporary": Status.OK,
        "/missing": Status.BROKEN,
        "/gone": Status.BROKEN,
        "/slow": Status.UNREACHABLE,
        "/loop": Status.BROKEN,
    }
    moved = results["/old"]
    assert moved.final_url == site.url + "/new"
    assert [(hop["status"], hop["to"]) for hop in moved.redirects] == [
        (301, site.url + "/older"),
        (301, site.url + "/new"),
    ]
    assert results["/gone"].http_status == 410


def test_head_first_then_get_when_head_is_refused(local_server):
    """A server that answers 405 to HEAD is asked again with GET."""
    local_server.route("/page", Answer(405), Answer(200, "body"))
    with LinkChecker() as checker:
        result = checker.check(local_server.url + "/page")
    assert result.status == Status.OK
    assert [r.method for r in local_server.requests] == ["HEAD", "GET"]


def test_private_addresses_are_not_checked(settings, local_server):
    """Outside tests, a link to the server's own network is not fetched."""
    settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = False
    with LinkChecker() as checker:
        result = checker.check(local_server.url + "/ok")
        ftp = checker.check("ftp://example.org/file")
    assert (result.status, ftp.status) == (Status.REFUSED, Status.REFUSED)
    assert "not a public address" in result.error
    assert local_server.requests == []


def test_results_are_stored_as_findings_and_resolved(site):
    """Broken and moved links become findings once; a link that works again resolves them."""
    gone = make_reference(key="gone", url=site.url + "/gone")
    moved = make_reference(key="moved", url=site.url + "/old")
    fine = make_reference(key="fine", url=site.url + "/ok")
    summary = check_links([gone, moved, fine])
    assert summary.statuses == {Status.BROKEN: 1, Status.MOVED: 1, Status.OK: 1}
    assert gone.health.is_link_broken
    assert moved.health.is_link_moved
    assert moved.health.link_final_url == site.url + "/new"
    assert fine.health.is_healthy
    assert Finding.objects.open().filter(kind=Finding.Kind.LINK_MOVED, notice_id=site.url + "/new").count() == 1
    check_links([gone, moved])
    assert Finding.objects.count() == 2
    site.route("/gone", Answer(200, "back"))
    check_links([gone])
    gone.refresh_from_db()
    assert not Finding.objects.open().filter(reference=gone).exists()
    assert ReferenceCheck.objects.get(reference=gone).link_status == Status.OK


def test_a_link_that_times_out_is_broken_only_after_several_checks(site):
    """Unreachable once is no finding; LINK_CHECK_FAILURES_BEFORE_BROKEN (2 here) in a row is."""
    slow = make_reference(key="slow", url=site.url + "/slow")
    check_links([slow], checker=LinkChecker(timeout=0.2))
    assert ReferenceCheck.objects.get(reference=slow).link_status == Status.UNREACHABLE
    assert not Finding.objects.exists()
    check_links([slow], checker=LinkChecker(timeout=0.2))
    state = ReferenceCheck.objects.get(reference=slow)
    assert (state.link_status, state.link_failures) == (Status.BROKEN, 2)
    assert Finding.objects.get().kind == Finding.Kind.LINK_BROKEN


def test_command_checks_links_with_progress_and_summary(site):
    """check_references --only links: a count, the findings and a summary of statuses."""
    from io import StringIO

    make_reference(key="gone", url=site.url + "/gone")
    make_reference(key="fine", url=site.url + "/ok")
    out = StringIO()
    call_command("check_references", "--only", "links", stdout=out)
    text = out.getvalue()
    assert "Links: 2 web addresses to check." in text
    assert "checked 2 of 2 (100%)" in text
    assert "gone: Link broken (Link check, " in text
    assert "Links: 2 checked, 1 new findings, 1 broken, 1 ok, 0 failed, 0 skipped." in text
