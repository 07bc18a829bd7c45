"""Security headers on every public response."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/search/?q=pain", "/ask/", "/questions/nope/", "/healthz"])
def test_public_responses_carry_a_strict_content_security_policy(client, path):
    """No inline script or style, no framing, only our own origin."""
    policy = client.get(path)["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


def test_admin_keeps_djangos_own_headers(client, editor):
    """The admin's widgets use inline styles, so the policy is not applied there."""
    client.force_login(editor)
    response = client.get("/admin/")
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"
