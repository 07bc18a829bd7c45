"""The webhook address guard and the signature (no network: host names resolve through a stub)."""

import hashlib
import hmac
import ipaddress

import pytest
from django.core.exceptions import ValidationError

from api import webhooks


@pytest.fixture
def dns(monkeypatch):
    """Host name -> addresses, as the test says; unknown names do not resolve."""
    table: dict[str, list[str]] = {}

    def resolve(host, port):
        if host not in table:
            raise OSError("Name or service not known")
        return [ipaddress.ip_address(a) for a in table[host]]

    monkeypatch.setattr(webhooks, "resolve", resolve)
    return table


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://answers.example.org"
    settings.ALLOWED_HOSTS = ["answers.example.org", ".cdn.example.org"]
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = []


def _code(url: str) -> str:
    with pytest.raises(ValidationError) as error:
        webhooks.check_url(url)
    assert error.value.messages[0]  # a message for the chief editor
    return error.value.code


def test_a_public_https_address_is_accepted(dns):
    dns["hooks.partner.example"] = ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]
    target = webhooks.check_url("https://hooks.partner.example/clinical-answers?x=1")
    assert (target.scheme, target.host, target.port) == ("https", "hooks.partner.example", 443)
    assert [str(a) for a in target.addresses] == ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://hooks.partner.example/", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("hooks.partner.example/no-scheme", "scheme"),
        ("https://user:secret@hooks.partner.example/", "credentials"),
        ("https:///path-only", "invalid"),
        ("https://hooks.partner.example:99999/", "invalid"),
        ("http://127.0.0.1:8000/", "private"),
        ("http://127.1.2.3/", "private"),
        ("http://[::1]/", "private"),
        ("http://[::ffff:127.0.0.1]/", "private"),
        ("http://10.0.0.5/", "private"),
        ("http://172.16.0.1/", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "private"),
        ("http://[fe80::1]/", "private"),
        ("http://100.64.0.1/", "private"),
        ("http://0.0.0.0/", "private"),
        ("http://224.0.0.1/", "private"),
        ("https://answers.example.org/api/v1/", "own_host"),
        ("https://ANSWERS.example.org./", "own_host"),
        ("https://static.cdn.example.org/", "own_host"),
    ],
)
def test_refused_addresses(dns, url, code):
    """Not http(s), credentials, private, local, link-local or reserved addresses, and this site itself."""
    assert _code(url) == code


def test_host_names_resolving_to_private_addresses_are_refused(dns):
    """``localhost`` and any name whose answers include a private address are refused."""
    dns["localhost"] = ["127.0.0.1"]
    dns["sneaky.partner.example"] = ["93.184.216.34", "10.1.2.3"]
    assert _code("http://localhost:8000/") == "private"
    assert _code("https://sneaky.partner.example/") == "private"


def test_a_name_that_does_not_resolve_is_refused(dns):
    assert _code("https://nowhere.partner.example/") == "dns"


def test_the_allow_list_admits_a_named_private_host(dns, settings):
    """Hosts in WEBHOOK_ALLOW_PRIVATE_HOSTS skip the private and own-host checks, and only those."""
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"]
    assert webhooks.check_url("http://127.0.0.1:9000/hook").port == 9000
    assert _code("http://127.0.0.2/") == "private"
    assert _code("ftp://127.0.0.1/") == "scheme"


def test_the_signature_is_an_hmac_of_the_raw_body():
    """Partners verify ``sha256=`` + HMAC-SHA256(secret, body) as in the README."""
    body = b'{"event":"article.published"}'
    expected = hmac.new(b"whsec_test", body, hashlib.sha256).hexdigest()
    assert webhooks.sign(body, "whsec_test") == f"sha256={expected}"
    assert webhooks.sign(body + b" ", "whsec_test") != webhooks.sign(body, "whsec_test")


def test_the_request_goes_to_the_checked_address_with_the_host_name_kept():
    """The connection uses the approved address; the host name stays for Host and TLS."""
    target = webhooks.Target(
        url="https://hooks.partner.example:8443/in?a=1",
        scheme="https",
        host="hooks.partner.example",
        port=8443,
        addresses=(ipaddress.ip_address("2606:2800:220:1:248:1893:25c8:1946"),),
    )
    assert webhooks._pinned_url(target, target.addresses[0]) == (
        "https://[2606:2800:220:1:248:1893:25c8:1946]:8443/in?a=1"
    )
