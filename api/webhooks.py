"""Webhook plumbing: the address guard (no requests to ourselves or to private networks), the
signature, and one HTTP attempt that connects only to an address the guard approved.

The guard runs twice: when the chief editor saves an endpoint (a clear form error) and before every
attempt, on the addresses the host name resolves to at that moment; the request then goes to that
very address (the host name stays in the Host header and in TLS's SNI and certificate check), so a
DNS answer that changes between the check and the connection (DNS rebinding) cannot redirect it.
"""

import hashlib
import hmac
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
USER_AGENT = "ClinicalAnswers-Webhooks/1.0"
SIGNATURE_HEADER = "X-Clinical-Answers-Signature"
EVENT_HEADER = "X-Clinical-Answers-Event"
DELIVERY_HEADER = "X-Clinical-Answers-Delivery"
_PRIVATE = _lazy("The address points at a private, local or reserved network; use a public address.")


def sign(body: bytes, secret: str) -> str:
    """``sha256=<hex>``: the HMAC-SHA256 of the raw request body with the endpoint's secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to now (tests replace this: they never use the network)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))


def _is_public(address: IPAddress) -> bool:
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_global and not (mapped or address).is_multicast


def _own_hosts() -> set[str]:
    hosts = {h.lower().lstrip(".") for h in settings.ALLOWED_HOSTS if h and h != "*"}
    site = urlsplit(settings.SITE_URL).hostname
    if site:
        hosts.add(site.lower())
    return hosts


def _is_own_host(host: str) -> bool:
    return any(host == own or host.endswith("." + own) for own in _own_hosts())


@dataclass(frozen=True)
class Target:
    """A checked webhook address: where to connect and what to call the host."""

    url: str
    scheme: str
    host: str
    port: int
    addresses: tuple[IPAddress, ...]


def check_url(url: str) -> Target:
    """The address ``url`` may be delivered to, or ValidationError with a message for the chief editor.

    Refused: anything but http(s), credentials in the URL, this site's own host names, and host
    names that resolve to (or literal addresses that are) loopback, private, link-local, multicast
    or otherwise non-public addresses. Hosts in ``WEBHOOK_ALLOW_PRIVATE_HOSTS`` skip the last two
    checks (for a receiver on the same network; the test suite's local receiver).
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise ValidationError(_("This is not a valid web address."), code="invalid") from exc
    if parts.scheme not in {"http", "https"}:
        raise ValidationError(_("Use an http:// or https:// address."), code="scheme")
    if parts.username is not None or parts.password is not None:
        raise ValidationError(_("Leave user names and passwords out of the address."), code="credentials")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise ValidationError(_("The address has no host name."), code="invalid")
    port = port or (443 if parts.scheme == "https" else 80)
    allowed = host in {h.lower() for h in settings.WEBHOOK_ALLOW_PRIVATE_HOSTS}
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None and not allowed and not _is_public(literal):
        raise ValidationError(_PRIVATE, code="private")
    if not allowed and _is_own_host(host):
        raise ValidationError(_("The address points at this site itself."), code="own_host")
    if literal is not None:
        addresses = [literal]
    else:
        try:
            addresses = resolve(host, port)
        except (OSError, UnicodeError, ValueError) as exc:
            raise ValidationError(
                _("The host name %(host)s could not be resolved.") % {"host": host}, code="dns"
            ) from exc
    if not addresses:
        raise ValidationError(_("The host name %(host)s could not be resolved.") % {"host": host}, code="dns")
    if not allowed and not all(_is_public(a) for a in addresses):
        raise ValidationError(_PRIVATE, code="private")
    return Target(url=url.strip(), scheme=parts.scheme, host=host, port=port, addresses=tuple(addresses))


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _pinned_url(target: Target, address: IPAddress) -> str:
    parts = urlsplit(target.url)
    literal = f"[{address}]" if address.version == 6 else str(address)
    netloc = f"{literal}:{parts.port}" if parts.port else literal
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


def post(target: Target, *, body: bytes, headers: dict[str, str]) -> Outcome:
    """POST ``body`` to the first approved address; the response body is never read."""
    address = target.addresses[0]
    parts = urlsplit(target.url)
    host_header = parts.netloc.rsplit("@", 1)[-1]
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    request_headers = {
        **headers,
        "Host": host_header,
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }
    try:
        with (
            httpx.Client(timeout=settings.WEBHOOK_TIMEOUT_SECONDS, follow_redirects=False, trust_env=False) as client,
            client.stream(
                "POST", _pinned_url(target, address), content=body, headers=request_headers, extensions=extensions
            ) as response,
        ):
            code = response.status_code
    except httpx.TimeoutException:
        return Outcome(None, _("No answer within %(seconds)s seconds.") % {"seconds": settings.WEBHOOK_TIMEOUT_SECONDS})
    except httpx.HTTPError as exc:
        return Outcome(None, (_("Could not connect: %(error)s") % {"error": exc})[:500])
    error = "" if 200 <= code < 300 else _("The receiver answered HTTP %(code)d.") % {"code": code}
    return Outcome(code, error)
