"""Whether a reference's web address still works: HEAD (GET when the server refuses HEAD), redirects
followed one by one and recorded, a timeout, a per-site rate limit, and no requests to addresses that
are not public (the server must not be made to probe its own network)."""

import ipaddress
import socket
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

from references.models import ReferenceCheck

from .http import RateLimiter, user_agent

MAX_REDIRECTS = 10
PERMANENT_REDIRECTS = frozenset({301, 308})
HEAD_REFUSED = frozenset({405, 501})
Status = ReferenceCheck.LinkStatus


@dataclass
class LinkResult:
    url: str
    status: str  # a ReferenceCheck.LinkStatus
    http_status: int | None = None
    final_url: str = ""
    redirects: list[dict] = field(default_factory=list)  # [{"status": 301, "from": url, "to": url}, ...]
    error: str = ""


def _public_address(host: str) -> bool:
    """Whether every address ``host`` resolves to is public (not loopback, private, link-local, ...)."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return True  # let the request fail with its own, clearer error
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            return False
    return True


class LinkChecker:
    def __init__(self, *, timeout: float | None = None, transport: httpx.BaseTransport | None = None):
        seconds = settings.LINK_CHECK_TIMEOUT_SECONDS if timeout is None else timeout
        self.client = httpx.Client(
            timeout=httpx.Timeout(seconds, connect=min(seconds, 5.0)),
            headers={"User-Agent": user_agent(), "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
            follow_redirects=False,
            transport=transport,
        )
        self.limiter = RateLimiter(settings.LINK_CHECK_PER_HOST_PER_SECOND)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "LinkChecker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _allowed(self, url: str) -> str:
        """Why ``url`` is not checked ("" if it is)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return _("only http and https addresses are checked.")
        if not settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES and not _public_address(parts.hostname):
            return _("%(host)s is not a public address.") % {"host": parts.hostname}
        return ""

    def _request(self, url: str) -> httpx.Response:
        host = urlsplit(url).hostname or ""
        self.limiter.wait(host)
        response = self.client.head(url)
        if response.status_code in HEAD_REFUSED:
            self.limiter.wait(host)
            with self.client.stream("GET", url) as streamed:  # the status is enough: the body is not read
                return streamed
        return response

    def check(self, url: str) -> LinkResult:
        result = LinkResult(url=url, status=Status.OK)
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            refused = self._allowed(current)
            if refused:
                result.status, result.error = Status.REFUSED, refused
                return result
            try:
                response = self._request(current)
            except httpx.TimeoutException:
                result.status, result.error = Status.UNREACHABLE, _("no answer within the time limit.")
                return result
            except httpx.HTTPError as error:
                result.status, result.error = Status.UNREACHABLE, str(error) or error.__class__.__name__
                return result
            result.http_status = response.status_code
            location = response.headers.get("Location")
            if response.is_redirect and location:
                target = urljoin(current, location)
                result.redirects.append({"status": response.status_code, "from": current, "to": target})
                current = target
                continue
            result.final_url = current
            result.status = _status(response.status_code, result.redirects)
            return result
        result.status, result.error = Status.BROKEN, _("more than %(count)s redirects.") % {"count": MAX_REDIRECTS}
        return result


def _status(code: int, redirects: list[dict]) -> str:
    if 200 <= code < 300:
        moved = any(hop["status"] in PERMANENT_REDIRECTS for hop in redirects)
        return Status.MOVED if moved else Status.OK
    if code in (429,) or code >= 500:
        return Status.UNREACHABLE
    if code in (401, 403):  # the page exists behind a login or refuses robots: not evidence it is gone
        return Status.OK
    return Status.BROKEN
