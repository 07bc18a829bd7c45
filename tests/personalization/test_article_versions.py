"""Audience versions of an article: their URLs, the fallback notice, the disclaimer, and caching per audience."""

import re

import pytest
from django.conf import settings
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

PRO_BODY = factories.PRO_BODY
PATIENT_BODY = factories.PATIENT_BODY


@pytest.fixture
def publication(professional, patient):
    return factories.make_two_version_publication()


@pytest.fixture
def professional_only(professional, patient):
    return factories.make_publication(factories.make_article(bodies={"professional": PRO_BODY}))


def _links(content: str, rel: str) -> list[str]:
    return re.findall(rf'<link rel="{rel}" href="([^"]+)"', content)


def test_each_version_has_its_own_canonical_url(client, publication):
    """The default version's canonical URL is the bare path; the others carry ``?audience=``."""
    path = publication.get_absolute_url()
    default = client.get(path).content.decode()
    patient = client.get(path, {"audience": "patient"}).content.decode()
    assert _links(default, "canonical") == [f"http://testserver{path}"]
    assert _links(patient, "canonical") == [f"http://testserver{path}?audience=patient"]
    assert PRO_BODY in default
    assert PATIENT_BODY not in default
    assert PATIENT_BODY in patient
    assert PRO_BODY not in patient


def test_versions_link_to_each_other(client, publication):
    """Every version lists the versions' canonical URLs as rel=alternate and links them visibly, marking the current one."""
    path = publication.get_absolute_url()
    content = client.get(path, {"audience": "patient"}).content.decode()
    assert _links(content, "alternate") == [f"http://testserver{path}", f"http://testserver{path}?audience=patient"]
    assert re.search(r'<a href="[^"]*audience=professional">Healthcare professional</a>', content)
    assert re.search(r'<a href="[^"]*audience=patient" aria-current="page">Patient or caregiver</a>', content)


def test_the_cookie_redirects_the_bare_url_to_its_version(client, publication):
    """The chooser's cookie sends a bare URL to that audience's version, by a redirect no shared cache keeps."""
    client.cookies[settings.AUDIENCE_COOKIE_NAME] = "patient"
    path = publication.get_absolute_url()
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{path}?audience=patient"
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert PATIENT_BODY in client.get(path, follow=True).content.decode()


def test_the_query_wins_over_the_cookie_without_a_redirect(client, publication):
    """``?audience=`` in the URL shows that version whatever the cookie says."""
    client.cookies[settings.AUDIENCE_COOKIE_NAME] = "patient"
    response = client.get(publication.get_absolute_url(), {"audience": "professional"})
    assert response.status_code == 200
    assert PRO_BODY in response.content.decode()
    assert PATIENT_BODY not in response.content.decode()


@pytest.mark.parametrize("cookie", ["professional", "astronaut", ""])
def test_a_cookie_naming_the_default_or_nothing_known_shows_the_bare_url(client, publication, cookie):
    """A cookie naming the default audience, or no audience at all, changes nothing: the default version."""
    client.cookies[settings.AUDIENCE_COOKIE_NAME] = cookie
    response = client.get(publication.get_absolute_url())
    assert response.status_code == 200
    assert PRO_BODY in response.content.decode()


def test_choosing_through_the_form_changes_the_body(client, publication):
    """Posting the chooser lands on the chosen audience's version of the page."""
    path = publication.get_absolute_url()
    response = client.post("/audience/", {"audience": "patient", "next": path}, follow=True)
    assert response.redirect_chain == [(f"{path}?audience=patient", 302)]
    assert PATIENT_BODY in response.content.decode()


def test_missing_version_shows_the_default_body_with_a_notice(client, professional_only):
    """No body for the reader's audience: the default body, a notice saying so, canonical to the default."""
    path = professional_only.get_absolute_url()
    content = client.get(path, {"audience": "patient"}).content.decode()
    assert PRO_BODY in content
    assert "There is no version of this answer written for “Patient or caregiver” yet" in content
    assert "you are reading the version for “Healthcare professional”" in content
    assert _links(content, "canonical") == [f"http://testserver{path}"]


def test_no_notice_when_the_version_exists(client, publication):
    """The fallback notice only appears when the reader's version is missing."""
    content = client.get(publication.get_absolute_url(), {"audience": "patient"}).content.decode()
    assert "There is no version of this answer" not in content


@pytest.mark.parametrize("slug", ["bogus", "", "../admin", "<b>x</b>"])
def test_unknown_audience_in_the_url_falls_back_without_error(client, publication, slug):
    """``?audience=`` with an unknown value shows the default version, never an error."""
    response = client.get(publication.get_absolute_url(), {"audience": slug})
    assert response.status_code == 200
    assert PRO_BODY in response.content.decode()


@pytest.mark.parametrize(("slug", "title"), [("professional", "professional"), ("patient", "patient")])
def test_the_audience_disclaimer_closes_the_article(client, publication, slug, title):
    """The disclaimer of the reader's audience is the article's last section before the follow-up form."""
    content = client.get(publication.get_absolute_url(), {"audience": slug}).content.decode()
    assert f"About this information for {title}" in content
    assert f"Disclaimer text for the {title} audience." in content
    order = [content.index(f'id="{anchor}"') for anchor in ("article-body", "disclaimer", "follow-up")]
    assert order == sorted(order)
    between = content[order[1] : order[2]]
    assert between.count("<section") == 1  # only the follow-up form's own opening tag


def test_fallback_keeps_the_readers_own_disclaimer(client, professional_only):
    """A patient reading the professional body still gets the patient disclaimer."""
    content = client.get(professional_only.get_absolute_url(), {"audience": "patient"}).content.decode()
    assert "Disclaimer text for the patient audience." in content


def test_article_responses_do_not_vary_on_cookie(client, publication):
    """Each version has its own URL, so a shared cache keys pages by URL alone: no ``Vary: Cookie``."""
    client.cookies[settings.AUDIENCE_COOKIE_NAME] = "professional"
    response = client.get(publication.get_absolute_url())
    assert "Cookie" not in [v.strip() for v in response["Vary"].split(",")]
    assert not response.cookies


def _get(path: str, *, cookie: str | None = None, **params) -> str:
    reader = Client()
    if cookie:
        reader.cookies[settings.AUDIENCE_COOKIE_NAME] = cookie
    return reader.get(path, params, follow=True).content.decode()


def test_page_cache_never_serves_one_audience_to_another(publication):
    """With the page cache, readers of each audience, in turn and in any order, always get their own body."""
    path = publication.get_absolute_url()
    for cookie, params, shown, hidden in [
        ("patient", {}, PATIENT_BODY, PRO_BODY),
        ("professional", {}, PRO_BODY, PATIENT_BODY),
        (None, {}, PRO_BODY, PATIENT_BODY),
        ("patient", {}, PATIENT_BODY, PRO_BODY),
        ("patient", {"audience": "professional"}, PRO_BODY, PATIENT_BODY),
        ("professional", {"audience": "patient"}, PATIENT_BODY, PRO_BODY),
        (None, {"audience": "patient"}, PATIENT_BODY, PRO_BODY),
        (None, {}, PRO_BODY, PATIENT_BODY),
    ]:
        content = _get(path, cookie=cookie, **params)
        assert shown in content, (cookie, params)
        assert hidden not in content, (cookie, params)
