import csv
import io

import pytest
from django.urls import reverse

from references.models import Finding
from references.reports import register_report_column
from references.services import reference_mark_superseded
from references.services.findings import FindingData, findings_store
from tests.factories import make_reference

pytestmark = pytest.mark.django_db
REPORT = reverse("admin:references_reference_health_report")


def download(client) -> list[dict]:
    response = client.get(REPORT)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="citation-health-')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_chief_editor_downloads_the_report(client, chief_editor, django_assert_max_num_queries):
    """One row per library reference: retracted, superseded, findings; formulas are neutralised."""
    retracted = make_reference(key="spine", doi="10.5555/Spine.1", title='=HYPERLINK("http://evil")')
    findings_store(
        reference=retracted,
        findings=[
            FindingData(
                kind=Finding.Kind.RETRACTED,
                source=Finding.Source.CROSSREF,
                notice_id="10.5555/n",
                notice_doi="10.5555/n",
            )
        ],
    )
    old, new = make_reference(key="old"), make_reference(key="new")
    reference_mark_superseded(reference=old, superseded_by=new, actor=None)
    for n in range(5):
        make_reference(key=f"more{n}")
    client.force_login(chief_editor)
    with django_assert_max_num_queries(12):
        rows = download(client)
    by_key = {row["Citation key"]: row for row in rows}
    assert len(rows) == 8
    assert by_key["spine"]["Retracted"] == "yes"
    assert by_key["spine"]["Title"].startswith("'=HYPERLINK")
    assert by_key["spine"]["Open findings"] == "Retracted (Crossref, 10.5555/n)"
    assert by_key["old"]["Superseded by"] == "new"
    assert by_key["new"]["Retracted"] == ""


def test_other_apps_may_add_a_column(client, chief_editor):
    """register_report_column: a header and values per reference (how articles can add "cited by")."""
    make_reference(key="one")
    register_report_column("test", "Cited by", lambda refs: {r.pk: 3 for r in refs})
    try:
        client.force_login(chief_editor)
        assert download(client)[0]["Cited by"] == "3"
    finally:
        from references import reports

        reports._EXTRA_COLUMNS.pop("test")


def test_the_report_needs_its_permission(client, librarian):
    """An editor without references.view_citation_health_report gets 403, and no link to it."""
    client.force_login(librarian)
    assert client.get(REPORT).status_code == 403
    assert REPORT not in client.get(reverse("admin:references_reference_changelist")).content.decode()


def test_the_report_link_shows_for_the_chief_editor(client, chief_editor):
    """The change list links the report for those who may download it."""
    client.force_login(chief_editor)
    assert REPORT in client.get(reverse("admin:references_reference_changelist")).content.decode()
