"""Which audience a request reads as: ``?audience=``, then the cookie, then the default."""

import pytest
from django.conf import settings

from personalization.selectors import audience_for_request

pytestmark = pytest.mark.django_db


def _request(rf, *, query=None, cookie=None):
    request = rf.get("/", query or {})
    if cookie is not None:
        request.COOKIES[settings.AUDIENCE_COOKIE_NAME] = cookie
    return request


def test_default_without_query_or_cookie(rf, professional, patient):
    """With no choice made, the default audience is used."""
    assert audience_for_request(_request(rf)) == professional


def test_cookie_chooses(rf, professional, patient):
    """The chooser's cookie picks the audience."""
    assert audience_for_request(_request(rf, cookie="patient")) == patient


def test_query_parameter_overrides_the_cookie(rf, professional, patient):
    """``?audience=`` in the URL wins over the cookie, so each version has its own URL."""
    assert audience_for_request(_request(rf, query={"audience": "professional"}, cookie="patient")) == professional


@pytest.mark.parametrize("slug", ["nobody", "", "<script>", "patient\x00", "x" * 500])
def test_unknown_slugs_fall_back_silently(rf, professional, patient, slug):
    """Unknown audiences in the URL or the cookie fall back to the next source, then the default."""
    assert audience_for_request(_request(rf, query={"audience": slug})) == professional
    assert audience_for_request(_request(rf, cookie=slug)) == professional
    assert audience_for_request(_request(rf, query={"audience": slug}, cookie="patient")) == patient


def test_audiences_are_read_once_per_request(rf, professional, patient, django_assert_num_queries):
    """The audience list is memoised on the request: asking twice costs one query."""
    request = _request(rf, cookie="patient")
    with django_assert_num_queries(1):
        audience_for_request(request)
        audience_for_request(request)
