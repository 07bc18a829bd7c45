from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def site(request: HttpRequest) -> dict:
    """The site's name and the project-level links every page may show (the board page lives in
    ``reviews``; ``articles`` templates get its address from here rather than naming a higher app)."""
    return {"site_name": settings.SITE_NAME, "board_url": reverse("reviews:advisory_board")}
