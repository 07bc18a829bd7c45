"""The chief editor's admin for keys, webhooks and the delivery log; and who else may not use it."""

import hashlib
import re

import pytest

from api.models import ApiKey, WebhookDelivery, WebhookEndpoint
from api.services import api_key_create

pytestmark = pytest.mark.django_db

KEYS = "/admin/api/apikey/"
ENDPOINTS = "/admin/api/webhookendpoint/"
LOG = "/admin/api/webhookdelivery/"


def _shown_secret(response) -> str:
    match = re.search(r'id="shown-once-secret"[^>]*value="([^"]+)"', response.content.decode())
    assert match, "the new secret is on the page"
    return match.group(1)


def test_the_chief_editor_issues_a_key_and_sees_it_once(client, chief, approved):
    """Saving shows the key on the answer page (not stored, not in a message); it works at once."""
    client.force_login(chief)
    response = client.post(KEYS + "add/", {"name": "NHS Trust partner", "requests_per_minute": "120", "notes": ""})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    raw = _shown_secret(response)
    key = ApiKey.objects.get()
    assert (key.name, key.rate_limit, key.created_by) == ("NHS Trust partner", 120, chief)
    assert key.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in client.get(f"{KEYS}{key.pk}/change/").content.decode()
    assert raw not in client.get(KEYS).content.decode()
    assert client.get("/api/v1/topics/", headers={"X-Api-Key": raw}).status_code == 200


def test_the_key_list_shows_partner_prefix_usage_and_state(client, chief):
    client.force_login(chief)
    active, _ = api_key_create(name="Clinic app", actor=chief)
    ApiKey.objects.filter(pk=active.pk).update(usage_count=42)
    page = client.get(KEYS).content.decode()
    for text in ("Clinic app", active.prefix, "42", "Active", "60"):
        assert text in page


def test_the_revoke_action_revokes(client, chief):
    """Revoked keys answer 401 and their webhooks are switched off."""
    client.force_login(chief)
    key, raw = api_key_create(name="Former partner", actor=chief)
    endpoint = WebhookEndpoint.objects.create(api_key=key, url="https://hooks.example/", secret="s")
    response = client.post(KEYS, {"action": "revoke_keys", "_selected_action": [key.pk]}, follow=True)
    assert "1 key(s) revoked" in response.content.decode()
    key.refresh_from_db()
    endpoint.refresh_from_db()
    assert key.revoked_at is not None
    assert endpoint.active is False
    assert client.get("/api/v1/topics/", headers={"X-Api-Key": raw}).json()["code"] == "revoked_key"


def test_keys_cannot_be_deleted(client, chief):
    """Revoke, do not delete: the record of a partner's use stays."""
    client.force_login(chief)
    key, _ = api_key_create(name="Clinic app", actor=chief)
    assert client.get(f"{KEYS}{key.pk}/delete/").status_code == 403


@pytest.mark.parametrize("who", ["editor", "reviewer"])
def test_editors_and_board_members_cannot_manage_keys(client, request, chief, who):
    """Only the chief editor sees keys, endpoints and the log; others get 403 and cannot issue keys."""
    user = request.getfixturevalue(who)
    client.force_login(user)
    refused = 403 if user.is_staff else 302  # board members are not admin users: sent to the login page
    key, _ = api_key_create(name="Clinic app", actor=chief)
    for url in (KEYS, KEYS + "add/", f"{KEYS}{key.pk}/change/", ENDPOINTS, ENDPOINTS + "add/", LOG):
        assert client.get(url).status_code == refused, url
    assert client.post(KEYS + "add/", {"name": "Sneaky"}).status_code == refused
    assert ApiKey.objects.count() == 1


def test_the_key_service_refuses_editors(editor):
    """The service checks the permission itself, whatever calls it."""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        api_key_create(name="Sneaky", actor=editor)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://hooks.partner.example/in", "Use an http:// or https:// address."),
        ("http://127.0.0.1:8000/in", "private, local or reserved network"),
        ("http://169.254.169.254/latest/meta-data/", "private, local or reserved network"),
        ("https://answers.example.org/api/v1/", "points at this site itself"),
    ],
)
def test_a_webhook_url_that_is_not_http_or_points_inwards_is_a_form_error(client, chief, settings, url, message):
    """The chief editor sees why; nothing is saved."""
    settings.SITE_URL = "https://answers.example.org"
    client.force_login(chief)
    key, _ = api_key_create(name="Clinic app", actor=chief)
    response = client.post(ENDPOINTS + "add/", {"api_key": key.pk, "url": url, "active": "on"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_a_webhook_is_registered_with_a_secret_shown_once(client, chief, receiver):
    """A valid URL is saved with a generated signing secret, shown on the answer page only."""
    client.force_login(chief)
    key, _ = api_key_create(name="Clinic app", actor=chief)
    response = client.post(ENDPOINTS + "add/", {"api_key": key.pk, "url": receiver.url, "active": "on"})
    secret = _shown_secret(response)
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.url, endpoint.secret, endpoint.api_key) == (receiver.url, secret, key)
    assert secret not in client.get(f"{ENDPOINTS}{endpoint.pk}/change/").content.decode()


def test_a_revoked_key_cannot_get_a_webhook(client, chief, receiver):
    client.force_login(chief)
    key, _ = api_key_create(name="Former partner", actor=chief)
    ApiKey.objects.filter(pk=key.pk).update(revoked_at="2025-01-01T00:00:00Z")
    response = client.post(ENDPOINTS + "add/", {"api_key": key.pk, "url": receiver.url, "active": "on"})
    assert "Select a valid choice" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_the_delivery_log_is_read_only(client, chief, endpoint):
    """The chief editor reads each attempt (event, endpoint, attempt, status, error) but cannot add, change or delete one."""
    client.force_login(chief)
    row = WebhookDelivery.objects.create(
        endpoint=endpoint, event="article.published", article_id=7, payload={}, status="failed", error="HTTP 500"
    )
    page = client.get(LOG).content.decode()
    assert "HTTP 500" in page
    assert "Published" in page
    assert client.get(LOG + "add/").status_code == 403
    assert client.get(f"{LOG}{row.pk}/delete/").status_code == 403
    detail = client.get(f"{LOG}{row.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
