"""Partners authenticate with a key in ``Authorization: Api-Key <key>`` or ``X-Api-Key: <key>``.

Nothing else authenticates an API request: not the site's session cookie (so an editor's logged-in
browser gets no special access, and there is no CSRF surface), not HTTP Basic.
"""

import hmac

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

from .models import KEY_SCHEME, ApiKey, hash_key

HEADER_SCHEME = "Api-Key"


class Partner:
    """``request.user`` for a key: a partner, not a person with an account."""

    is_authenticated = True
    is_anonymous = False
    is_staff = False
    is_superuser = False

    def __init__(self, api_key: ApiKey):
        self.api_key = api_key
        self.pk = None

    def __str__(self) -> str:
        return self.api_key.name


class Failed(exceptions.AuthenticationFailed):
    def __init__(self, detail: str, code: str):
        super().__init__(detail, code)


def key_from_headers(request) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header:
        scheme, _sep, value = header.strip().partition(" ")
        if scheme.lower() != HEADER_SCHEME.lower():
            raise Failed(
                _("Send your key as “Authorization: Api-Key <key>” or “X-Api-Key: <key>”."), "unsupported_scheme"
            )
        return value.strip()
    value = request.META.get("HTTP_X_API_KEY")
    return value.strip() if value is not None else None


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request):
        raw_key = key_from_headers(request)
        if raw_key is None:
            return None  # HasApiKey answers 401 "not_authenticated"
        scheme, _sep, rest = raw_key.partition("_")
        prefix = rest.partition("_")[0]
        if scheme != KEY_SCHEME or not prefix or len(prefix) > 16:
            raise Failed(_("This API key is not valid."), "invalid_key")
        key = ApiKey.objects.filter(prefix=prefix).first()
        # Compared in constant time; an unknown prefix still costs one hash, like a known one.
        matches = hmac.compare_digest(hash_key(raw_key), key.key_hash if key else "0" * 64)
        if key is None or not matches:
            raise Failed(_("This API key is not valid."), "invalid_key")
        if key.revoked_at is not None:
            raise Failed(_("This API key has been revoked. Ask the publisher for a new one."), "revoked_key")
        return Partner(key), key

    def authenticate_header(self, request) -> str:
        return f'{HEADER_SCHEME} realm="api"'
