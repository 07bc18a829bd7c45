"""Images made in memory with Pillow, and figures stored through the real upload path, for tests."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.figures import figure_create, process_upload
from articles.models import Figure


def image_bytes(fmt: str = "JPEG", *, size=(1200, 800), mode: str = "RGB", color=(200, 80, 40), **save) -> bytes:
    """An image file of ``fmt``: a plain colour with a darker block in the top-left corner."""
    image = Image.new(mode, size, color if mode != "RGBA" else (*color[:3], 128))
    image.paste((20, 20, 20) if mode.startswith("RGB") else 20, (0, 0, size[0] // 4, size[1] // 4))
    buffer = BytesIO()
    image.save(buffer, format=fmt, **save)
    return buffer.getvalue()


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_figure(*, slug: str = "spine-diagram", size=(1200, 800), fmt: str = "JPEG", actor=None, **fields) -> Figure:
    """A figure stored exactly as the admin stores one."""
    defaults = {
        "title": "The lumbar spine",
        "alt_text": "Side view of the lower spine with five lumbar vertebrae and their discs.",
        "caption": "The five lumbar vertebrae.",
        "credit": "Clinical Answers editors",
        "licence": Figure.Licence.CC_BY,
    }
    figure = Figure(slug=slug, **{**defaults, **fields})
    return figure_create(figure=figure, image=process_upload(upload(image_bytes(fmt, size=size))), actor=actor)
