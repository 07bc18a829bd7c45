"""Which audience a request reads as: ``?audience=``, then the cookie, then the default."""

from collections.abc import Sequence

from django.conf import settings
from django.http import HttpRequest

from .models import Audience


def audiences_in_order() -> list[Audience]:
    """All audiences in chooser order (one query)."""
    return list(Audience.objects.all())


def audience_for_request(request: HttpRequest, audiences: Sequence[Audience]) -> Audience | None:
    """The reader's audience among ``audiences``; unknown slugs fall back silently to the default."""
    by_slug = {audience.slug: audience for audience in audiences}
    for slug in (request.GET.get("audience"), request.COOKIES.get(settings.AUDIENCE_COOKIE_NAME)):
        if slug and slug in by_slug:
            return by_slug[slug]
    return next((a for a in audiences if a.is_default), audiences[0] if audiences else None)
