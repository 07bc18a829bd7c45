"""Keys from the partner's side: what authenticates, what does not, rate limits and usage."""

import hashlib

import pytest

from api.models import ApiKey
from api.services import api_key_create, api_key_revoke

pytestmark = pytest.mark.django_db

URL = "/api/v1/articles/"


def _error(response) -> tuple[int, str]:
    return response.status_code, response.json()["code"]


def test_no_key_answers_401_with_a_clear_body(client, approved):
    """Without a key: 401, a JSON body saying how to send one, and a WWW-Authenticate challenge."""
    response = client.get(URL)
    assert _error(response) == (401, "not_authenticated")
    assert "X-Api-Key" in response.json()["detail"]
    assert response["WWW-Authenticate"] == 'Api-Key realm="api"'
    assert approved.question not in response.content.decode()


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({"X-Api-Key": "ca_00000000_not-a-real-key"}, "invalid_key"),
        ({"X-Api-Key": "something-else"}, "invalid_key"),
        ({"X-Api-Key": ""}, "invalid_key"),
        ({"Authorization": "Bearer abc"}, "unsupported_scheme"),
        ({"Authorization": "Basic Y2hpZWY6cHc="}, "unsupported_scheme"),
    ],
)
def test_unknown_or_malformed_keys_answer_401(client, approved, headers, code):
    """A key that is not ours, or sent the wrong way, is refused with its own code, and nothing leaks."""
    response = client.get(URL, headers=headers)
    assert _error(response) == (401, code)
    assert approved.slug not in response.content.decode()


def test_a_real_prefix_with_a_wrong_secret_is_refused(client, issued, approved):
    """Knowing a key's public prefix is not enough."""
    api_key, _raw = issued
    forged = f"ca_{api_key.prefix}_{'x' * 43}"
    assert _error(client.get(URL, headers={"X-Api-Key": forged})) == (401, "invalid_key")


def test_both_header_forms_authenticate(client, key, approved):
    """``X-Api-Key: <key>`` and ``Authorization: Api-Key <key>`` both work."""
    assert client.get(URL, headers={"X-Api-Key": key}).status_code == 200
    assert client.get(URL, headers={"Authorization": f"Api-Key {key}"}).status_code == 200


def test_a_revoked_key_answers_401_at_once(client, issued, chief, approved):
    """Revocation takes effect on the next request."""
    api_key, raw = issued
    assert client.get(URL, headers={"X-Api-Key": raw}).status_code == 200
    api_key_revoke(api_key=api_key, actor=chief)
    response = client.get(URL, headers={"X-Api-Key": raw})
    assert _error(response) == (401, "revoked_key")
    assert approved.slug not in response.content.decode()


def test_the_sites_session_does_not_authenticate_api_calls(client, chief, approved):
    """Logged in as the chief editor (a session cookie), the API still wants a key: no session auth, no CSRF surface."""
    client.force_login(chief)
    assert _error(client.get(URL)) == (401, "not_authenticated")
    assert client.get("/api/v1/topics/").status_code == 401


def test_keys_are_stored_hashed(issued):
    """Only a prefix and the SHA-256 are kept; the key itself appears in no column."""
    api_key, raw = issued
    row = ApiKey.objects.filter(pk=api_key.pk).values().get()
    assert raw not in {str(v) for v in row.values()}
    assert row["key_hash"] == hashlib.sha256(raw.encode()).hexdigest()
    assert raw.startswith(f"ca_{row['prefix']}_")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_key_grants_reading_only(client, key, approved, method):
    """Writes with a valid key: 405; without a key: 401 (the key check comes first)."""
    path = f"/api/v1/articles/{approved.slug}/"
    with_key = getattr(client, method)(path, headers={"X-Api-Key": key})
    assert _error(with_key) == (405, "method_not_allowed")
    assert _error(getattr(client, method)(path)) == (401, "not_authenticated")


def test_usage_is_counted_per_key(client, issued, chief, approved):
    """Each request served counts once for its key, with the time of last use; refused requests do not count."""
    api_key, raw = issued
    other, _other_raw = api_key_create(name="Healthwise Clinic", actor=chief)
    for _ in range(3):
        client.get(URL, headers={"X-Api-Key": raw})
    client.get(URL)  # no key
    api_key.refresh_from_db()
    other.refresh_from_db()
    assert api_key.usage_count == 3
    assert api_key.last_used_at is not None
    assert (other.usage_count, other.last_used_at) == (0, None)


def test_over_the_rate_limit_answers_429_with_retry_after(client, chief, approved):
    """A key's own limit per minute holds; the next request is 429 with Retry-After, and another key is unaffected."""
    _limited, raw = api_key_create(name="Small app", actor=chief, requests_per_minute=2)
    _other, other_raw = api_key_create(name="Big hospital", actor=chief)
    statuses = [client.get(URL, headers={"X-Api-Key": raw}).status_code for _ in range(2)]
    throttled = client.get(URL, headers={"X-Api-Key": raw})
    assert statuses == [200, 200]
    assert _error(throttled) == (429, "throttled")
    assert 1 <= int(throttled["Retry-After"]) <= 60
    assert throttled.json()["retry_after"] == int(throttled["Retry-After"])
    assert approved.slug not in throttled.content.decode()
    assert client.get(URL, headers={"X-Api-Key": other_raw}).status_code == 200


def test_the_default_rate_limit_comes_from_settings(client, key, approved, settings):
    """A key without its own limit gets ``API_DEFAULT_REQUESTS_PER_MINUTE``."""
    settings.API_DEFAULT_REQUESTS_PER_MINUTE = 1
    assert client.get(URL, headers={"X-Api-Key": key}).status_code == 200
    assert client.get(URL, headers={"X-Api-Key": key}).status_code == 429


def test_the_rate_limit_window_resets(client, chief, approved, time_machine):
    """After the minute is over, the key may ask again."""
    time_machine.move_to("2025-03-01 10:00:05+00:00", tick=False)
    _limited, raw = api_key_create(name="Small app", actor=chief, requests_per_minute=1)
    assert client.get(URL, headers={"X-Api-Key": raw}).status_code == 200
    assert client.get(URL, headers={"X-Api-Key": raw}).status_code == 429
    time_machine.move_to("2025-03-01 10:01:01+00:00", tick=False)
    assert client.get(URL, headers={"X-Api-Key": raw}).status_code == 200
