"""Whole public pages in Django's cache, with the headers a CDN and browsers need.

Two halves. ``cache_public_page(view, tags=...)`` wraps a public view in the URL conf: it renders
the page, works out what the page depends on (tags, ``articles.cache``) and marks the response
as one to share. ``PageCacheMiddleware``, near the top of ``MIDDLEWARE``, stores such a response
as the reader received it, every other middleware's headers included, and answers the next
GET or HEAD of the same URL from the cache before any other middleware, URL resolving or view
runs, when every tag the page depends on still has the version it had.

A stored page holds the identity and gzip bodies, ``ETag``, ``Last-Modified``, its expiry and
``Surrogate-Key``; each answer gets its ``Cache-Control`` (``PAGE_CACHE_*`` settings) and 304 for
a matching conditional request. A hit costs one cache round trip while nothing has been
invalidated since the page was stored (the epoch, ``articles.cache``, has not moved), two
otherwise. The page is the same for every reader of one URL: the audience comes from the URL
only (``personalization.decorators.audience_from_url``; a reader with the chooser's cookie
reaching a bare URL goes through the view, which may redirect), the session is never read and
no CSRF token is rendered; a response that breaks one of those rules is passed through uncached
(with ``Cache-Control: private``) and logged. Other methods reach the view untouched.
"""

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.text import compress_string

from personalization.decorators import audience_from_url

from . import cache as tags_module

logger = logging.getLogger(__name__)

_ENTRY_KEY = "pages:entry:2:{}"  # the entry's format is part of the key
# Query parameters the public pages read; a URL with any other (a tracking tag, a random one) is answered
# without being stored, so nobody can fill the cache with copies of one page.
CACHED_PARAMETERS = frozenset({"audience", "q", "page", "topic", "p"})
_COMPRESSIBLE = ("text/", "application/xml", "application/atom+xml", "application/rss+xml", "application/json")
# Headers set per answer (from the entry and the clock), never stored with the page.
_PER_ANSWER = {"set-cookie", "cache-control", "etag", "last-modified", "content-length", "content-encoding", "expires"}
_STATE = "_page_cache"  # the request attribute the middleware leaves for the decorator
_SHARED = "_page_cache_shared"  # the response attribute the decorator leaves for the middleware


def _entry_key(request: HttpRequest) -> str:
    url = f"{settings.PAGE_CACHE_VERSION}|{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return _ENTRY_KEY.format(hashlib.sha256(url.encode()).hexdigest())


@dataclass
class _Lookup:
    """What the middleware learnt before the view ran: the page's key, whether it may be stored, and
    the epoch read in the same round trip (a page rendered while the epoch moves is not stored)."""

    key: str
    storing: bool
    epoch: str | None


@dataclass
class _Shared:
    """What the decorator found while the view rendered: the page's tags with their versions, and the
    earliest moment it changes by itself."""

    tags: list[str]
    versions: dict[str, str | None]
    earliest_end: datetime | None
    versioned: bool


def _next_boundary(now: datetime, earliest_end: datetime | None) -> datetime:
    """The next moment a page can change without a write: midnight (``is_overdue``), or the earliest
    ``unpublish_at`` of the snapshots the page loaded (it shows them no longer from then on). Lists that
    do not load that column are refreshed by the expiry job (``article_expire`` invalidates them)."""
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    return min(midnight, earliest_end) if earliest_end is not None and earliest_end > now else midnight


def _cacheable(request: HttpRequest, response: HttpResponse) -> str | None:
    """Why this response must not be shared, or None."""
    if response.status_code != 200 or response.streaming:
        return "status" if response.status_code != 200 else "streaming"
    if response.cookies:
        return "sets a cookie"
    session = getattr(request, "session", None)
    if session is not None and session.accessed:
        return "read the session"
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return "rendered a CSRF token"
    if any(v in response.get("Cache-Control", "") for v in ("private", "no-store", "no-cache")):
        return "marked private"
    return None


def _make_entry(response: HttpResponse, shared: _Shared, epoch: str | None, now: datetime) -> dict:
    body = response.content
    content_type = response.get("Content-Type", "")
    gzipped = None
    if len(body) >= 200 and content_type.startswith(_COMPRESSIBLE):
        compressed = compress_string(body)  # public pages hold no secret: no BREACH padding needed
        gzipped = compressed if len(compressed) < len(body) else None
    digest = hashlib.sha256(body).hexdigest()[:24]
    boundary = _next_boundary(now, shared.earliest_end)
    expires = min(now + timedelta(seconds=settings.PAGE_CACHE_SECONDS), boundary)
    patch_vary_headers(response, ["Accept-Encoding"])
    response["Surrogate-Key"] = " ".join(shared.tags)
    return {
        "headers": [(k, v) for k, v in response.items() if k.lower() not in _PER_ANSWER],
        "body": body,
        "gzip": gzipped,
        "etag": f'"{digest}"',
        "last_modified": int(now.timestamp()),
        "expires": expires.timestamp(),
        "capped": expires < now + timedelta(seconds=settings.PAGE_CACHE_SECONDS),
        "versioned": shared.versioned,
        "epoch": epoch,
        "versions": {tag: shared.versions[tag] for tag in shared.tags},
    }


def _accepts_gzip(request: HttpRequest) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def _not_modified(request: HttpRequest, etag: str, last_modified: int) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        wanted = {e.removeprefix("W/") for e in parse_etags(if_none_match)}
        return "*" in wanted or etag in wanted
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and last_modified <= since


def _respond(request: HttpRequest, entry: dict) -> HttpResponse:
    now = timezone.now().timestamp()
    remaining = max(0, int(entry["expires"] - now))
    use_gzip = entry["gzip"] is not None and _accepts_gzip(request)
    etag = entry["etag"][:-1] + '-gzip"' if use_gzip else entry["etag"]
    if _not_modified(request, etag, entry["last_modified"]):
        response = HttpResponse(status=304)
        for name, value in entry["headers"]:
            if name.lower() in ("vary", "surrogate-key", "content-location"):
                response[name] = value
    else:
        body = entry["gzip"] if use_gzip else entry["body"]
        response = HttpResponse(body if request.method != "HEAD" else b"")
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(body))
        if use_gzip:
            response["Content-Encoding"] = "gzip"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(entry["last_modified"])
    directives = {
        "public": True,
        "max_age": min(settings.PAGE_CACHE_MAX_AGE, remaining),
        "s_maxage": min(settings.PAGE_CACHE_S_MAXAGE, remaining),
    }
    if not entry["capped"]:  # never serve a page past a moment it must change (an unpublish time)
        directives["stale_while_revalidate"] = settings.PAGE_CACHE_STALE_WHILE_REVALIDATE
        directives["stale_if_error"] = settings.PAGE_CACHE_STALE_IF_ERROR
    patch_cache_control(response, **directives)
    return response


def _fresh(entry: dict | None, epoch: str | None) -> bool:
    """Whether ``entry`` may be served: not past its expiry, and no tag it depends on invalidated since.

    Every invalidation moves the epoch, so an unchanged epoch settles it without reading the tags. A
    missing epoch (never set, or evicted) settles nothing."""
    if entry is None or entry["expires"] <= timezone.now().timestamp():
        return False
    if epoch is not None and entry["epoch"] == epoch:
        return True
    current = tags_module.tag_versions(entry["versions"])
    return all(current[tag] == version for tag, version in entry["versions"].items())


def _cookie_may_redirect(request: HttpRequest) -> bool:
    """A reader who chose an audience opening a bare URL: the view redirects them (privately)."""
    return settings.AUDIENCE_COOKIE_NAME in request.COOKIES and "audience" not in request.GET


class PageCacheMiddleware:
    """Answer GET and HEAD from the shared page cache before the rest of the stack; store the pages
    ``cache_public_page`` marks as shared, with the headers the whole stack gave them.

    Place it after ``SecurityMiddleware`` (HTTPS redirects come first) and ``WhiteNoiseMiddleware``
    (static files never ask the cache), before everything else.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        key = _entry_key(request)
        # Switched off, pages are neither answered from nor kept in Django's cache, but still carry the
        # headers that let browsers and a CDN keep them.
        storing = settings.PAGE_CACHE_ENABLED and CACHED_PARAMETERS.issuperset(request.GET)
        if storing:
            found = cache.get_many([key, tags_module.EPOCH_KEY])
            epoch = found.get(tags_module.EPOCH_KEY)
            entry = found.get(key)
            if _fresh(entry, epoch) and not (entry["versioned"] and _cookie_may_redirect(request)):
                return _respond(request, entry)
        else:
            epoch = cache.get(tags_module.EPOCH_KEY)
        if epoch is None:
            epoch = tags_module.ensure_epoch()
        setattr(request, _STATE, _Lookup(key=key, storing=storing, epoch=epoch))
        response = self.get_response(request)
        shared = getattr(response, _SHARED, None)
        if shared is None:
            return response
        if response.cookies:  # a middleware below set one after all: this answer is this reader's
            logger.warning("Public page %s not cached: a middleware set a cookie", request.path)
            patch_cache_control(response, private=True)
            return response
        now = timezone.now()
        entry = _make_entry(response, shared, epoch, now)
        if storing and shared.versions[tags_module.EPOCH_KEY] == epoch:
            cache.set(key, entry, timeout=max(1, int(entry["expires"] - now.timestamp())))
        return _respond(request, entry)


def cache_public_page(
    view: Callable | None = None, *, tags: Iterable[str] = (), track: Iterable[str] = (), versioned: bool = True
):
    """Share ``view``'s GET and HEAD answers through the page cache (``PageCacheMiddleware``).

    ``tags``: what the page shows (``articles.cache``); ``track``: also depend on each snapshot
    (``ARTICLES_LOADED``) or topic (``TOPICS_LOADED``) the view loads; ``versioned``: an HTML page with the audience
    chooser, whose audience comes from ``?audience=`` only (feeds and the sitemap are not).
    """
    static_tags = sorted({tags_module.ALL, *tags, *([tags_module.AUDIENCES] if versioned else [])})

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def cached_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            if not hasattr(request, _STATE):
                raise ImproperlyConfigured("cache_public_page needs articles.page_cache.PageCacheMiddleware.")
            found, token = tags_module.start_tracking(track)
            # No per-reader messages on a shared page (reading them opens the session): they stay
            # queued for the reader's next private page.
            queued = getattr(request, "_messages", None)
            request._messages = ()
            try:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
            finally:
                tags_module.stop_tracking(token)
                if queued is not None:
                    request._messages = queued
                else:
                    del request._messages
            reason = _cacheable(request, response)
            if reason is not None:
                if response.status_code == 200:
                    logger.warning("Public page %s not cached: it %s", request.path, reason)
                    patch_cache_control(response, private=True)
                return response
            page_tags = sorted({*static_tags, *found.tags})
            versions = tags_module.tag_versions(page_tags)
            setattr(response, _SHARED, _Shared(page_tags, versions, found.earliest_end, versioned))
            return response

        return audience_from_url(cached_view) if versioned else cached_view

    return decorator(view) if view is not None else decorator
