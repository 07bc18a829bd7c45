"""The media library's way in: uploads checked with Pillow, re-encoded without metadata, stored in sizes.

Only JPEG, PNG and WebP are accepted, recognised by their bytes (never by the file name or the
browser's content type). Each upload is decoded within pixel limits, turned upright from its
EXIF orientation, converted to RGB (RGBA when it has transparency) and encoded afresh in its own
format, so no metadata, no second payload and nothing but pixels survives. Files are stored
under generated names.
"""

import hashlib
import uuid
from dataclasses import dataclass
from io import BytesIO
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .models import Figure

ACCEPTED = {"JPEG": Figure.Format.JPEG, "PNG": Figure.Format.PNG, "WEBP": Figure.Format.WEBP}
_SIGNATURES = [
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x00\x00\x01\x00", "ICO"),
    (b"8BPS", "Photoshop (PSD)"),
]
_SAVE_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85, "method": 4},
}


def sniff(head: bytes) -> str:
    """What the first bytes of a file (512 are enough) say it is: "JPEG", "PNG", "WEBP", or a name for anything else."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp":
        return "AVIF" if head[8:12] in (b"avif", b"avis") else "HEIC" if head[8:11] == b"hei" else "video or HEIF"
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml")) or b"<svg" in text:
        return "SVG"
    if text.startswith((b"<!doctype html", b"<html", b"<")):
        return "HTML or XML"
    return "unknown"


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    data: bytes


@dataclass(frozen=True)
class ProcessedImage:
    """An upload that passed every check, re-encoded: its renditions narrowest first, the last
    being the stored original (at most ``FIGURE_MAX_WIDTH`` wide)."""

    format: str  # a Figure.Format value
    renditions: tuple[Rendition, ...]

    @property
    def original(self) -> Rendition:
        return self.renditions[-1]

    @property
    def version(self) -> str:
        return hashlib.sha256(self.original.data).hexdigest()[:12]


def _too_large(size: int | None) -> ValidationError:
    sizes = {"size": filesizeformat(size), "limit": filesizeformat(settings.FIGURE_MAX_UPLOAD_BYTES)}
    message = (
        _("The file is %(size)s; a figure may be at most %(limit)s. Save it smaller and upload it again.")
        if size is not None
        else _(
            "The file is larger than %(limit)s; a figure may be at most %(limit)s. Save it smaller and upload it again."
        )
    )
    return ValidationError(message % sizes, code="too_large")


def _read_upload(upload: BinaryIO) -> bytes:
    limit = settings.FIGURE_MAX_UPLOAD_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _too_large(size)
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large(None)  # a stream of unknown length: only that it is too long is known
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    return data


def _upright_pixels(image: Image.Image) -> Image.Image:
    """The decoded image turned upright, in RGB or RGBA."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit greyscale PNG: scale to 8 bits first
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    has_alpha = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info
    return image.convert("RGBA" if has_alpha else "RGB")


def _encode(image: Image.Image, kind: str) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format=kind, **_SAVE_OPTIONS[kind])
    return buffer.getvalue()


def process_upload(upload: BinaryIO) -> ProcessedImage:
    """Check one upload and re-encode it in every stored width; ValidationError says what is wrong."""
    data = _read_upload(upload)
    kind = sniff(data[:512])
    if kind not in ACCEPTED:
        raise ValidationError(
            _("This file is %(kind)s, not a JPEG, PNG or WebP image. Upload a JPEG, PNG or WebP file.")
            % {"kind": kind if kind != "unknown" else _("not an image we recognise")},
            code="wrong_type",
        )
    try:
        with Image.open(BytesIO(data), formats=[kind]) as source:
            width, height = source.size
            if (
                width * height > settings.FIGURE_MAX_SOURCE_PIXELS
                or max(width, height) > settings.FIGURE_MAX_SOURCE_SIDE
            ):
                raise ValidationError(
                    _(
                        "The image is %(width)s × %(height)s pixels; figures may be at most %(side)s pixels on a side "
                        "and %(megapixels)s megapixels. Scale it down and upload it again."
                    )
                    % {
                        "width": width,
                        "height": height,
                        "side": settings.FIGURE_MAX_SOURCE_SIDE,
                        "megapixels": settings.FIGURE_MAX_SOURCE_PIXELS // 1_000_000,
                    },
                    code="too_many_pixels",
                )
            if getattr(source, "n_frames", 1) > 1:
                raise ValidationError(_("Animated images are not accepted; upload a still image."), code="animated")
            source.load()
            image = _upright_pixels(source)
    except Image.DecompressionBombError as exc:
        raise ValidationError(_("The image has far too many pixels to be processed safely."), code="bomb") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(
            _("The file looks like a %(kind)s image but cannot be read: it may be damaged or incomplete.")
            % {"kind": kind},
            code="unreadable",
        ) from exc
    if image.width > settings.FIGURE_MAX_WIDTH:
        image = image.resize(
            (settings.FIGURE_MAX_WIDTH, max(1, round(image.height * settings.FIGURE_MAX_WIDTH / image.width))),
            Image.Resampling.LANCZOS,
        )
    # Pixels only: a fresh image carries none of the source's metadata (EXIF, XMP, ICC, text chunks).
    image = Image.frombytes(image.mode, image.size, image.tobytes())
    renditions = []
    for width in sorted(settings.FIGURE_RENDITION_WIDTHS):
        if width < image.width:  # never upscaled
            height = max(1, round(image.height * width / image.width))
            data = _encode(image.resize((width, height), Image.Resampling.LANCZOS), kind)
            renditions.append(Rendition(width, height, data))
    renditions.append(Rendition(image.width, image.height, _encode(image, kind)))
    return ProcessedImage(format=ACCEPTED[kind], renditions=tuple(renditions))


def figure_create(*, figure: Figure, image: ProcessedImage, actor) -> Figure:
    """Store ``image`` in every width under generated names and save ``figure`` (its text fields
    already validated) with them. For editors with ``articles.add_figure`` (the admin checks);
    the files are removed again if the row cannot be saved."""
    folder = f"figures/{uuid.uuid4().hex}"
    extension = Figure.EXTENSIONS[image.format]
    names: list[str] = []
    try:
        for rendition in image.renditions:
            names.append(default_storage.save(f"{folder}/{rendition.width}.{extension}", ContentFile(rendition.data)))
        figure.image.name = names[-1]
        figure.format = image.format
        figure.width, figure.height = image.original.width, image.original.height
        figure.version = image.version
        figure.renditions = [
            {"width": r.width, "height": r.height, "name": name}
            for r, name in zip(image.renditions, names, strict=True)
        ]
        figure.uploaded_by = actor
        with transaction.atomic():
            figure.save()
    except BaseException:
        for name in names:
            default_storage.delete(name)
        raise
    return figure


def figure_delete(*, figure: Figure, actor) -> None:
    """Delete a figure and, once the transaction commits, its files. For chief editors (the admin
    checks ``articles.delete_figure`` and refuses while a body or a published answer uses it)."""
    names = [r["name"] for r in figure.renditions]
    with transaction.atomic():
        figure.delete()
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])
