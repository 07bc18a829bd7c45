import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from references.checks import crossref, pubmed
from references.checks.http import ServiceError
from references.checks.runner import check_sources
from references.models import Finding, ReferenceCheck
from tests.factories import make_reference

from .conftest import HEALTH
from .local_server import Answer

pytestmark = pytest.mark.django_db

RETRACTED_DOI = "10.5555/Spine.2019.0042"


def crossref_work(server, doi: str, fixture: str, *more: Answer) -> None:
    body = (HEALTH / fixture).read_text()
    server.route(f"/crossref/works/{doi}", *more, Answer(200, body, {"Content-Type": "application/json"}))


def efetch(server, *answers: Answer) -> None:
    server.route("/eutils/efetch.fcgi", *answers)


EFETCH = Answer(200, (HEALTH / "pubmed-efetch.xml").read_bytes(), {"Content-Type": "text/xml"})


def test_crossref_updated_by_becomes_findings():
    """A work's "updated-by" notices: a retraction (listed by the publisher and by Retraction Watch) and a correction."""
    import json

    message = json.loads((HEALTH / "crossref-work-retracted.json").read_text())["message"]
    found = {(f.kind, f.notice_doi, f.notice_date.isoformat()) for f in crossref.findings_from_work(message)}
    assert ("retracted", "10.5555/spine.2021.retraction.7", "2021-06-02") in found
    assert ("corrected", "10.5555/spine.2020.erratum.3", "2020-01-20") in found


def test_a_notice_record_reports_nothing_about_itself():
    """A retraction notice carries "update-to" (what it retracts), not "updated-by": citing it is no finding."""
    import json

    message = json.loads((HEALTH / "crossref-notice.json").read_text())["message"]
    assert crossref.findings_from_work(message) == []


def test_pubmed_retracted_publication_erratum_and_comment(local_server):
    """Publication type and CommentsCorrections links: RetractionIn, ErratumIn, CommentIn; "Cites" is ignored."""
    efetch(local_server, EFETCH)
    with pubmed.pubmed_client() as client:
        records = pubmed.fetch_records(client, ["90000001", "90000002", "90000003"])
    assert set(records) == {"90000001", "90000002", "90000003"}
    kinds = {pmid: sorted(f.kind for f in pubmed.findings_from_record(r)) for pmid, r in records.items()}
    assert kinds == {"90000001": ["retracted"], "90000002": ["comment", "corrected"], "90000003": []}
    query = local_server.requests[0].query
    assert query["db"] == ["pubmed"]
    assert query["email"] == ["editors@example.org"]
    assert query["id"] == ["90000001,90000002,90000003"]


def test_check_stores_findings_once_and_announces_them(local_server, django_capture_on_commit_callbacks, signals_sent):
    """Crossref by DOI and PubMed by PMID; a second run stores nothing new and sends nothing."""
    spine = make_reference(key="spine", doi=RETRACTED_DOI)
    heat = make_reference(key="heat", pmid="90000001")
    walk = make_reference(key="walk", pmid="90000002", doi="10.5555/back.2020.7")
    crossref_work(local_server, RETRACTED_DOI, "crossref-work-retracted.json")
    crossref_work(local_server, "10.5555/back.2020.7", "crossref-work-clean.json")
    efetch(local_server, EFETCH)
    with django_capture_on_commit_callbacks(execute=True):
        summary = check_sources([spine, heat, walk])
    assert summary.checked == 3
    assert not summary.errors
    assert spine.health.is_retracted
    assert spine.health.is_corrected
    assert heat.health.is_retracted
    assert walk.health.is_corrected
    assert not walk.health.is_retracted
    received = sorted((kw["reference"].pk, kw["finding"].kind) for name, kw in signals_sent)
    assert received == sorted(
        [
            (spine.pk, "retracted"),
            (spine.pk, "corrected"),
            (heat.pk, "retracted"),
            (walk.pk, "corrected"),
            (walk.pk, "comment"),
        ]
    )
    assert {name for name, _kw in signals_sent} == {"reference_health_changed"}
    stored = Finding.objects.count()
    signals_sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = check_sources([spine, heat, walk])
    assert (Finding.objects.count(), again.findings, signals_sent) == (stored, [], [])
    assert ReferenceCheck.objects.get(reference=spine).sources_checked_at is not None
    assert Finding.objects.get(reference=heat).details["notice_pmid"] == "90000009"


def test_garbage_from_crossref_writes_nothing_for_that_reference(local_server):
    """An HTML maintenance page instead of JSON: the reference keeps its state, with the error noted."""
    spine = make_reference(key="spine", doi=RETRACTED_DOI)
    local_server.route(f"/crossref/works/{RETRACTED_DOI}", Answer(200, "<html>Down for maintenance</html>"))
    summary = check_sources([spine])
    assert summary.errors == [("spine", "Crossref answered with something that is not JSON.")]
    check = ReferenceCheck.objects.get(reference=spine)
    assert (check.sources_checked_at, check.sources_error) == (
        None,
        "Crossref answered with something that is not JSON.",
    )
    assert not Finding.objects.exists()


def test_garbage_from_pubmed_is_an_error_not_a_crash(local_server):
    """Not XML, or XML that is not a PubmedArticleSet: a clear error for the references of that batch."""
    heat = make_reference(key="heat", pmid="90000001")
    efetch(
        local_server, Answer(200, "{not xml"), Answer(200, "<eFetchResult><ERROR>Empty id list</ERROR></eFetchResult>")
    )
    assert check_sources([heat]).errors == [("heat", "PubMed answered with something that is not XML.")]
    assert "Empty id list" in check_sources([heat]).errors[0][1]
    assert not Finding.objects.exists()


def test_crossref_429_then_success_is_retried(local_server):
    """Too many requests: retried after Retry-After, and the check completes."""
    spine = make_reference(key="spine", doi=RETRACTED_DOI)
    crossref_work(
        local_server, RETRACTED_DOI, "crossref-work-retracted.json", Answer(429, headers={"Retry-After": "0"})
    )
    assert check_sources([spine]).errors == []
    assert spine.health.is_retracted
    assert local_server.paths().count(f"/crossref/works/{RETRACTED_DOI}") == 2


def test_a_slow_crossref_is_given_up_on_and_tried_next_run(local_server):
    """Timeouts on every attempt: an error for this run, nothing written."""
    spine = make_reference(key="spine", doi=RETRACTED_DOI)
    local_server.route(f"/crossref/works/{RETRACTED_DOI}", Answer(200, "{}", delay=0.8))
    summary = check_sources([spine])
    assert "did not answer in time" in summary.errors[0][1]
    assert not Finding.objects.exists()


def test_unknown_identifiers_are_noted_not_failed(local_server):
    """Crossref's 404 and a PMID missing from PubMed's answer are notes; the check still counts."""
    ghost = make_reference(key="ghost", doi="10.5555/nothing.here", pmid="90000099")
    efetch(local_server, EFETCH)
    summary = check_sources([ghost])
    assert summary.errors == []
    assert [note for _key, note in summary.notes] == [
        "Crossref does not know the DOI 10.5555/nothing.here.",
        "PubMed does not know the PMID 90000099.",
    ]
    assert ReferenceCheck.objects.get(reference=ghost).sources_checked_at is not None


def test_malformed_identifiers_are_skipped_without_asking(local_server):
    """A DOI or PMID that cannot be one is never sent; the summary says what to correct."""
    from references.models import Reference

    Reference.objects.bulk_create([Reference(citation_key="bad", title="T", doi="10.12/x", pmid="12ab")])
    bad = Reference.objects.get(citation_key="bad")
    summary = check_sources([bad])
    assert summary.skipped == [
        ("bad", "the DOI “10.12/x” is malformed; the PMID “12ab” is malformed: correct it in the library.")
    ]
    assert local_server.requests == []


def test_command_shows_progress_findings_and_a_summary(local_server):
    """check_references: a running count, each new finding, and a closing summary per kind of check."""
    make_reference(key="spine", doi=RETRACTED_DOI)
    crossref_work(local_server, RETRACTED_DOI, "crossref-work-retracted.json")
    from io import StringIO

    out = StringIO()
    call_command("check_references", "--only", "sources", stdout=out)
    text = out.getvalue()
    assert "Identifiers: 1 references to ask Crossref and PubMed about." in text
    assert "checked 1 of 1 (100%) in" in text
    assert "spine: Retracted (Crossref, 10.5555/spine.2021.retraction.7, 2021-06-02)" in text
    assert "Identifiers: 1 checked, 2 new findings, 0 failed, 0 skipped." in text


def test_command_fails_when_a_service_fails(local_server):
    """A run with failures ends with a non-zero exit and says to run again."""
    make_reference(key="spine", doi=RETRACTED_DOI)
    local_server.route(f"/crossref/works/{RETRACTED_DOI}", Answer(500))
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError, match="could not be checked"):
        call_command("check_references", "--only", "sources", stdout=StringIO(), stderr=err)
    assert "failed spine: Crossref answered HTTP 500, 3 times; giving up for now." in err.getvalue()


def test_command_refuses_unknown_keys():
    """Naming a key the library does not have is a clear error."""
    with pytest.raises(CommandError, match="No reference has the key"):
        call_command("check_references", "nosuchkey")


def test_service_error_message_is_plain():
    """ServiceError carries a sentence, not a traceback."""
    assert str(ServiceError("Crossref answered HTTP 503.")) == "Crossref answered HTTP 503."
