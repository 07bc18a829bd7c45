"""The client's address from the declared proxies: forged X-Forwarded-For entries never choose it."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.client_ip import UNKNOWN, client_ip, keyed_digest
from tests.config.test_settings import _run

CASES = [
    # (proxy count, trusted proxies, behind proxy, REMOTE_ADDR, X-Forwarded-For, expected client)
    (0, [], False, "203.0.113.9", "", "203.0.113.9"),
    (0, [], False, "203.0.113.9", "198.51.100.1", "203.0.113.9"),  # no proxy declared: the header is ignored
    (0, [], True, "10.0.0.1", "198.51.100.1", "198.51.100.1"),  # DJANGO_BEHIND_PROXY alone: one proxy
    (1, [], False, "10.0.0.1", "198.51.100.1", "198.51.100.1"),
    (1, [], False, "10.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # forged entries on the left
    (2, [], False, "10.0.0.1", "198.51.100.1, 192.0.2.50", "198.51.100.1"),  # CDN, then load balancer
    (2, [], False, "10.0.0.1", "6.6.6.6, 198.51.100.1, 192.0.2.50", "198.51.100.1"),
    (2, [], False, "10.0.0.1", "", "10.0.0.1"),  # a request that skipped the proxies: its peer
    (0, ["10.0.0.0/8"], False, "10.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),
    (0, ["10.0.0.0/8"], False, "203.0.113.9", "6.6.6.6", "203.0.113.9"),  # not from our proxy: its peer
    (0, ["192.0.2.0/24", "10.0.0.1"], False, "10.0.0.1", "198.51.100.1, 192.0.2.50", "198.51.100.1"),
    (1, [], False, "10.0.0.1", "not-an-address", "10.0.0.1"),
    (1, [], False, "10.0.0.1", "2001:db8::1", "2001:db8::1"),
    (0, [], False, "", "", UNKNOWN),  # no peer address at all (a Unix socket without a proxy)
]


@pytest.mark.parametrize(("count", "proxies", "behind", "remote", "forwarded", "expected"), CASES)
def test_client_address(rf, settings, count, proxies, behind, remote, forwarded, expected):
    """The address is the one our outermost trusted proxy saw, else the peer's own."""
    settings.TRUSTED_PROXY_COUNT = count
    settings.TRUSTED_PROXIES = proxies
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if behind else None
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(rf.get("/", **meta)) == expected


def test_keyed_digest_depends_on_the_secret(settings):
    """Rate-limit cache keys are keyed with SECRET_KEY: the same address gives another key elsewhere."""
    first = keyed_digest(b"203.0.113.9").hexdigest()
    settings.SECRET_KEY = "another-secret"
    assert keyed_digest(b"203.0.113.9").hexdigest() != first


def test_invalid_trusted_proxies_stop_start_up():
    """A typo in DJANGO_TRUSTED_PROXIES is a clear start-up error, not a silently trusted header."""
    result = _run(
        "import django; django.setup()",
        {"DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "1", "DJANGO_TRUSTED_PROXIES": "10.0.0.0/8,lb"},
    )
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXIES holds 'lb'" in result.stderr
    assert ImproperlyConfigured.__name__ in result.stderr
