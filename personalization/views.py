"""The "Which best describes you?" chooser: a plain form that works without JavaScript."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.validators import slug_re
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Audience


def safe_next(request: HttpRequest, target: str) -> str:
    """Where to go back to: a same-site URL only (else the home page), without ``?audience=``
    (the chosen audience's version is added by ``choose_audience``)."""
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    parts = urlsplit(target)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "audience"])
    return urlunsplit(("", "", parts.path or "/", query, parts.fragment))


def with_audience(target: str, slug: str) -> str:
    parts = urlsplit(target)
    query = urlencode([*parse_qsl(parts.query, keep_blank_values=True), ("audience", slug)])
    return urlunsplit(("", "", parts.path, query, parts.fragment))


@require_POST
def choose_audience(request: HttpRequest) -> HttpResponse:
    """Go back to the chosen audience's version of the page the reader was on (``?audience=``, the
    bare URL for the default audience), and remember the choice in a cookie for the next bare URL."""
    slug = request.POST.get("audience", "")
    target = safe_next(request, request.POST.get("next", ""))
    # Only something shaped like a slug is looked up: anything else (NUL, markup) is no audience.
    audience = Audience.objects.filter(slug=slug).first() if slug and slug_re.fullmatch(slug) else None
    if audience is None:
        if not slug:
            message = _("Please choose one of the listed options.")
        elif not slug.isprintable():
            message = _("That is not one of our audiences. Please choose one of the listed options.")
        else:
            message = _("“%(choice)s” is not one of our audiences. Please choose one of the listed options.") % {
                "choice": slug[:40]
            }
        return render(
            request, "personalization/audience_invalid.html", {"message": message, "next_url": target}, status=400
        )
    response = HttpResponseRedirect(target if audience.is_default else with_audience(target, slug))
    response.set_cookie(
        settings.AUDIENCE_COOKIE_NAME,
        slug,
        max_age=settings.AUDIENCE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response
