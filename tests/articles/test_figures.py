"""Figures: uploads checked and re-encoded with Pillow, stored in sizes, served safely, placed by reference."""

import struct
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.template.defaultfilters import filesizeformat
from PIL import Image

from articles.figures import figure_delete, process_upload, sniff
from articles.integrity import check_content
from articles.models import Figure, PublishedBody
from articles.rendering import render_markdown, sanitize_html
from articles.selectors import figure_resolver_for
from reviews.services import review_submit
from tests.articles.figure_helpers import image_bytes, make_figure, upload
from tests.factories import make_article, make_publication, make_reference

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def decoded(data: bytes) -> Image.Image:
    image = Image.open(BytesIO(data))
    image.load()
    return image


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge size (a decompression bomb) with almost no data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def animated_png() -> bytes:
    frames = [Image.new("RGB", (40, 40), color) for color in ("red", "blue")]
    buffer = BytesIO()
    frames[0].save(buffer, format="PNG", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


# Uploads: what is accepted, and how it is re-encoded.


def test_jpeg_is_turned_upright_and_loses_its_exif():
    """EXIF orientation is applied, then every byte of metadata (camera, author, location) is dropped."""
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to view
    exif[0x013B] = "Dr Secret Photographer"  # Artist
    exif[0x010F] = "PhoneMaker"  # Make
    processed = process_upload(upload(image_bytes("JPEG", size=(400, 200), exif=exif.tobytes())))
    assert processed.format == Figure.Format.JPEG
    assert [(r.width, r.height) for r in processed.renditions] == [(200, 400)]
    data = processed.original.data
    assert b"Exif" not in data
    assert b"Secret Photographer" not in data
    assert b"PhoneMaker" not in data
    image = decoded(data)
    assert image.format == "JPEG"
    assert "exif" not in image.info
    assert image.getpixel((190, 5)) < (60, 60, 60)  # the dark corner moved to the top right


def test_png_keeps_its_transparency_and_loses_text_and_colour_profile():
    """A PNG with alpha stays an RGBA PNG; its text chunks and ICC profile are gone."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "patient name: J. Doe")
    data = image_bytes("PNG", size=(300, 200), mode="RGBA", pnginfo=info, icc_profile=b"fake-profile")
    processed = process_upload(upload(data, "scan.png", "image/png"))
    stored = processed.original.data
    assert processed.format == Figure.Format.PNG
    assert b"J. Doe" not in stored
    assert b"fake-profile" not in stored
    image = decoded(stored)
    assert image.mode == "RGBA"
    assert image.info.get("icc_profile") is None


def test_webp_is_accepted_and_stays_webp():
    """WebP uploads are re-encoded as WebP."""
    processed = process_upload(upload(image_bytes("WEBP", size=(600, 400)), "x.webp", "image/webp"))
    assert processed.format == Figure.Format.WEBP
    assert decoded(processed.original.data).format == "WEBP"


def test_the_type_comes_from_the_bytes_not_the_name():
    """A PNG named .jpg and sent as image/jpeg is handled as the PNG it is."""
    processed = process_upload(upload(image_bytes("PNG", size=(300, 200)), "photo.jpg", "image/jpeg"))
    assert processed.format == Figure.Format.PNG


@pytest.mark.parametrize(
    ("size", "widths"),
    [
        ((2400, 1600), [(480, 320), (960, 640), (1600, 1066), (2000, 1333)]),
        ((700, 300), [(480, 206), (700, 300)]),
        ((300, 200), [(300, 200)]),
    ],
)
def test_sizes_are_stored_up_to_2000_pixels_wide_and_never_upscaled(size, widths):
    """Renditions of 480, 960 and 1600 pixels narrower than the image, and the image itself at most 2000 wide."""
    processed = process_upload(upload(image_bytes("JPEG", size=size)))
    assert [(r.width, r.height) for r in processed.renditions] == widths
    assert [decoded(r.data).size for r in processed.renditions] == widths


def test_a_script_appended_to_a_real_image_does_not_survive():
    """A JPEG/HTML polyglot is re-encoded: only pixels are stored."""
    data = image_bytes("JPEG", size=(300, 200)) + b"<script>alert(document.cookie)</script>"
    processed = process_upload(upload(data))
    assert all(b"<script" not in r.data for r in processed.renditions)


SVG_WITH_SCRIPT = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("data", "name", "message", "code"),
    [
        pytest.param(SVG_WITH_SCRIPT, "diagram.svg", "This file is SVG, not a JPEG, PNG or WebP", "wrong_type", id="svg"),
        pytest.param(b"<svg onload=alert(1)>", "x.png", "This file is SVG", "wrong_type", id="svg-named-png"),
        pytest.param(b"<!DOCTYPE html><script>x</script>", "x.jpg", "This file is HTML or XML", "wrong_type", id="html"),
        pytest.param(b"Dear editor, here is the text.", "notes.jpg", "not an image we recognise", "wrong_type", id="text"),
        pytest.param(image_bytes("GIF", size=(50, 50)), "anim.gif", "This file is GIF", "wrong_type", id="gif"),
        pytest.param(image_bytes("BMP", size=(50, 50)), "x.bmp", "This file is BMP", "wrong_type", id="bmp"),
        pytest.param(image_bytes("TIFF", size=(50, 50)), "x.tif", "This file is TIFF", "wrong_type", id="tiff"),
        pytest.param(b"%PDF-1.7\n...", "paper.pdf", "This file is PDF", "wrong_type", id="pdf"),
        pytest.param(image_bytes("JPEG")[:400], "cut.jpg", "looks like a JPEG image but cannot be read", "unreadable", id="truncated"),
        pytest.param(b"\x89PNG\r\n\x1a\ngarbage", "x.png", "looks like a PNG image but cannot be read", "unreadable", id="bad-png"),
        pytest.param(animated_png(), "anim.png", "Animated images are not accepted", "animated", id="animated"),
        pytest.param(b"", "empty.jpg", "The file is empty", "empty", id="empty"),
    ],
)  # fmt: skip
def test_anything_but_a_readable_still_jpeg_png_or_webp_is_refused_with_a_clear_message(data, name, message, code):
    """Each refusal names what was found, so the editor knows what to do."""
    with pytest.raises(ValidationError, match=message) as excinfo:
        process_upload(upload(data, name))
    assert excinfo.value.code == code


def test_sniff_names_common_types():
    """The first bytes name the type, whatever the file is called."""
    assert sniff(image_bytes("JPEG", size=(10, 10))[:64]) == "JPEG"
    assert sniff(image_bytes("WEBP", size=(10, 10))[:64]) == "WEBP"
    assert sniff(b"\x00\x00\x00\x18ftypavif") == "AVIF"
    assert sniff(b"PK\x03\x04") == "ZIP archive"


@pytest.mark.parametrize("stream_size_known", [True, False])
def test_a_file_over_the_size_limit_is_refused(settings, stream_size_known):
    """Over FIGURE_MAX_UPLOAD_BYTES: refused with both sizes, whether or not the size is known up front."""
    settings.FIGURE_MAX_UPLOAD_BYTES = 2048
    data = image_bytes("PNG", size=(400, 400), color=(1, 2, 3)) + b"\0" * 4096
    with pytest.raises(ValidationError) as excinfo:
        process_upload(upload(data) if stream_size_known else BytesIO(data))
    assert excinfo.value.code == "too_large"
    expected = (
        f"The file is {filesizeformat(len(data))};" if stream_size_known else "The file is larger than 2.0\xa0KB;"
    )
    assert excinfo.value.messages[0].startswith(expected)
    assert "a figure may be at most 2.0\xa0KB. Save it smaller and upload it again." in excinfo.value.messages[0]


def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded(settings):
    """Dimensions are checked from the header, so a huge image is never decoded."""
    settings.FIGURE_MAX_SOURCE_PIXELS = 100_000
    with pytest.raises(ValidationError, match="The image is 400 × 300 pixels") as excinfo:
        process_upload(upload(image_bytes("JPEG", size=(400, 300))))
    assert excinfo.value.code == "too_many_pixels"


@pytest.mark.parametrize(("width", "height"), [(60_000, 60_000), (20_000, 1)])
def test_a_decompression_bomb_is_refused(width, height):
    """A header claiming billions of pixels (or an absurd side) is refused, never decoded."""
    with pytest.raises(ValidationError) as excinfo:
        process_upload(upload(png_claiming(width, height), "bomb.png"))
    assert excinfo.value.code in {"too_many_pixels", "bomb"}


# Storage.


def test_figure_is_stored_in_every_size_under_generated_names(media_root, editor):
    """Files live under figures/<random>/<width>.<ext>, never under the uploaded name."""
    figure = make_figure(size=(1200, 800), actor=editor)
    assert figure.uploaded_by == editor
    assert (figure.width, figure.height, figure.format) == (1200, 800, "jpeg")
    assert [r["width"] for r in figure.renditions] == [480, 960, 1200]
    names = [r["name"] for r in figure.renditions]
    assert all(name.startswith("figures/") and "photo" not in name for name in names)
    assert names[-1] == figure.image.name
    assert len(stored_files(media_root)) == 3
    assert len(figure.version) == 12
    assert figure.image_candidates()[0] == (f"/figures/spine-diagram/{figure.version}/480.jpg", 480, 320)


def test_a_figure_that_cannot_be_saved_leaves_no_files(media_root):
    """A duplicate slug fails the save; the files written for it are removed."""
    make_figure(slug="taken")
    before = stored_files(media_root)
    with pytest.raises(IntegrityError):
        make_figure(slug="taken")
    assert stored_files(media_root) == before


def test_deleting_a_figure_removes_its_files(media_root, chief, django_capture_on_commit_callbacks):
    """The row goes at once and the files once the transaction commits."""
    figure = make_figure()
    with django_capture_on_commit_callbacks(execute=True):
        figure_delete(figure=figure, actor=chief)
    assert not Figure.objects.exists()
    assert stored_files(media_root) == []


# Serving.


def test_an_image_is_served_with_a_fixed_type_no_sniffing_a_sandbox_and_a_long_cache(client, django_assert_num_queries):
    """The stored bytes, as image/jpeg, that no browser will run or guess at; the URL never changes meaning."""
    figure = make_figure()
    with django_assert_num_queries(1):
        response = client.get(figure.image_url(480))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["Content-Disposition"] == "inline"
    body = b"".join(response.streaming_content)
    assert body == default_storage.open(figure.rendition(480)["name"]).read()
    assert decoded(body).size == (480, 320)


@pytest.mark.parametrize(
    "path",
    [
        "/figures/spine-diagram/000000000000/480.jpg",  # an old or made-up version
        "/figures/spine-diagram/{version}/481.jpg",  # a width that is not stored
        "/figures/spine-diagram/{version}/480.png",  # the wrong extension
        "/figures/spine-diagram/{version}/480.svg",  # never an SVG
        "/figures/no-such-figure/{version}/480.jpg",
        "/figures/spine-diagram/{version}/../../480.jpg",
    ],
)
def test_any_other_figure_url_is_404(client, path):
    """Only the current version, a stored width and the figure's own extension are served."""
    figure = make_figure()
    assert client.get(path.format(version=figure.version)).status_code == 404


def test_a_missing_file_is_404_not_500(client):
    """If storage lost a file, the reader gets a 404."""
    figure = make_figure()
    default_storage.delete(figure.rendition(480)["name"])
    assert client.get(figure.image_url(480)).status_code == 404


def test_figure_images_only_answer_get_and_head(client):
    """POST is refused with 405."""
    figure = make_figure()
    assert client.head(figure.image_url(480)).status_code == 200
    assert client.post(figure.image_url(480)).status_code == 405


# Rendering, publishing and the integrity checks.


def test_a_figure_renders_with_responsive_sizes_alt_text_caption_and_credit():
    """`![caption](figure:slug)` alone in a paragraph becomes a figure with srcset and figcaption."""
    figure = make_figure(size=(2400, 1600))
    v = figure.version
    html = render_markdown(
        "![The *lower* spine](figure:spine-diagram)", figures=figure_resolver_for(["figure:spine-diagram"])
    ).html
    assert html == (
        '<figure class="figure">\n'
        f'<img src="/figures/spine-diagram/{v}/960.jpg" srcset="/figures/spine-diagram/{v}/480.jpg 480w, '
        f"/figures/spine-diagram/{v}/960.jpg 960w, /figures/spine-diagram/{v}/1600.jpg 1600w, "
        f'/figures/spine-diagram/{v}/2000.jpg 2000w" sizes="(min-width: 48rem) 46rem, 100vw" width="960" height="640" '
        'alt="Side view of the lower spine with five lumbar vertebrae and their discs." loading="lazy" decoding="async">\n'
        '<figcaption>The <em>lower</em> spine <span class="figure-credit">Credit: Clinical Answers editors. '
        "Licence: CC BY 4.0.</span></figcaption>\n</figure>\n"
    )  # fmt: skip


def test_without_bracket_text_the_figure_caption_is_used_and_markup_in_it_is_escaped():
    """The figure's own caption and alt text are text, never markup."""
    make_figure(caption="<b>Bold</b> claim", alt_text='A "quoted" <script>alt</script>')
    html = render_markdown("![](figure:spine-diagram)", figures=figure_resolver_for(["figure:spine-diagram"])).html
    assert "<figcaption>&lt;b&gt;Bold&lt;/b&gt; claim <span" in html
    assert 'alt="A &quot;quoted&quot; &lt;script&gt;alt&lt;/script&gt;"' in html


def test_unknown_and_misplaced_figures_are_reported_and_other_images_dropped():
    """An unknown slug or a figure inside a sentence is reported; http:, data: and relative images vanish."""
    rendered = render_markdown(
        "![](figure:ghost)\n\nSee ![x](figure:spine-diagram) here.\n\n![a](https://evil.example/x.png)\n\n"
        "![b](data:image/png;base64,iVBORw0KGgo=)\n\n![c](/media/figures/x/480.jpg)",
        figures=lambda slug: None,
    )
    assert rendered.missing_figures == ["ghost"]
    assert rendered.misplaced_figures == ["spine-diagram"]
    assert "<img" not in rendered.html
    assert '<p class="figure-missing">[figure:ghost?]</p>' in rendered.html


def test_the_sanitiser_keeps_images_only_from_our_figure_urls():
    """An img survives only with a /figures/ source and srcset; anything else loses its source."""
    html = sanitize_html(
        '<img src="https://evil.example/x.png" onerror="alert(1)">'
        '<img src="/figures/a/0123456789ab/480.jpg" srcset="https://evil.example/x.png 480w" sizes="100vw" width="x">'
        '<img src="/figures/a/0123456789ab/480.jpg" srcset="/figures/a/0123456789ab/480.jpg 480w" width="480" loading="lazy">'
    )
    assert html == (
        '<img><img src="/figures/a/0123456789ab/480.jpg">'
        '<img src="/figures/a/0123456789ab/480.jpg" srcset="/figures/a/0123456789ab/480.jpg 480w" width="480" loading="lazy">'
    )  # fmt: skip


def test_figure_resolver_queries_only_when_a_body_places_a_figure(django_assert_num_queries):
    """No figure in the texts, no query; any number of figures, one query."""
    make_figure()
    make_figure(slug="other")
    with django_assert_num_queries(0):
        assert figure_resolver_for(["No figures [@key]."])("spine-diagram") is None
    with django_assert_num_queries(1):
        resolve = figure_resolver_for(["![](figure:spine-diagram)", "![](figure:other)\n\n![](figure:ghost)"])
    assert resolve("spine-diagram").slug == "spine-diagram"
    assert resolve("other").slug == "other"
    assert resolve("ghost") is None


def test_the_published_answer_shows_the_figure(client, audiences, editor):
    """Publishing renders figures into the snapshot; the reader's page shows them under its strict CSP."""
    figure = make_figure()
    reference = make_reference(key="ok2020")
    article = make_article(
        author=editor, bodies={"professional": "Text [@ok2020].\n\n![](figure:spine-diagram)"}, references=[reference]
    )
    make_publication(article)
    html = PublishedBody.objects.get(publication__article=article).html
    assert f'<figure class="figure">\n<img src="/figures/spine-diagram/{figure.version}/960.jpg"' in html
    assert f"/figures/spine-diagram/{figure.version}/1200.jpg 1200w" in html
    page = client.get(article.get_absolute_url())
    assert figure.alt_text in page.content.decode()
    assert "img-src 'self'" in page["Content-Security-Policy"]


def test_the_review_page_shows_the_figure(client, audiences, editor, reviewer):
    """The board reviews the figure exactly as readers will see it."""
    make_figure()
    reference = make_reference(key="ok2020")
    article = make_article(
        author=editor, bodies={"professional": "Text [@ok2020].\n\n![](figure:spine-diagram)"}, references=[reference]
    )
    request = review_submit(article=article, actor=editor)
    client.force_login(reviewer)
    html = client.get(f"/review/{request.pk}/").content.decode()
    assert '<figure class="figure">' in html
    assert "Credit: Clinical Answers editors." in html


def test_check_content_reports_unknown_and_misplaced_figures(professional, patient):
    """Each names the slug and the audience."""
    make_figure()
    problems = check_content(
        bodies={
            professional: "![](figure:spine-diagram)",
            patient: "![](figure:ghost)\n\nSee ![](figure:spine-diagram).",
        },
        references=[],
        default_audience=professional,
    )
    assert [p.code for p in problems] == ["unknown_figure", "figure_not_alone"]
    assert "![](figure:ghost) in the Patient or caregiver body names no figure" in problems[0].message
    assert "“spine-diagram” in the Patient or caregiver body must stand alone" in problems[1].message


def test_submission_with_an_unknown_figure_is_refused(audiences, editor):
    """As with an unknown citation key, the article cannot go to review."""
    reference = make_reference(key="ok2020")
    article = make_article(
        author=editor, bodies={"professional": "Text [@ok2020].\n\n![](figure:ghost)"}, references=[reference]
    )
    with pytest.raises(ValidationError, match="names no figure in the media library"):
        review_submit(article=article, actor=editor)
