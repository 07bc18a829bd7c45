import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from references.forms import MAX_UPLOAD_BYTES, ReferenceImportConfirmForm
from references.models import Reference
from tests.factories import make_reference

from .conftest import fixture_bytes, fixture_text

pytestmark = pytest.mark.django_db

IMPORT = "admin:references_reference_import"


def upload(client, name: str, content: bytes, **extra):
    return client.post(reverse(IMPORT), {"file": SimpleUploadedFile(name, content), "format": "", **extra})


def confirm_data(response) -> dict:
    form = response.context["confirm_form"]
    return {"confirm": "1", **{name: form.initial[name] for name in ("payload", "format", "digest")}}


def test_allowed_for_users_who_may_add_references(client, librarian):
    """Staff with references.add_reference see the upload form."""
    client.force_login(librarian)
    response = client.get(reverse(IMPORT))
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content


def test_refused_for_staff_without_add_permission(client, reader_staff):
    """Staff who may only view references get 403 and no import button."""
    client.force_login(reader_staff)
    assert client.get(reverse(IMPORT)).status_code == 403
    assert client.post(reverse(IMPORT), {"confirm": "1", "payload": "x"}).status_code == 403
    changelist = client.get(reverse("admin:references_reference_changelist"))
    assert reverse(IMPORT).encode() not in changelist.content


def test_anonymous_users_are_sent_to_log_in(client):
    """The page is behind the admin login."""
    response = client.get(reverse(IMPORT))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_preview_then_confirm_imports_the_file(client, librarian, qaseem):
    """Upload shows the plan without writing; confirming imports it and returns to the list."""
    client.force_login(librarian)
    preview = upload(client, "export.ris", fixture_bytes("sample.ris"))
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "RIS file with 6 entries: 5 to add, 1 to merge into existing references, 0 refused." in page
    assert "Fills: issue, pages, PMID" in page
    assert Reference.objects.count() == 1

    done = client.post(reverse(IMPORT), confirm_data(preview), follow=True)
    assert done.redirect_chain[-1][0] == reverse("admin:references_reference_changelist")
    assert "Imported 5 new references and completed 1 existing ones." in done.content.decode()
    assert Reference.objects.count() == 6
    qaseem.refresh_from_db()
    assert qaseem.pmid == "28192789"


def test_pasted_text_previews_like_a_file(client, librarian):
    """Text pasted into the form is read like an uploaded file."""
    client.force_login(librarian)
    response = client.post(reverse(IMPORT), {"text": fixture_text("sample.json"), "format": ""})
    assert "CSL-JSON file with 6 entries: 6 to add" in response.content.decode()


def test_refused_entries_show_why_and_cannot_be_confirmed(client, librarian):
    """Refusals are listed with their reason and no confirm button is offered."""
    client.force_login(librarian)
    text = b"TY  - JOUR\nTI  - Fine\nER  - \n\nTY  - JOUR\nAU  - Smith, Jane\nER  - \n"
    response = upload(client, "refused.ris", text)
    page = response.content.decode()
    assert response.status_code == 200
    assert "it has no title." in page
    assert "Nothing can be imported while any entry is refused." in page
    assert response.context["confirm_form"] is None


def test_confirmation_reparses_and_ignores_tampering(client, librarian):
    """A confirmation with a payload that is not the compressed file is refused; nothing is imported."""
    client.force_login(librarian)
    response = client.post(
        reverse(IMPORT), {"confirm": "1", "payload": "not base64 at all!", "format": "", "digest": ""}
    )
    assert response.status_code == 200
    assert "The confirmation lost its file; upload the file again." in response.content.decode()
    assert Reference.objects.count() == 0


def test_confirmation_checks_the_content_again(client, librarian):
    """Whatever the digest says, the confirmed content is parsed and checked again."""
    client.force_login(librarian)
    refused = "TY  - JOUR\nAU  - No title\nER  - \n"
    data = {"confirm": "1", "payload": ReferenceImportConfirmForm.pack(refused), "format": "", "digest": ""}
    response = client.post(reverse(IMPORT), data)
    assert response.status_code == 200
    assert "1 of 1 entries was refused, so nothing was imported." in response.content.decode()
    assert Reference.objects.count() == 0


def test_a_changed_library_shows_the_new_preview(client, librarian):
    """If the library changed after the preview, the confirmation shows the new plan instead of importing."""
    client.force_login(librarian)
    preview = upload(client, "sample.nbib", fixture_bytes("sample.nbib"))
    make_reference(key="meanwhile", pmid="99900001")
    response = client.post(reverse(IMPORT), confirm_data(preview))
    assert response.status_code == 200
    assert "The library changed since the preview" in response.content.decode()
    assert Reference.objects.count() == 1
    again = client.post(reverse(IMPORT), confirm_data(response), follow=True)
    assert "Imported 4 new references and completed 1 existing ones." in again.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.ris", b"", "The submitted file is empty."),
        ("blank.ris", b"  \n\n", "The file is empty."),
        ("paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "This is a PDF file, not a reference export."),
        ("export.ris", "TY  - JOUR\nAU  - Müller, J\nER  - \n".encode("cp1252"), "Line 2: the file is not UTF-8 text"),
        ("malformed.bib", fixture_bytes("malformed.bib"), "Entry 2 (unbalanced_2021), line 7: "),
        ("malformed.json", fixture_bytes("malformed.json"), "Line 12: this is not valid JSON"),
        ("letter.txt", b"Dear editor, please add my paper.", "The format is not recognised."),
    ],
)
def test_bad_uploads_are_form_errors(client, librarian, name, content, message):
    """Empty, binary, wrongly encoded, malformed and unknown files get a form error, never a 500."""
    client.force_login(librarian)
    response = upload(client, name, content)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any(error.startswith(message) for error in errors), errors
    assert Reference.objects.count() == 0


def test_files_over_the_limit_are_refused(client, librarian):
    """Uploads over 5 MB are refused with their size and the limit."""
    client.force_login(librarian)
    response = upload(client, "huge.ris", b"x" * (MAX_UPLOAD_BYTES + 1024 * 1024))
    (error,) = response.context["form"].errors["file"]
    assert error.replace("\xa0", " ") == "The file is 6.0 MB, over the limit of 5.0 MB. Split it into smaller files."


def test_an_empty_form_asks_for_a_file(client, librarian):
    """Submitting nothing asks for a file or text."""
    client.force_login(librarian)
    response = client.post(reverse(IMPORT), {"text": "", "format": ""})
    assert response.context["form"].non_field_errors() == ["Choose a file to upload, or paste the text of one."]
