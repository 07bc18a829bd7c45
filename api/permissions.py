from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from .models import ApiKey


class HasApiKey(BasePermission):
    """Every content endpoint needs a valid, unrevoked key (checked by ``ApiKeyAuthentication``)."""

    message = _("An API key is required. Send it as “Authorization: Api-Key <key>” or “X-Api-Key: <key>”.")
    code = "not_authenticated"

    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, ApiKey)
