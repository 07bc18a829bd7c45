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

from .text import CONTROL_CHARACTERS, PATH_CONTROL_CHARACTERS, describe

security_log = logging.getLogger("django.security.ControlCharacters")


class ControlCharacterRefused(SuspiciousOperation):
    """Text with NUL was about to reach the database (PostgreSQL cannot store or even compare it),
    or text with another control character was about to be stored."""

    def __init__(self, character: str):
        self.character = character
        super().__init__(f"A value with the control character {describe(character)} reached a database query.")


class IntegerOutOfRange(SuspiciousOperation):
    """A number past 64 bits was about to reach the database (SQLite cannot even bind it)."""


_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


def _too_large(value: object) -> bool:
    # Compare, never `in range(...)`: for int subclasses (IntegerChoices) that scans the whole range.
    return isinstance(value, int) and not _INT_MIN <= value <= _INT_MAX


def _first_control(value: object, *, storing: bool) -> str | None:
    if isinstance(value, str):
        if "\x00" in value:
            return "\x00"
        found = CONTROL_CHARACTERS.search(value) if storing else None
        return found.group() if found else None
    if isinstance(value, list | tuple):
        return next((c for v in value if (c := _first_control(v, storing=storing))), None)
    return None


def refuse_control_characters(execute, sql, params, many, context):
    """A database execute wrapper: refuse NUL in any query, other control characters in what is stored,
    and numbers no database column holds."""
    storing = sql.lstrip()[:6].upper() in ("INSERT", "UPDATE")
    for row in params if many else (params,):
        values = row.values() if isinstance(row, dict) else (row or ())
        for value in values:
            character = _first_control(value, storing=storing)
            if character:
                raise ControlCharacterRefused(character)
            if _too_large(value) or (isinstance(value, list | tuple) and any(_too_large(v) for v in value)):
                raise IntegerOutOfRange("A number past 64 bits reached a database query.")
    return execute(sql, params, many, context)


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"message": message}, status=400)


class RefuseControlCharactersMiddleware:
    """400 for a control character in the path, or in text on its way into the database.

    A URL never needs a control character. Rather than a check in each view, every query made
    while answering the request is watched: one carrying NUL (which PostgreSQL can neither store
    nor compare) from a filter, a search, a cookie or a header, or one that would store another
    control character, is refused as a bad request before it runs, on SQLite too, so tests see
    what production does. Forms refuse them first, with an error next to the field (config.apps).
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
                stack.enter_context(connections[alias].execute_wrapper(refuse_control_characters))
            return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, IntegerOutOfRange):
            security_log.warning("Refused %s %s: %s", request.method, request.path, exception)
            return bad_request(request, _("Something you sent holds a number far too large to look up. Check it."))
        if not isinstance(exception, ControlCharacterRefused):
            return None
        security_log.warning("Refused %s %s: %s", request.method, request.path, exception)
        message = _(
            "Something you sent contains an invisible control character, %(character)s, which we cannot store "
            "or search for. Remove it and try again."
        ) % {"character": describe(exception.character)}
        return bad_request(request, message)


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
