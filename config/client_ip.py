"""The client's address, from the proxy set-up the operator declares; one answer for every limit.

django-ratelimit (the follow-up question limit, ``RATELIMIT_IP_META_KEY``) and django-axes (the
sign-in throttle, ``AXES_CLIENT_IP_CALLABLE``) both call ``client_ip``. Without declared proxies
the address is the peer's own (``REMOTE_ADDR``), and ``X-Forwarded-For`` is ignored: anyone can
write it. With ``DJANGO_TRUSTED_PROXY_COUNT=N`` the client is the address the outermost of our N
proxies saw; with ``DJANGO_TRUSTED_PROXIES`` it is the one before our proxies' own addresses,
and a request that did not pass through them is judged by its peer address.
"""

import hashlib
import hmac
import ipaddress
from types import SimpleNamespace

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip

UNKNOWN = "0.0.0.0"  # noqa: S104 - a placeholder value, nothing listens on it


def as_address(value: str) -> str | None:
    """The address in canonical form, or None for anything that is not one."""
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def proxy_setup() -> tuple[int, list[str]]:
    """(trusted proxy count, trusted proxy addresses); DJANGO_BEHIND_PROXY alone means one proxy."""
    count, proxies = settings.TRUSTED_PROXY_COUNT, list(settings.TRUSTED_PROXIES)
    if not count and not proxies and settings.SECURE_PROXY_SSL_HEADER:
        count = 1
    return count, proxies


def client_ip(request: HttpRequest) -> str:
    """The client's address as a normalised string; never one the client could choose past our proxies."""
    peer = as_address(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
    count, proxies = proxy_setup()
    if not count and not proxies:
        return peer
    # X-Forwarded-For lists the hops before the nearest proxy; that proxy is the peer. With it
    # appended the chain holds every proxy, so the count and the list describe all of them.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = SimpleNamespace(META={"HTTP_X_FORWARDED_FOR": f"{forwarded}, {peer}" if forwarded else peer})
    address, _routable = get_client_ip(
        chain,
        proxy_count=count if not proxies else None,
        proxy_trusted_ips=proxies or None,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return as_address(address or "") or peer


def keyed_digest(data: bytes = b"") -> "hmac.HMAC":
    """django-ratelimit's cache-key hash (RATELIMIT_HASH_ALGORITHM), keyed with SECRET_KEY."""
    return hmac.new(settings.SECRET_KEY.encode(), data, hashlib.sha256)
