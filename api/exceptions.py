"""Every error the API gives is JSON: ``{"detail": ..., "code": ...}`` (and ``parameter`` for a bad
query parameter), with the matching status: 400, 401, 404, 405, 410 or 429."""

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from .permissions import HasApiKey


class BadParameter(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_parameter"

    def __init__(self, parameter: str, detail: str, code: str = "invalid_parameter"):
        super().__init__(detail, code)
        self.parameter = parameter


class Gone(exceptions.APIException):
    status_code = status.HTTP_410_GONE
    default_detail = "This article has been retired by the publisher and is no longer available."
    default_code = "retired"


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.NotAuthenticated):
        detail, code = str(HasApiKey.message), HasApiKey.code
    elif isinstance(exc, exceptions.APIException) and isinstance(exc.detail, str):
        detail, code = str(exc.detail), exc.detail.code or exc.default_code
    else:
        detail, code = _("The request is not valid."), "invalid"
    body = {"detail": detail, "code": code}
    if isinstance(exc, BadParameter):
        body["parameter"] = exc.parameter
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        body["retry_after"] = int(exc.wait + 0.999)
    response.data = body
    return response


def endpoint_not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any other address under /api/v1/: JSON, not the site's HTML page."""
    body = {"detail": _("There is no such endpoint. The documentation is at /api/v1/docs/."), "code": "not_found"}
    return JsonResponse(body, status=404)
