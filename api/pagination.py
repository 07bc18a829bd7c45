"""Cursor pages for the article list (stable while articles change) and numbered pages for search
(ranked results). A bad cursor, page or page size is a 400 naming the parameter."""

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination, PageNumberPagination

from .exceptions import BadParameter

MAX_PAGE_SIZE = 100


def _page_size(request, default: int) -> int:
    value = request.query_params.get("page_size")
    if value in (None, ""):
        return default
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE_SIZE:
        raise BadParameter(
            "page_size", _("“page_size” must be a whole number from 1 to %(max)d.") % {"max": MAX_PAGE_SIZE}
        )
    return int(value)


class ArticleCursorPagination(CursorPagination):
    """Oldest change first, so a partner that keeps the last ``modified_at`` it saw and asks again
    with ``modified_since`` misses nothing."""

    ordering = ("published_at", "id")
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        return _page_size(request, self.page_size)

    def decode_cursor(self, request):
        message = _("“cursor” is not valid. Use the “next” or “previous” link of an earlier page as it is.")
        try:
            cursor = super().decode_cursor(request)
        except NotFound as exc:
            raise BadParameter("cursor", message, "invalid_cursor") from exc
        if cursor is not None and cursor.position is not None and not _is_datetime(cursor.position):
            raise BadParameter("cursor", message, "invalid_cursor")
        return cursor


def _is_datetime(value: str) -> bool:
    try:
        return parse_datetime(value) is not None
    except ValueError:
        return False


class SearchPagination(PageNumberPagination):
    page_size = 10
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        return _page_size(request, self.page_size)

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise BadParameter("page", _("“page” must be a page number that exists, from 1."), "invalid_page") from exc
