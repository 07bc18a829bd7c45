"""Whole public pages in Django's cache, with the headers a CDN and browsers need.

``cache_public_page(view, tags=...)`` wraps a public view in the URL conf. For GET and HEAD it
answers from the cache when every tag the stored page depends on still has the version it had
(``articles.cache``), else renders the view and stores the answer: identity and gzip bodies,
``ETag``, ``Last-Modified``, ``Cache-Control`` (``PAGE_CACHE_*`` settings) and ``Surrogate-Key``.
Conditional requests get 304. The page is the same for every reader of one URL: the audience
comes from the URL only (``personalization.decorators.audience_from_url``), the session is never
read and no CSRF token is rendered; a response that breaks one of those rules is passed through
uncached (with ``Cache-Control: private``) and logged. Other methods reach the view untouched.
"""

import hashlib
import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.text import compress_string

from personalization.decorators import audience_from_url

from . import cache as tags_module

logger = logging.getLogger(__name__)

_ENTRY_KEY = "pages:entry:{}"
# Query parameters the public pages read; a URL with any other (a tracking tag, a random one) is answered
# without being stored, so nobody can fill the cache with copies of one page.
CACHED_PARAMETERS = frozenset({"audience", "q", "page", "topic", "p"})
_COMPRESSIBLE = ("text/", "application/xml", "application/atom+xml", "application/rss+xml", "application/json")
# Headers the view set that are kept with the page; the rest are the cache's own or per response.
_DROPPED = {"set-cookie", "vary", "cache-control", "etag", "last-modified", "content-length", "expires"}


def _entry_key(request: HttpRequest) -> str:
    url = f"{settings.PAGE_CACHE_VERSION}|{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return _ENTRY_KEY.format(hashlib.sha256(url.encode()).hexdigest())


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


def _make_entry(response: HttpResponse, tags: list[str], versions: dict, now: datetime, end: datetime | None) -> dict:
    body = response.content
    content_type = response.get("Content-Type", "")
    gzipped = None
    if len(body) >= 200 and content_type.startswith(_COMPRESSIBLE):
        compressed = compress_string(body)  # public pages hold no secret: no BREACH padding needed
        gzipped = compressed if len(compressed) < len(body) else None
    digest = hashlib.sha256(body).hexdigest()[:24]
    boundary = _next_boundary(now, end)
    expires = min(now + timedelta(seconds=settings.PAGE_CACHE_SECONDS), boundary)
    return {
        "headers": [(k, v) for k, v in response.items() if k.lower() not in _DROPPED],
        "body": body,
        "gzip": gzipped,
        "etag": f'"{digest}"',
        "last_modified": int(now.timestamp()),
        "expires": expires.timestamp(),
        "capped": expires < now + timedelta(seconds=settings.PAGE_CACHE_SECONDS),
        "tags": tags,
        "versions": {tag: versions[tag] for tag in tags},
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
    response["Vary"] = "Accept-Encoding"
    response["Surrogate-Key"] = " ".join(entry["tags"])
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


def _fresh(entry: dict | None) -> bool:
    if entry is None or entry["expires"] <= timezone.now().timestamp():
        return False
    current = tags_module.tag_versions(entry["tags"])
    return all(current[tag] == version for tag, version in entry["versions"].items())


def cache_public_page(
    view: Callable | None = None, *, tags: Iterable[str] = (), track: Iterable[str] = (), versioned: bool = True
):
    """Serve ``view``'s GET and HEAD answers from the shared page cache.

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
            key = _entry_key(request)
            storing = settings.PAGE_CACHE_ENABLED and CACHED_PARAMETERS.issuperset(request.GET)
            if storing:
                entry = cache.get(key)
                if _fresh(entry):
                    return _respond(request, entry)
            epoch = cache.get(tags_module.EPOCH_KEY)
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
            now = timezone.now()
            page_tags = sorted({*static_tags, *found.tags})
            versions = tags_module.tag_versions(page_tags)
            entry = _make_entry(response, page_tags, versions, now, found.earliest_end)
            if storing and versions[tags_module.EPOCH_KEY] == epoch:
                cache.set(key, entry, timeout=max(1, int(entry["expires"] - now.timestamp())))
            return _respond(request, entry)

        return audience_from_url(cached_view) if versioned else cached_view

    return decorator(view) if view is not None else decorator
