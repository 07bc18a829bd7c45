import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from references.checks.retraction_watch import import_retraction_watch
from references.models import Finding
from tests.factories import make_reference

from .conftest import HEALTH

pytestmark = pytest.mark.django_db
SAMPLE = (HEALTH / "retraction-watch.csv").read_bytes()
UPLOAD = reverse("admin:references_reference_retraction_watch")


@pytest.fixture
def cited():
    return {
        "spine": make_reference(key="spine", doi="10.5555/Spine.2019.0042"),
        "walk": make_reference(key="walk", pmid="90000002"),
        "heat": make_reference(key="heat", doi="10.5555/heat.2018.1"),
        "clean": make_reference(key="clean", doi="10.5555/clean.1"),
    }


def test_rows_match_by_doi_in_any_case_or_pmid(cited):
    """Retraction by DOI (case aside), correction by PMID, expression of concern; a row about a paper
    the library does not cite is read and left alone."""
    result = import_retraction_watch(io.BytesIO(SAMPLE))
    assert (result.rows, result.matched, len(result.findings)) == (4, 3, 3)
    spine = Finding.objects.get(reference=cited["spine"])
    assert (spine.kind, spine.source, spine.notice_doi, spine.notice_date.isoformat()) == (
        "retracted", "retraction_watch", "10.5555/spine.2021.retraction.7", "2021-06-02",
    )  # fmt: skip
    assert spine.details["reason"] == "+Concerns/Issues About Data;+Duplication of Image;"
    assert cited["walk"].health.is_corrected
    assert cited["heat"].health.has_expression_of_concern
    assert cited["clean"].health.is_healthy


def test_a_second_import_adds_nothing(cited):
    """The same file again: every finding is already there."""
    import_retraction_watch(io.BytesIO(SAMPLE))
    again = import_retraction_watch(io.BytesIO(SAMPLE))
    assert (again.matched, again.findings, Finding.objects.count()) == (3, [], 3)


def test_wrong_columns_are_refused(cited):
    """A CSV that is not the Retraction Watch file names the missing columns; nothing is stored."""
    with pytest.raises(ValidationError) as error:
        import_retraction_watch(io.BytesIO(b"DOI,Title\n10.5555/Spine.2019.0042,Spine\n"))
    assert "lacks the column(s) Record ID, RetractionDate" in error.value.messages[0]
    assert not Finding.objects.exists()


def test_another_encoding_is_refused_and_nothing_is_half_written(cited):
    """A Latin-1 byte after a matching row: the whole file is refused, the matching row is not stored."""
    latin1 = SAMPLE + "51299,Café,,,,,,,,,1/1/2020 0:00,,0,,10.5555/clean.1,0,Retraction,,No,\r\n".encode("latin-1")
    with pytest.raises(ValidationError, match="not UTF-8 text"):
        import_retraction_watch(io.BytesIO(latin1))
    assert not Finding.objects.exists()


def test_broken_csv_is_refused(cited):
    """A quote left open is reported with its line."""
    broken = SAMPLE + b'51300,"unclosed,\r\n'
    with pytest.raises(ValidationError, match="not valid CSV"):
        import_retraction_watch(io.BytesIO(broken))
    assert not Finding.objects.exists()


def test_the_file_is_read_in_chunks(cited):
    """Rows that straddle the chunks the file is read in are read whole (large files are streamed)."""
    from references.checks import retraction_watch

    pieces = list(retraction_watch._lines(retraction_watch._decoded_text(io.BytesIO(SAMPLE), chunk_size=7)))
    assert "".join(pieces) == SAMPLE.decode()
    assert all(piece.endswith("\n") for piece in pieces)


def test_admin_upload(client, librarian, cited):
    """An editor who may change references uploads the file and lands on the list of problems."""
    client.force_login(librarian)
    assert client.get(UPLOAD).status_code == 200
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("retraction_watch.csv", SAMPLE, "text/csv")})
    assert response.status_code == 302
    assert response["Location"].endswith("?health=problem")
    assert Finding.objects.count() == 3


def test_admin_upload_refuses_a_wrong_file_with_a_clear_message(client, librarian, cited):
    """Wrong columns: 400, the reason next to the field, nothing stored."""
    client.force_login(librarian)
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("x.csv", b"a,b\n1,2\n", "text/csv")})
    assert response.status_code == 400
    assert "This is not the Retraction Watch CSV file" in response.content.decode()
    assert not Finding.objects.exists()
    assert client.post(UPLOAD, {}).status_code == 400


def test_admin_upload_needs_the_change_permission(client, reader_staff, cited):
    """Staff who may only view references cannot upload."""
    client.force_login(reader_staff)
    assert client.get(UPLOAD).status_code == 403
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("retraction_watch.csv", SAMPLE, "text/csv")})
    assert response.status_code == 403
    assert not Finding.objects.exists()


def test_command(tmp_path, cited):
    """import_retraction_watch FILE: the new findings and a summary; a bad file is a CommandError."""
    path = tmp_path / "retraction_watch.csv"
    path.write_bytes(SAMPLE)
    out = io.StringIO()
    call_command("import_retraction_watch", str(path), stdout=out)
    assert "spine: Retracted (Retraction Watch, 10.5555/spine.2021.retraction.7, 2021-06-02)" in out.getvalue()
    assert "Read 4 rows in" in out.getvalue()
    assert ": 3 concern the library, 3 new findings." in out.getvalue()
    path.write_bytes(b"\xff\xfeR\x00")
    with pytest.raises(CommandError, match="not UTF-8 text"):
        call_command("import_retraction_watch", str(path), stdout=io.StringIO())
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_retraction_watch", str(tmp_path / "missing.csv"))
