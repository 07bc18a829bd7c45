"""Which audience a request reads as: ``?audience=``, then (except on public pages) the cookie, then the default."""

import pytest
from django.conf import settings
from django.http import HttpResponse

from personalization.middleware import AudienceMiddleware
from personalization.selectors import audience_for_request, audiences_in_order

pytestmark = pytest.mark.django_db


def _request(rf, *, query=None, cookie=None):
    request = rf.get("/", query or {})
    if cookie is not None:
        request.COOKIES[settings.AUDIENCE_COOKIE_NAME] = cookie
    return request


def _choose(rf, **kwargs):
    return audience_for_request(_request(rf, **kwargs), audiences_in_order())


def test_default_without_query_or_cookie(rf, professional, patient):
    """With no choice made, the default audience is used."""
    assert _choose(rf) == professional


def test_cookie_chooses(rf, professional, patient):
    """The chooser's cookie picks the audience."""
    assert _choose(rf, cookie="patient") == patient


def test_query_parameter_overrides_the_cookie(rf, professional, patient):
    """``?audience=`` in the URL wins over the cookie, so each version has its own URL."""
    assert _choose(rf, query={"audience": "professional"}, cookie="patient") == professional


def test_public_pages_read_the_url_only(rf, professional, patient):
    """On a cached public page (``audience_from_url``) the cookie is ignored: the URL alone names the version."""
    request = _request(rf, cookie="patient")
    request.audience_from_url_only = True
    assert audience_for_request(request, audiences_in_order()) == professional
    request = _request(rf, query={"audience": "patient"}, cookie="professional")
    request.audience_from_url_only = True
    assert audience_for_request(request, audiences_in_order()) == patient


@pytest.mark.parametrize("slug", ["nobody", "", "<script>", "patient\x00", "x" * 500])
def test_unknown_slugs_fall_back_silently(rf, professional, patient, slug):
    """Unknown audiences in the URL or the cookie fall back to the next source, then the default."""
    assert _choose(rf, query={"audience": slug}) == professional
    assert _choose(rf, cookie=slug) == professional
    assert _choose(rf, query={"audience": slug}, cookie="patient") == patient


def _through_middleware(request):
    AudienceMiddleware(lambda r: HttpResponse())(request)
    return request


def test_middleware_reads_nothing_until_asked(rf, professional, django_assert_num_queries):
    """``request.audience`` is lazy, like ``request.user``: a request that never asks costs no query."""
    with django_assert_num_queries(0):
        _through_middleware(_request(rf, cookie="patient"))


def test_middleware_sets_audience_and_list_with_one_query(rf, professional, patient, django_assert_num_queries):
    """``request.audience`` and ``request.audiences`` share one read of the audience list."""
    request = _through_middleware(_request(rf, cookie="patient"))
    with django_assert_num_queries(1):
        assert request.audience == patient
        assert [a.slug for a in request.audiences] == ["professional", "patient"]
        assert request.audience.slug == "patient"
