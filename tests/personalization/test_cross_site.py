"""The public forms (audience chooser, follow-up question) refuse cross-site posts without a CSRF token."""

import pytest
from django.conf import settings
from django.test import Client

from articles.models import ReaderQuestion

pytestmark = pytest.mark.django_db

SAME_ORIGIN = [
    {"Origin": "http://testserver"},
    {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    {"Sec-Fetch-Site": "same-origin"},
    {"Sec-Fetch-Site": "none"},
    {"Referer": "http://testserver/questions/x/"},
    {},  # no browser signal at all: not a browser, so no reader's cookie to abuse (documented)
]
CROSS_SITE = [
    {"Origin": "https://evil.example"},
    {"Origin": "https://evil.example", "Sec-Fetch-Site": "same-origin"},  # the Origin decides
    {"Origin": "null"},
    {"Origin": "https://testserver"},  # another scheme is another origin
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},  # a sibling subdomain is not this site
    {"Referer": "https://evil.example/page"},
    {"Referer": "http://[broken/"},
]


def _browser() -> Client:
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("headers", SAME_ORIGIN)
def test_the_chooser_accepts_posts_from_this_site(professional, patient, headers):
    """A post from this site's own page is accepted with no token."""
    response = _browser().post("/audience/", {"audience": "patient", "next": "/"}, headers=headers)
    assert response.status_code == 302
    assert response.cookies[settings.AUDIENCE_COOKIE_NAME].value == "patient"


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_the_chooser_refuses_posts_from_other_sites(professional, patient, headers):
    """A post another site made the reader's browser send is refused: 403, a page saying why, no cookie."""
    response = _browser().post("/audience/", {"audience": "patient", "next": "/"}, headers=headers)
    assert response.status_code == 403
    assert "sent from another website" in response.content.decode()
    assert settings.AUDIENCE_COOKIE_NAME not in response.cookies


@pytest.mark.parametrize("headers", SAME_ORIGIN)
def test_the_question_form_accepts_posts_from_this_site(settings, professional, headers):
    """The follow-up question is stored when posted from this site."""
    settings.FOLLOW_UP_RATE_LIMIT = 1000  # every case posts from the same address
    response = _browser().post("/ask/", {"question": "Can I keep running with knee pain?"}, headers=headers)
    assert response.status_code == 302
    assert ReaderQuestion.objects.count() == 1


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_the_question_form_refuses_posts_from_other_sites(professional, headers):
    """A cross-site post stores nothing."""
    response = _browser().post("/ask/", {"question": "Can I keep running with knee pain?"}, headers=headers)
    assert response.status_code == 403
    assert not ReaderQuestion.objects.exists()


def test_a_trusted_origin_may_post(settings, professional, patient):
    """An origin in CSRF_TRUSTED_ORIGINS (a wildcard for subdomains too) may post."""
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.example.org", "https://partner.example"]
    for origin in ("https://www.example.org", "https://partner.example"):
        response = _browser().post("/audience/", {"audience": "patient"}, headers={"Origin": origin})
        assert response.status_code == 302, origin
    refused = _browser().post("/audience/", {"audience": "patient"}, headers={"Origin": "https://example.org.evil"})
    assert refused.status_code == 403


def test_sign_in_keeps_djangos_csrf_token_check(editor):
    """Only the two public forms drop the token: sign-in without one is refused even from this site."""
    response = _browser().post(
        "/accounts/login/", {"username": "editor", "password": "x"}, headers={"Origin": "http://testserver"}
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in _browser().session
