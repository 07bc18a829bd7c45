"""Which audience a request reads as: ``?audience=``, then the cookie, then the default."""

from django.conf import settings
from django.http import HttpRequest

from .models import Audience


def audiences_all() -> list[Audience]:
    """All audiences in chooser order, memoised per request by the caller."""
    return list(Audience.objects.all())


def audience_for_request(request: HttpRequest, audiences: list[Audience] | None = None) -> Audience | None:
    """The reader's audience; unknown slugs fall back silently to the default."""
    if audiences is None:
        audiences = getattr(request, "_audiences", None)
        if audiences is None:
            audiences = request._audiences = audiences_all()
    by_slug = {audience.slug: audience for audience in audiences}
    for slug in (request.GET.get("audience"), request.COOKIES.get(settings.AUDIENCE_COOKIE_NAME)):
        if slug and slug in by_slug:
            return by_slug[slug]
    return next((a for a in audiences if a.is_default), audiences[0] if audiences else None)
