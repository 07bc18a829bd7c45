"""The shared page cache of the public pages: headers, 304s, compression, exact invalidation, audiences."""

import gzip
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django.utils.http import http_date

from articles.models import ArticleBody, EditorialPolicy, Publication
from articles.services.publishing import article_restore, article_retire
from personalization.models import Audience
from reviews.models import BoardMember
from tests import factories

pytestmark = pytest.mark.django_db

PRO_BODY = factories.PRO_BODY
PATIENT_BODY = factories.PATIENT_BODY


@pytest.fixture
def publication(professional, patient):
    return factories.make_two_version_publication()


@pytest.fixture
def site(publication, editor):
    EditorialPolicy.objects.create(body="We check every answer.")
    factories.make_board_member(username="amara", display_name="Dr Amara Okafor")
    return publication


def public_urls(publication: Publication) -> list[str]:
    path = publication.get_absolute_url()
    return [
        "/",
        f"/topics/{publication.topic.slug}/",
        path,
        f"{path}?audience=patient",
        "/search/",
        "/search/?q=back",
        "/editorial-policy/",
        "/advisory-board/",
        "/ask/",
        "/ask/thanks/",
        "/feeds/latest/",
        "/sitemap.xml",
        "/robots.txt",
    ]


def _vary(response) -> list[str]:
    return [v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()]


def _directives(response) -> dict[str, str]:
    parts = [p.strip().split("=", 1) for p in response["Cache-Control"].split(",")]
    return {p[0]: (p[1] if len(p) > 1 else "") for p in parts}


@pytest.mark.parametrize("signed_in", [False, True])
def test_public_pages_set_no_cookie_and_are_public(client, site, editor, signed_in):
    """Every public page, for readers and signed-in editors alike: no cookie, no token, no Vary: Cookie, public caching."""
    if signed_in:
        client.force_login(editor)
    for url in public_urls(site):
        for attempt in ("miss", "hit"):
            response = client.get(url)
            assert response.status_code == 200, (url, attempt)
            assert not response.cookies, (url, attempt)
            assert "cookie" not in _vary(response), (url, attempt)
            assert b"csrfmiddlewaretoken" not in response.content, url
            directives = _directives(response)
            assert "public" in directives, url
            assert int(directives["s-maxage"]) == settings.PAGE_CACHE_S_MAXAGE
            assert int(directives["max-age"]) == settings.PAGE_CACHE_MAX_AGE
            assert int(directives["stale-while-revalidate"]) == settings.PAGE_CACHE_STALE_WHILE_REVALIDATE
            assert int(directives["stale-if-error"]) == settings.PAGE_CACHE_STALE_IF_ERROR
            assert response["ETag"].startswith('"')
            assert response["Last-Modified"]
            assert "pages" in response["Surrogate-Key"].split()


def test_a_signed_in_editor_keeps_their_messages_for_a_private_page(client, site, editor):
    """A public page shows no per-reader message (nor consumes it, nor sets a cookie): the editor's next
    private page shows it."""
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage

    client.force_login(editor)
    storage = CookieStorage(request=SimpleNamespace(COOKIES={}))
    client.cookies[storage.cookie_name] = storage._encode([Message(constants.SUCCESS, "Saved the article.")])
    public = client.get("/")
    assert b"Saved the article." not in public.content
    assert not public.cookies
    assert b"Saved the article." in client.get("/admin/").content


def test_the_second_request_is_served_without_a_query(client, site, django_assert_num_queries):
    """A cached page costs no database query."""
    path = site.get_absolute_url()
    first = client.get(path)
    with django_assert_num_queries(0):
        second = client.get(path)
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_surrogate_keys_name_what_the_page_shows(client, site):
    """The article page names its article and the audiences; lists name publications and topics."""
    article_keys = client.get(site.get_absolute_url())["Surrogate-Key"].split()
    assert f"article:{site.article_id}" in article_keys
    assert {"audiences", "disclaimers", "pages"} <= set(article_keys)
    assert {"publications", "topics"} <= set(client.get("/")["Surrogate-Key"].split())
    assert f"topic:{site.topic_id}" in client.get(f"/topics/{site.topic.slug}/")["Surrogate-Key"].split()
    assert "board" in client.get("/advisory-board/")["Surrogate-Key"].split()


def test_conditional_requests_get_304(client, site):
    """If-None-Match with the page's ETag, or If-Modified-Since its Last-Modified, is answered 304 without a body."""
    path = site.get_absolute_url()
    first = client.get(path)
    not_modified = client.get(path, headers={"If-None-Match": first["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == first["ETag"]
    assert "public" in not_modified["Cache-Control"]
    assert client.get(path, headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"something-else"'}).status_code == 200
    earlier = http_date((timezone.now() - timedelta(days=1)).timestamp())
    assert client.get(path, headers={"If-Modified-Since": earlier}).status_code == 200


def test_a_304_on_the_first_request_too(client, site):
    """A conditional request that misses the cache is still answered 304 when the page is the same."""
    path = site.get_absolute_url()
    etag = client.get(path)["ETag"]
    from articles.cache import invalidate_all

    invalidate_all()
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304


def test_html_is_gzipped_for_clients_that_accept_it(client, site):
    """With Accept-Encoding: gzip the body is compressed (its own ETag); HEAD has headers and no body."""
    path = site.get_absolute_url()
    plain = client.get(path)
    packed = client.get(path, headers={"Accept-Encoding": "gzip, br"})
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 2
    assert packed["ETag"] != plain["ETag"]
    assert "accept-encoding" in _vary(packed)
    assert client.get(path, headers={"If-None-Match": packed["ETag"], "Accept-Encoding": "gzip"}).status_code == 304
    head = client.head(path)
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == plain["ETag"]


def test_each_audience_url_is_its_own_page(client, site):
    """The bare URL and ``?audience=`` are separate cache entries: each reader gets their own body, hit or miss."""
    path = site.get_absolute_url()
    for _ in range(2):
        default = client.get(path).content.decode()
        patient = client.get(path, {"audience": "patient"}).content.decode()
        assert PRO_BODY in default
        assert PATIENT_BODY not in default
        assert PATIENT_BODY in patient
        assert PRO_BODY not in patient


def test_a_cookie_reader_is_redirected_before_the_cache(client, site):
    """A reader whose cookie names another audience never gets the cached default page of the bare URL."""
    path = site.get_absolute_url()
    assert PRO_BODY in client.get(path).content.decode()  # cached now
    reader = Client()
    reader.cookies[settings.AUDIENCE_COOKIE_NAME] = "patient"
    response = reader.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{path}?audience=patient"
    assert "private" in response["Cache-Control"]
    assert PATIENT_BODY in reader.get(path, follow=True).content.decode()


_PER_ANSWER = {"date", "age", "cache-control", "etag", "last-modified", "content-length", "content-encoding"}


def test_a_cached_answer_carries_every_header_of_the_first(client, site):
    """The page cache answers before the rest of the middleware, yet with the headers the whole stack
    gave the page when it was stored: the security policy, framing, language, referrer policy."""
    for url in public_urls(site):
        first, again = client.get(url), client.get(url)
        kept = {k.lower(): v for k, v in first.items() if k.lower() not in _PER_ANSWER}
        assert {k.lower(): v for k, v in again.items() if k.lower() not in _PER_ANSWER} == kept, url
        assert again.content == first.content, url
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Language", "Referrer-Policy"):
        assert header in again, header


def test_a_hit_is_one_cache_read_while_nothing_changed(client, site, monkeypatch):
    """A stored page, with no invalidation since, is proven fresh by the epoch read beside it: one round
    trip to the cache, no URL resolving, no view, no query. After an unrelated change, its tags are read too."""
    from django.core.cache import cache

    from articles import cache as tags

    path = site.get_absolute_url()
    client.get(path)
    reads, depth = [], [0]

    def counted(name, real):
        def read(*args, **kwargs):  # the local-memory cache's get_many calls its get: count the outer call
            if not depth[0]:
                reads.append(name)
            depth[0] += 1
            try:
                return real(*args, **kwargs)
            finally:
                depth[0] -= 1

        return read

    for name in ("get", "get_many"):
        monkeypatch.setattr(cache, name, counted(name, getattr(cache, name)))
    monkeypatch.setattr("django.urls.resolvers.URLResolver.resolve", lambda *a: pytest.fail("the URL was resolved"))
    assert PRO_BODY in client.get(path).content.decode()
    assert reads == ["get_many"]
    reads.clear()
    tags.invalidate("topic:0")  # a page this one does not depend on
    assert PRO_BODY in client.get(path).content.decode()
    assert reads == ["get_many", "get_many"]


def test_a_page_first_stored_by_a_fresh_cache_needs_no_tag_read(client, site, monkeypatch):
    """With no epoch in the cache yet (a new or emptied Redis) the first render sets one, so that the
    pages it stores can be proven fresh by it."""
    from django.core.cache import cache

    from articles import cache as tags

    cache.delete(tags.EPOCH_KEY)
    path = site.get_absolute_url()
    client.get(path)
    assert cache.get(tags.EPOCH_KEY) is not None
    monkeypatch.setattr(tags, "tag_versions", lambda *a: pytest.fail("the tags were read"))
    assert PRO_BODY in client.get(path).content.decode()


def test_switched_off_pages_are_rendered_each_time_with_their_cdn_headers(client, site, settings):
    """PAGE_CACHE_ENABLED off keeps pages out of Django's cache; browsers and a CDN may still keep them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_ENABLED = False
    path = site.get_absolute_url()
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert len(queries) > 0
    assert PRO_BODY in response.content.decode()
    assert "public" in _directives(response)
    assert response.has_header("ETag")
    assert client.get(path, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


# Invalidation: exactly the pages a change affects.


def _edit_and_publish(publication: Publication, **bodies: str) -> Publication:
    for slug, text in bodies.items():
        body = ArticleBody.objects.get(article=publication.article, audience__slug=slug)
        body.body = text
        body.save()
    return factories.make_publication(publication.article)


def test_a_new_revision_replaces_the_cached_page_and_lists(client, site):
    """Publishing a new revision: its page, the home page and search show it at once."""
    path = site.get_absolute_url()
    assert PRO_BODY in client.get(path).content.decode()
    client.get("/")
    _edit_and_publish(site, professional="A fresh professional answer.")
    assert "A fresh professional answer." in client.get(path).content.decode()
    assert PATIENT_BODY in client.get(path, {"audience": "patient"}).content.decode()


def test_a_publish_leaves_other_pages_cached(client, site, django_assert_num_queries):
    """Another article's publish in another topic keeps this article's page and its topic's page cached."""
    path = site.get_absolute_url()
    topic_page = f"/topics/{site.topic.slug}/"
    client.get(path)
    client.get(topic_page)
    client.get("/editorial-policy/")
    other = factories.make_publication(factories.make_article(question="Another question?"))
    with django_assert_num_queries(0):
        client.get(path)
        client.get(topic_page)
        client.get("/editorial-policy/")
    assert "Another question?" in client.get("/").content.decode()
    assert "Another question?" in client.get(f"/topics/{other.topic.slug}/").content.decode()


def test_retiring_and_restoring(client, site):
    """A retired article's page is gone at once (410) and leaves the lists; restoring brings both back."""
    path = site.get_absolute_url()
    assert client.get(path).status_code == 200
    assert site.question in client.get("/").content.decode()
    article_retire(article=site.article)
    assert client.get(path).status_code == 410
    assert site.question not in client.get("/").content.decode()
    assert site.question not in client.get("/feeds/latest/").content.decode()
    article_restore(article=site.article)
    assert client.get(path).status_code == 200
    assert site.question in client.get("/").content.decode()


def test_a_related_question_that_leaves_the_site_leaves_the_pages_relating_it(client, professional):
    """A page listing a related question stops listing it once that question is retired."""
    related = factories.make_publication(factories.make_article(question="Is it serious?"))
    main = factories.make_publication(factories.make_article(related=[related.article]))
    assert "Is it serious?" in client.get(main.get_absolute_url()).content.decode()
    article_retire(article=related.article)
    assert "Is it serious?" not in client.get(main.get_absolute_url()).content.decode()


def test_a_disclaimer_change_reaches_article_pages_only(client, site, django_assert_max_num_queries):
    """Editing a disclaimer re-renders the article pages; the home page, which shows none, stays cached."""
    path = site.get_absolute_url()
    client.get(path, {"audience": "patient"})
    client.get("/")
    patient = Audience.objects.get(slug="patient")
    patient.disclaimer_text = "A new patient disclaimer."
    patient.save()
    assert "A new patient disclaimer." in client.get(path, {"audience": "patient"}).content.decode()
    with django_assert_max_num_queries(0):
        client.get("/")


def test_an_audience_label_change_reaches_every_page(client, site):
    """The chooser on every page lists the audiences: renaming one re-renders them all."""
    client.get("/")
    client.get("/ask/")
    patient = Audience.objects.get(slug="patient")
    patient.label = "Patients and carers"
    patient.save()
    assert "Patients and carers" in client.get("/").content.decode()
    assert "Patients and carers" in client.get("/ask/").content.decode()


def test_a_topic_rename_reaches_its_pages(client, site):
    """Renaming a topic re-renders the home page, its topic page and the pages of its answers."""
    path = site.get_absolute_url()
    for url in (path, "/", f"/topics/{site.topic.slug}/"):
        client.get(url)
    site.topic.name = "Spine and back"
    site.topic.save()
    for url in (path, "/", f"/topics/{site.topic.slug}/"):
        assert "Spine and back" in client.get(url).content.decode(), url


def test_the_policy_and_board_pages_follow_their_rows(client, site):
    """Editing the policy or a board member's entry re-renders that page."""
    client.get("/editorial-policy/")
    client.get("/advisory-board/")
    EditorialPolicy.objects.create(body="A newer policy in force.")
    member = BoardMember.objects.get(display_name="Dr Amara Okafor")
    member.disclosure = "Consults for a maker of braces."
    member.save()
    assert "A newer policy in force." in client.get("/editorial-policy/").content.decode()
    assert "Consults for a maker of braces." in client.get("/advisory-board/").content.decode()


def test_an_article_page_is_never_kept_past_its_unpublish_time(client, professional):
    """An answer due to leave the site in 45 seconds: its page expires by then, with no stale-serving
    directives; the expiry job then takes it off the cached lists and related questions too."""
    from articles.services.publishing import article_expire

    soon = factories.make_article(question="Leaving soon?")
    Article = type(soon)
    leaving = factories.make_publication(soon)
    main = factories.make_publication(factories.make_article(related=[Article.objects.get(pk=soon.pk)]))
    Publication.objects.filter(pk=leaving.pk).update(unpublish_at=timezone.now() + timedelta(seconds=45))
    from articles.cache import invalidate_all

    invalidate_all()  # the row was changed behind the services' back
    directives = _directives(client.get(leaving.get_absolute_url()))
    assert int(directives["max-age"]) <= 45
    assert int(directives["s-maxage"]) <= 45
    assert "stale-while-revalidate" not in directives
    assert "stale-if-error" not in directives
    assert "Leaving soon?" in client.get("/").content.decode()
    assert "Leaving soon?" in client.get(main.get_absolute_url()).content.decode()
    Publication.objects.filter(pk=leaving.pk).update(unpublish_at=timezone.now() - timedelta(seconds=1))
    assert article_expire(article=soon)
    assert "Leaving soon?" not in client.get("/").content.decode()
    assert "Leaving soon?" not in client.get(main.get_absolute_url()).content.decode()
    assert client.get(leaving.get_absolute_url()).status_code == 410


def test_a_page_rendered_during_a_change_is_not_stored(client, site, monkeypatch):
    """A change committed while a page renders (the epoch moves) keeps that render out of the cache."""
    from django.core.cache import cache

    from articles import cache as tags
    from articles.page_cache import _entry_key

    path = site.get_absolute_url()
    key = _entry_key(client.get(path).wsgi_request)
    assert cache.get(key) is not None
    cache.delete(key)
    real_versions = tags.tag_versions

    def versions_after_a_change(page_tags):
        tags.invalidate("unrelated")
        return real_versions(page_tags)

    monkeypatch.setattr(tags, "tag_versions", versions_after_a_change)
    assert PRO_BODY in client.get(path).content.decode()
    assert cache.get(key) is None


def test_unknown_query_parameters_are_not_stored(client, site, django_assert_max_num_queries):
    """A URL with a parameter no public page reads (a tracking tag) is answered, with the same headers, but not
    stored: nobody can fill the cache with copies of one page."""
    path = site.get_absolute_url()
    response = client.get(path, {"utm_source": "newsletter"})
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    from django.core.cache import cache

    from articles.page_cache import _entry_key

    assert cache.get(_entry_key(response.wsgi_request)) is None
    client.get(path, {"audience": "patient"})
    with django_assert_max_num_queries(0):
        client.get(path, {"audience": "patient"})
