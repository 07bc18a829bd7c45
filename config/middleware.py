"""Request rules that hold for every view: no control characters in, nothing private kept in caches."""

import logging
from collections.abc import Callable
from contextlib import ExitStack

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import connections
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .text import PATH_CONTROL_CHARACTERS, describe

security_log = logging.getLogger("django.security.ControlCharacters")


class NulCharacterRefused(SuspiciousOperation):
    """Text with NUL was about to reach the database (PostgreSQL cannot store it)."""


def refuse_nul(execute, sql, params, many, context):
    """A database execute wrapper: raise NulCharacterRefused before any query carrying NUL in its text."""
    for row in params if many else (params,):
        values = row.values() if isinstance(row, dict) else (row or ())
        for value in values:
            if isinstance(value, str) and "\x00" in value:
                raise NulCharacterRefused("A request parameter with a NUL character reached a database query.")
            if isinstance(value, list | tuple) and any(isinstance(v, str) and "\x00" in v for v in value):
                raise NulCharacterRefused("A request parameter with a NUL character reached a database query.")
    return execute(sql, params, many, context)


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"message": message}, status=400)


class RefuseControlCharactersMiddleware:
    """400 for a control character in the path, and for NUL in any text that would reach the database.

    A URL never needs a control character. NUL is the one character PostgreSQL cannot store in
    text: rather than a check in each view, every query made while answering the request is
    watched, and one carrying NUL (from a filter, a search, a cookie, a header) is refused as a
    bad request before it runs, on SQLite too, so tests see what production does. Forms refuse
    NUL and the other control characters first, with an error next to the field (config.apps).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = PATH_CONTROL_CHARACTERS.search(request.path_info)
        if found:
            security_log.warning("Refused a path with the control character %s", describe(found.group()))
            return bad_request(request, _("The address of this page contains a control character. Check the link."))
        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(refuse_nul))
            return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, NulCharacterRefused):
            return None
        security_log.warning("Refused %s %s: %s", request.method, request.path, exception)
        return bad_request(
            request,
            _(
                "Something you sent contains a NUL character, which we cannot store or search for. Remove it and try again."
            ),
        )


class PrivatePagesMiddleware:
    """``Cache-Control: private, no-store`` (and no-cache) on the admin, the board's pages, previews and sign-in.

    Public pages are left to their views: they are the same for every reader of an audience and
    may be kept by a shared cache.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith(settings.PRIVATE_PATH_PREFIXES):
            add_never_cache_headers(response)
        return response
