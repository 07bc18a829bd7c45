"""Cross-site protection for the public forms (the audience chooser, the follow-up question) without a cookie.

The pages that carry these forms are cached and shared, so they hold no per-reader CSRF token.
Instead the browser says where a POST comes from, and only this site (or an origin named in
``CSRF_TRUSTED_ORIGINS``) may post:

1. ``Origin`` (sent by every current browser on a POST): it must be this site or trusted;
   ``Origin: null`` (sandboxed frames, privacy redirects) is refused.
2. Without ``Origin``, ``Sec-Fetch-Site`` must be ``same-origin`` (or ``none``: typed by the user).
3. Without either, the ``Referer``'s origin must be this site or trusted.
4. With none of the three, the post is accepted: only clients that are not browsers (and browsers
   too old to matter) send none, and they carry no reader's ambient cookie to abuse. These two
   forms grant nothing; the admin, the board's pages and sign-in keep Django's CSRF tokens.
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import is_same_domain
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


def _origin_of(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:  # not a URL at all (an unclosed "[" host, say): no origin
        return ""
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def origin_allowed(request: HttpRequest, origin: str) -> bool:
    """This site's own origin, or one of ``CSRF_TRUSTED_ORIGINS`` (``https://*.example.com`` for subdomains)."""
    if not origin:
        return False
    if origin == f"{request.scheme}://{request.get_host()}":
        return True
    scheme, _sep, host = origin.partition("://")
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        trusted_scheme, _sep, trusted_host = trusted.partition("://")
        if trusted_scheme != scheme:
            continue
        if trusted_host.startswith("*."):
            if is_same_domain(host, trusted_host[1:]):
                return True
        elif trusted_host == host:
            return True
    return False


def is_cross_site(request: HttpRequest) -> bool:
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin == "null" or not origin_allowed(request, origin)
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    referer = request.headers.get("Referer")
    if referer is not None:
        return not origin_allowed(request, _origin_of(referer))
    return False


def same_origin_post(view: Callable) -> Callable:
    """Refuse (403, with a page saying why) a POST that a browser reports as coming from another site;
    replaces Django's CSRF token check for this view only."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in SAFE_METHODS and is_cross_site(request):
            message = _(
                "This form was sent from another website, so we did not accept it. "
                "To send it, open the page on this site and use the form there."
            )
            return render(request, "403.html", {"exception": message}, status=403)
        return view(request, *args, **kwargs)

    return wrapped
