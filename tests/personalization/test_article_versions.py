"""Audience versions of an article: their URLs, the fallback notice, the disclaimer, and caching per audience."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils.cache import learn_cache_key

from tests import factories

pytestmark = pytest.mark.django_db

PRO_BODY = "Professional text about lumbar radiculopathy."
PATIENT_BODY = "Patient text about sore backs."


@pytest.fixture
def publication(professional, patient):
    article = factories.make_article(bodies={"professional": PRO_BODY, "patient": PATIENT_BODY})
    return factories.make_publication(article)


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


def test_cookie_chooses_the_body_and_the_query_overrides_it(client, publication):
    """The chooser's cookie picks the body; ``?audience=`` in the URL wins over it."""
    client.cookies[settings.AUDIENCE_COOKIE_NAME] = "patient"
    path = publication.get_absolute_url()
    assert PATIENT_BODY in client.get(path).content.decode()
    overridden = client.get(path, {"audience": "professional"}).content.decode()
    assert PRO_BODY in overridden
    assert PATIENT_BODY not in overridden


def test_choosing_through_the_form_changes_the_body(client, publication):
    """Posting the chooser and following the redirect shows the chosen audience's body."""
    path = publication.get_absolute_url()
    response = client.post("/audience/", {"audience": "patient", "next": path}, follow=True)
    assert response.redirect_chain == [(path, 302)]
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


def test_article_responses_vary_on_cookie(client, publication):
    """Shared caches must key article pages by the audience cookie."""
    response = client.get(publication.get_absolute_url())
    assert "Cookie" in [v.strip() for v in response["Vary"].split(",")]


@pytest.fixture
def page_cache(settings):
    """Django's whole-page cache middleware around the project's middleware."""
    settings.MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    settings.CACHE_MIDDLEWARE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def _get(path: str, *, cookie: str | None = None, **params) -> str:
    reader = Client()
    if cookie:
        reader.cookies[settings.AUDIENCE_COOKIE_NAME] = cookie
    return reader.get(path, params).content.decode()


def test_page_cache_never_serves_one_audience_to_another(page_cache, publication):
    """With Django's cache middleware on, readers of each audience, in turn, always get their own body."""
    path = publication.get_absolute_url()
    for cookie, params, shown, hidden in [
        ("patient", {}, PATIENT_BODY, PRO_BODY),
        ("professional", {}, PRO_BODY, PATIENT_BODY),
        (None, {}, PRO_BODY, PATIENT_BODY),
        ("patient", {}, PATIENT_BODY, PRO_BODY),
        ("patient", {"audience": "professional"}, PRO_BODY, PATIENT_BODY),
        ("professional", {"audience": "patient"}, PATIENT_BODY, PRO_BODY),
    ]:
        content = _get(path, cookie=cookie, **params)
        assert shown in content, (cookie, params)
        assert hidden not in content, (cookie, params)


def test_cache_keys_differ_by_audience_cookie_and_parameter(client, rf, publication):
    """A cache that honours the response's Vary header keys the page by audience cookie and by ``?audience=``."""
    path = publication.get_absolute_url()
    response = client.get(path)

    def key(cookie: str, query: str = "") -> str:
        request = rf.get(path + query, HTTP_COOKIE=f"{settings.AUDIENCE_COOKIE_NAME}={cookie}")
        return learn_cache_key(request, response, cache=cache)

    assert key("patient") != key("professional")
    assert key("patient") == key("patient")
    assert key("patient", "?audience=professional") != key("patient")
