"""The media library in the admin, and the editors' style guide: who may do what, and bad uploads refused."""

from pathlib import Path

import pytest

from articles.models import Figure
from tests.articles.figure_helpers import image_bytes, make_figure, upload
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/figure/add/"
GUIDE_URL = "/admin/articles/figure/style-guide/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def form_data(**overrides) -> dict:
    data = {
        "title": "Dermatomes of the back",
        "slug": "back-dermatomes",
        "alt_text": "Outline of a back with the skin areas supplied by each spinal nerve shaded.",
        "caption": "",
        "credit": "Clinical Answers editors",
        "licence": Figure.Licence.CC_BY,
    }
    data.update(overrides)
    return data


def test_an_editor_uploads_a_figure(client, editor, media_root):
    """The upload form stores the figure, re-encoded in sizes, with its uploader."""
    client.force_login(editor)
    assert client.get(ADD_URL).status_code == 200
    response = client.post(ADD_URL, {**form_data(), "upload": upload(image_bytes("JPEG", size=(1000, 700)))})
    assert response.status_code == 302
    figure = Figure.objects.get(slug="back-dermatomes")
    assert figure.uploaded_by == editor
    assert [r["width"] for r in figure.renditions] == [480, 960, 1000]
    assert len(stored_files(media_root)) == 3


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


@pytest.mark.parametrize(
    ("file", "message"),
    [
        pytest.param(upload(SVG, "map.svg", "image/svg+xml"), "This file is SVG, not a JPEG, PNG or WebP image", id="svg"),
        pytest.param(upload(b"just some text", "x.jpg"), "This file is not an image we recognise", id="not-image"),
        pytest.param(upload(image_bytes("GIF", size=(20, 20)), "x.gif", "image/gif"), "This file is GIF", id="gif"),
    ],
)  # fmt: skip
def test_a_bad_upload_is_a_form_error_and_nothing_is_stored(client, editor, media_root, file, message):
    """The form comes back with the reason next to the file field; no row, no file."""
    client.force_login(editor)
    response = client.post(ADD_URL, {**form_data(), "upload": file})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["adminform"].form.errors["upload"]
    assert not Figure.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_over_the_limit_is_a_form_error(client, editor, media_root, settings):
    """Too large: refused on the form, nothing stored."""
    settings.FIGURE_MAX_UPLOAD_BYTES = 1024
    client.force_login(editor)
    response = client.post(
        ADD_URL, {**form_data(), "upload": upload(image_bytes("PNG", size=(300, 300)) + b"\0" * 2048)}
    )
    assert "a figure may be at most 1.0\xa0KB" in response.content.decode()
    assert not Figure.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("missing", ["alt_text", "credit", "licence", "upload"])
def test_alt_text_credit_licence_and_the_file_are_required(client, editor, media_root, missing):
    """A figure without alt text, credit, licence or file is not saved, and no file is kept."""
    client.force_login(editor)
    data = {**form_data(), "upload": upload(image_bytes("JPEG", size=(300, 200)))}
    data.pop(missing)
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert missing in response.context["adminform"].form.errors
    assert not Figure.objects.exists()
    assert stored_files(media_root) == []


def test_the_list_shows_thumbnails_and_the_markdown_to_copy_and_searches_alt_text(client, editor):
    """Editors find a figure by its alt text and copy its snippet."""
    figure = make_figure()
    make_figure(slug="other", title="Knee", alt_text="A knee joint.")
    client.force_login(editor)
    html = client.get("/admin/articles/figure/", {"q": "side view of the lower spine"}).content.decode()
    assert "<code>![](figure:spine-diagram)</code>" in html
    assert f'<img src="{figure.image_url(480)}" alt="" width="96" height="64"' in html
    assert "figure:other" not in html


def test_the_change_form_keeps_the_image_and_slug_and_edits_the_text(client, editor):
    """The image and slug never change (published answers point at them); the text does."""
    figure = make_figure()
    client.force_login(editor)
    url = f"/admin/articles/figure/{figure.pk}/change/"
    page = client.get(url)
    form = page.context["adminform"].form
    assert "upload" not in form.fields
    assert "slug" not in form.fields
    assert f'src="{figure.image_url(480)}"' in page.content.decode()
    data = {**form_data(slug="renamed"), "alt_text": "A clearer description."}
    assert client.post(url, data).status_code == 302
    figure.refresh_from_db()
    assert (figure.slug, figure.alt_text) == ("spine-diagram", "A clearer description.")


def test_people_without_figure_permissions_cannot_use_the_library(client, reviewer):
    """A board member (not staff) is sent to log in; staff without the permission get 403."""
    client.force_login(reviewer)
    assert client.get(ADD_URL).status_code == 302
    staff = make_user(username="clerk", is_staff=True)
    client.force_login(staff)
    assert client.get(ADD_URL).status_code == 403
    assert client.post(ADD_URL, {**form_data(), "upload": upload(image_bytes())}).status_code == 403
    assert not Figure.objects.exists()


def test_editors_cannot_delete_and_a_figure_in_use_cannot_be_deleted(
    client, editor, chief, audiences, media_root, django_capture_on_commit_callbacks
):
    """Only chief editors delete, and only figures no body uses; the files go with the row."""
    used, unused = make_figure(), make_figure(slug="unused")
    make_article(author=editor, bodies={"professional": "![](figure:spine-diagram)"})
    client.force_login(editor)
    assert client.post(f"/admin/articles/figure/{unused.pk}/delete/", {"post": "yes"}).status_code == 403
    client.force_login(chief)
    assert client.post(f"/admin/articles/figure/{used.pk}/delete/", {"post": "yes"}).status_code == 403
    html = client.get(f"/admin/articles/figure/{used.pk}/change/").content.decode()
    assert "What causes symptom" in html  # "used in" names the article
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/articles/figure/{unused.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert list(Figure.objects.values_list("slug", flat=True)) == ["spine-diagram"]
    assert len(stored_files(media_root)) == len(used.renditions)


def test_the_style_guide_renders_every_callout_type_and_a_figure(client, editor):
    """Staff see Markdown, citations, each callout type and a library figure, rendered by the real renderer."""
    figure = make_figure()
    client.force_login(editor)
    response = client.get(GUIDE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for kind in ("urgent", "red-flags", "key-points", "note"):
        assert f'<section class="callout callout-{kind}"' in html
    assert '<sup class="citation"' in html
    assert f'srcset="{figure.image_url(480)} 480w' in html
    assert "::: urgent" in html


def test_the_style_guide_is_for_staff_only_and_linked_from_the_admin(client, editor):
    """Anonymous visitors are sent to the admin login; the admin index and the figure list link to the guide."""
    response = client.get(GUIDE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    client.force_login(editor)
    assert GUIDE_URL in client.get("/admin/").content.decode()
    assert GUIDE_URL in client.get("/admin/articles/figure/").content.decode()
