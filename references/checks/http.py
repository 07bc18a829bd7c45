"""A polite HTTP client for the checks: a User-Agent with a contact address, timeouts, a rate limit,
and retries with growing waits on 429 and 5xx answers and on dropped connections (honouring
``Retry-After``). Every failure ends as a ``ServiceError`` with a message an editor can read."""

import email.utils
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class ServiceError(Exception):
    """A service could not be asked, or answered with something unusable; ``str()`` says which."""


class NotFoundError(ServiceError):
    """The service does not know the identifier (404)."""


def user_agent() -> str:
    """ "ClinicalAnswers-citation-check/1.0 (+https://…; mailto:editor@example.org)": Crossref's and
    NCBI's etiquette asks for a contact address in every request."""
    contact = settings.CITATION_CHECK_CONTACT_EMAIL
    site = getattr(settings, "CITATION_CHECK_SITE_URL", "")
    details = "; ".join(part for part in (f"+{site}" if site else "", f"mailto:{contact}" if contact else "") if part)
    return f"ClinicalAnswers-citation-check/1.0 ({details})" if details else "ClinicalAnswers-citation-check/1.0"


class RateLimiter:
    """At most ``per_second`` requests per second for each key (a service, or a web site's host)."""

    def __init__(self, per_second: float, *, clock: Callable[[], float] = time.monotonic, sleep=time.sleep):
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.clock, self.sleep = clock, sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, key: str = "") -> None:
        with self._lock:
            now = self.clock()
            start = max(now, self._next.get(key, now))
            self._next[key] = start + self.interval
        if start > now:
            self.sleep(start - now)


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: a number ("120") or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class PoliteClient:
    """One service's client. ``get`` returns a successful response or raises ``ServiceError``."""

    def __init__(
        self,
        name: str,
        *,
        per_second: float,
        timeout: float | None = None,
        retries: int | None = None,
        backoff: float | None = None,
        max_wait: float | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.name = name
        self.retries = settings.CITATION_CHECK_RETRIES if retries is None else retries
        self.backoff = settings.CITATION_CHECK_BACKOFF_SECONDS if backoff is None else backoff
        self.max_wait = settings.CITATION_CHECK_MAX_WAIT_SECONDS if max_wait is None else max_wait
        self.sleep = sleep
        self.limiter = RateLimiter(per_second, sleep=sleep)
        seconds = settings.CITATION_CHECK_TIMEOUT_SECONDS if timeout is None else timeout
        self.client = httpx.Client(
            timeout=httpx.Timeout(seconds, connect=min(seconds, 5.0)),
            headers={"User-Agent": user_agent()},
            follow_redirects=True,
            transport=transport,
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "PoliteClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, *, params: dict | None = None) -> httpx.Response:
        attempt = 0
        while True:
            attempt += 1
            self.limiter.wait(self.name)
            try:
                response = self.client.get(url, params=params)
            except httpx.TimeoutException as error:
                problem, wait = _("%(service)s did not answer in time") % {"service": self.name}, None
                last_error: Exception = error
            except httpx.TransportError as error:
                problem = _("%(service)s could not be reached (%(error)s)") % {"service": self.name, "error": error}
                wait, last_error = None, error
            else:
                if response.status_code == 404:
                    raise NotFoundError(_("%(service)s does not know it (404).") % {"service": self.name})
                if response.status_code not in RETRY_STATUSES:
                    if response.is_success:
                        return response
                    raise ServiceError(
                        _("%(service)s refused the request (HTTP %(status)s).")
                        % {"service": self.name, "status": response.status_code}
                    )
                problem = _("%(service)s answered HTTP %(status)s") % {
                    "service": self.name,
                    "status": response.status_code,
                }
                wait, last_error = retry_after_seconds(response.headers.get("Retry-After")), None
            if attempt > self.retries:
                raise ServiceError(
                    _("%(problem)s, %(attempts)s times; giving up for now.") % {"problem": problem, "attempts": attempt}
                ) from last_error
            delay = self.backoff * 2 ** (attempt - 1) if wait is None else wait
            if delay > self.max_wait:
                raise ServiceError(
                    _("%(problem)s and asked to wait %(seconds)s seconds; trying again on the next run.")
                    % {"problem": problem, "seconds": round(delay)}
                ) from last_error
            logger.warning("%s; retrying in %.1f s (attempt %d of %d).", problem, delay, attempt, self.retries + 1)
            self.sleep(delay)
