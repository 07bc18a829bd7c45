"""Figure images, served from default storage with a fixed content type and no way to run anything."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from articles.selectors import figure_for_image

# The URL holds the image's hash, so a URL always means the same bytes and can be cached for good.
CACHE_FOREVER = "public, max-age=31536000, immutable"


@require_safe
def figure_image(request: HttpRequest, slug: str, version: str, width: str, ext: str) -> FileResponse:
    """One stored width of a figure; 404 for any other version, width or extension."""
    figure = figure_for_image(slug=slug, version=version, extension=ext)
    rendition = figure.rendition(int(width)) if figure else None
    if rendition is None:
        raise Http404("No such figure image.")
    try:
        file = default_storage.open(rendition["name"], "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("No such figure image.") from exc
    response = FileResponse(file, content_type=figure.content_type)
    response.headers["Content-Disposition"] = "inline"
    response.headers["Cache-Control"] = CACHE_FOREVER
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
