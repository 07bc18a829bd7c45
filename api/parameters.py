"""Query parameters, checked strictly: a typo or a bad value is a 400 that names the parameter,
never a silently ignored filter."""

from datetime import datetime, time

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from articles.models import Topic
from personalization.models import Audience, Language

from .exceptions import BadParameter


def check_known(request, allowed: set[str]) -> None:
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise BadParameter(
            unknown[0],
            _("Unknown parameter “%(name)s”. This endpoint accepts: %(allowed)s.")
            % {"name": unknown[0], "allowed": ", ".join(sorted(allowed))},
            "unknown_parameter",
        )


def _value(request, name: str) -> str | None:
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise BadParameter(name, _("Give “%(name)s” once.") % {"name": name})
    return values[0].strip() if values else None


def language(request) -> str:
    """A language code of the site's languages (``personalization.Language``); the default if omitted."""
    value = _value(request, "language")
    if value in (None, ""):
        return settings.LANGUAGE_CODE
    available = [settings.LANGUAGE_CODE, *Language.objects.filter(is_default=False).values_list("code", flat=True)]
    if value not in available:
        raise BadParameter(
            "language",
            _("Unknown language “%(value)s”. Available: %(available)s.")
            % {"value": value[:20], "available": ", ".join(available)},
            "unknown_language",
        )
    return value


def audience(request, audiences: list[Audience]) -> Audience | None:
    value = _value(request, "audience")
    if value in (None, ""):
        return None
    found = next((a for a in audiences if a.slug == value), None)
    if found is None:
        raise BadParameter(
            "audience",
            _("Unknown audience “%(value)s”. Available: %(available)s.")
            % {"value": value[:40], "available": ", ".join(a.slug for a in audiences)},
            "unknown_audience",
        )
    return found


def topic(request) -> Topic | None:
    value = _value(request, "topic")
    if value in (None, ""):
        return None
    found = Topic.objects.filter(slug=value[:100]).first()
    if found is None:
        raise BadParameter(
            "topic",
            _("Unknown topic “%(value)s”. The topics are listed at /api/v1/topics/.") % {"value": value[:100]},
            "unknown_topic",
        )
    return found


def modified_since(request) -> datetime | None:
    """An ISO 8601 date (midnight UTC) or date-time (without an offset: UTC)."""
    value = _value(request, "modified_since")
    if value in (None, ""):
        return None
    message = _("“modified_since” must be an ISO 8601 date or date-time, e.g. 2025-01-31 or 2025-01-31T08:00:00Z.")
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = datetime.combine(day, time.min) if day else None
    except ValueError:  # well formed but impossible, e.g. 2025-02-30
        moment = None
    if moment is None:
        raise BadParameter("modified_since", message)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def search_query(request) -> str:
    from articles.search import InvalidQuery, validate_query

    try:
        query = validate_query(_value(request, "q") or "")
    except InvalidQuery as error:
        raise BadParameter("q", str(error)) from error
    if not query:
        raise BadParameter("q", _("Give the words to search for in “q”."), "missing_parameter")
    return query
