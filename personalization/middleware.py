"""``request.audiences`` and ``request.audience``, set lazily, as ``AuthenticationMiddleware`` sets ``request.user``."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from .selectors import audience_for_request, audiences_in_order


class AudienceMiddleware:
    """Nothing is read until a view, selector or template asks; then one query serves both."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.audiences = SimpleLazyObject(audiences_in_order)
        request.audience = SimpleLazyObject(lambda: audience_for_request(request, request.audiences))
        return self.get_response(request)
