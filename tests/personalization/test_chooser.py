"""The "Which best describes you?" chooser: cookie, safe redirects, clear refusals."""

import pytest
from django.conf import settings
from django.urls import reverse

from personalization.views import safe_next

pytestmark = pytest.mark.django_db

URL = reverse("personalization:choose_audience")


def test_choosing_sets_a_cookie_and_goes_to_that_version(client, professional, patient):
    """A valid choice redirects to the chosen version of ``next`` and remembers it in a year-long,
    HttpOnly, SameSite=Lax cookie."""
    response = client.post(URL, {"audience": "patient", "next": "/questions/x/#references"})
    assert response.status_code == 302
    assert response["Location"] == "/questions/x/?audience=patient#references"
    cookie = response.cookies[settings.AUDIENCE_COOKIE_NAME]
    assert cookie.value == "patient"
    assert cookie["max-age"] == settings.AUDIENCE_COOKIE_AGE
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_choosing_the_default_goes_to_the_bare_url(client, professional, patient):
    """The default audience's version is the bare URL."""
    response = client.post(URL, {"audience": "professional", "next": "/questions/x/?audience=patient"})
    assert response["Location"] == "/questions/x/"
    assert response.cookies[settings.AUDIENCE_COOKIE_NAME].value == "professional"


@pytest.mark.parametrize(
    "unsafe",
    ["https://evil.example/", "//evil.example/path", "javascript:alert(1)", "http://testserver.evil.example/", ""],
)
def test_unsafe_or_missing_next_goes_home(client, professional, unsafe):
    """Another site, a protocol-relative or script URL, or nothing, sends the reader to the home page."""
    response = client.post(URL, {"audience": "professional", "next": unsafe})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_next_gets_the_new_audience_parameter_and_keeps_the_rest(client, professional, patient):
    """The old ``?audience=`` is replaced by the chosen one; other parameters stay."""
    response = client.post(URL, {"audience": "patient", "next": "/search/?q=back+pain&audience=professional&page=2"})
    assert response["Location"] == "/search/?q=back+pain&page=2&audience=patient"


def test_unknown_audience_is_a_400_with_a_clear_message(client, professional):
    """An unknown slug is refused with 400, a message naming it, the chooser again, and no cookie."""
    response = client.post(URL, {"audience": "astronaut", "next": "/"})
    assert response.status_code == 400
    assert settings.AUDIENCE_COOKIE_NAME not in response.cookies
    content = response.content.decode()
    assert "“astronaut” is not one of our audiences" in content
    assert 'name="audience" value="professional"' in content


def test_missing_audience_is_a_400(client, professional):
    """Submitting the chooser without picking anything asks the reader to pick one."""
    response = client.post(URL, {"next": "/"})
    assert response.status_code == 400
    assert "Please choose one of the listed options." in response.content.decode()


def test_get_is_not_allowed(client, professional):
    """The chooser only accepts POST: a GET never changes anything."""
    assert client.get(URL, {"audience": "professional"}).status_code == 405


def test_chooser_refuses_a_post_from_another_site(professional):
    """The chooser form is protected against cross-site posts without a token (personalization.cross_site)."""
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        URL, {"audience": "professional", "next": "/"}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403
    assert settings.AUDIENCE_COOKIE_NAME not in response.cookies


def test_header_chooser_is_on_every_page_and_marks_the_current_choice(client, professional, patient):
    """Pages other than articles carry the chooser in the header, with the reader's audience checked."""
    client.cookies[settings.AUDIENCE_COOKIE_NAME] = "patient"
    content = client.get(reverse("articles:home"), follow=True).content.decode()
    assert 'action="/audience/"' in content
    assert 'id="header-audience-patient" name="audience" value="patient" checked' in content
    assert "Which best describes you?" in content


def test_safe_next_keeps_fragment_and_path(rf):
    """A same-site target keeps its path and fragment; only ``audience`` is removed from the query."""
    request = rf.post(URL)
    assert safe_next(request, "/questions/a/?audience=x#references") == "/questions/a/#references"


@pytest.mark.parametrize("slug", ["a\x00b", "<script>alert(1)</script>", "pat ient", "x" * 5000])
def test_a_value_that_is_no_slug_is_a_400_without_a_lookup(client, professional, slug):
    """NUL (PostgreSQL cannot store or search it), markup or spaces: 400, the chooser again, no cookie."""
    response = client.post(URL, {"audience": slug, "next": "/"})
    assert response.status_code == 400
    assert settings.AUDIENCE_COOKIE_NAME not in response.cookies
    content = response.content.decode()
    assert "Please choose one of the listed options." in content
    assert "<script>alert(1)</script>" not in content
    assert "\x00" not in content
