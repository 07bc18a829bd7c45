"""Public pages whose audience version is in the URL, so that a shared cache can hold each version.

The bare URL is the default audience's version; ``?audience=<slug>`` is another's. The chooser's
cookie never changes what a URL shows: a reader who chose another audience and opens a bare URL
is sent, by a private redirect no shared cache stores, to that audience's version.
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from .selectors import remembered_audience

URL_ONLY_ATTRIBUTE = "audience_from_url_only"


def audience_from_url(view: Callable) -> Callable:
    """For GET and HEAD, ``request.audience`` comes from ``?audience=`` (else the default) and the cookie
    only redirects the bare URL to the explicit version; other methods are left as they are."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        setattr(request, URL_ONLY_ATTRIBUTE, True)
        if "audience" not in request.GET and settings.AUDIENCE_COOKIE_NAME in request.COOKIES:
            audience = remembered_audience(request, request.audiences)
            if audience is not None and not audience.is_default:
                query = request.GET.copy()
                query["audience"] = audience.slug
                response = HttpResponseRedirect(f"{request.path}?{urlencode(list(query.lists()), doseq=True)}")
                add_never_cache_headers(response)  # private: it depends on the cookie
                patch_vary_headers(response, ["Cookie"])
                return response
        return view(request, *args, **kwargs)

    return wrapped
