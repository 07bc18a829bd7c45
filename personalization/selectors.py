"""Which audience a request reads as: ``?audience=``, then (except on public pages) the cookie, then the default."""

from collections.abc import Sequence

from django.conf import settings
from django.http import HttpRequest

from .models import Audience


def audiences_in_order() -> list[Audience]:
    """All audiences in chooser order (one query)."""
    return list(Audience.objects.all())


def remembered_audience(request: HttpRequest, audiences: Sequence[Audience]) -> Audience | None:
    """The audience the chooser's cookie names, if it names one of ``audiences``."""
    slug = request.COOKIES.get(settings.AUDIENCE_COOKIE_NAME)
    return next((a for a in audiences if a.slug == slug), None) if slug else None


def audience_for_request(request: HttpRequest, audiences: Sequence[Audience]) -> Audience | None:
    """The reader's audience among ``audiences``; unknown slugs fall back silently to the default.

    Public pages (``personalization.decorators.audience_from_url``) read the URL only, so that a
    shared cache can hold them: the cookie has already redirected a bare URL to its version.
    """
    by_slug = {audience.slug: audience for audience in audiences}
    slug = request.GET.get("audience")
    if slug and slug in by_slug:
        return by_slug[slug]
    if not getattr(request, "audience_from_url_only", False):
        remembered = remembered_audience(request, audiences)
        if remembered is not None:
            return remembered
    return next((a for a in audiences if a.is_default), audiences[0] if audiences else None)
