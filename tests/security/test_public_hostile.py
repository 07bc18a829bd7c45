"""Hostile values through every public page's query parameters, paths, cookies, headers and forms."""

import pytest
from axes.utils import reset
from django.core.cache import cache

from articles.models import Publication

from .conftest import path_segment, post_form, query

pytestmark = pytest.mark.django_db


def _fresh_limits() -> None:
    """Each value gets the whole form, not the rate limit's or the sign-in throttle's answer."""
    cache.clear()
    reset()


def test_public_query_parameters_paths_cookies_and_headers(client, hostile_site, hostile_batch, findings):
    """Every query parameter a public page reads, its path segments, cookies and headers: no 5xx, no reflection."""
    article = Publication.objects.get(article=hostile_site["approved"]).get_absolute_url()
    topic = f"/topics/{hostile_site['topic'].slug}/"
    for hostile in hostile_batch:
        value = hostile.value
        gets = [
            f"/?{query(audience=value)}",
            f"{article}?{query(audience=value)}",
            f"{topic}?{query(page=value)}",
            f"/search/?{query(q=value)}",
            f"/search/?{query(q='pain', page=value)}",
            f"/search/?{query(q='pain', topic=value)}",
            f"/ask/?{query(article=value)}",
            f"/ask/suggestions/?{query(q=value)}",
            f"/sitemap.xml?{query(p=value)}",
            f"/feeds/latest/?{query(page=value)}",
            f"/editorial-policy/?{query(x=value)}",
            f"/advisory-board/?{query(x=value)}",
            f"/accounts/login/?{query(next=value)}",
            f"/review/?{query(next=value)}",
            f"/healthz?{query(x=value)}",
            f"/questions/{path_segment(value)}/",
            f"/topics/{path_segment(value)}/",
            f"/review/{path_segment(value)}/",
            f"/{path_segment(value)}",
        ]
        for url in gets:
            findings.check(client.get(url), hostile, f"GET {url[:60]}")
        text = hostile.text
        for name in ("audience", "sessionid", "csrftoken", "messages"):
            client.cookies[name] = text.encode("ascii", "backslashreplace").decode()[:4000]
            findings.check(client.get(article), hostile, f"cookie {name}")
            del client.cookies[name]
        for header in ("HTTP_USER_AGENT", "HTTP_ACCEPT_LANGUAGE", "HTTP_X_FORWARDED_FOR", "HTTP_REFERER"):
            findings.check(client.get(article, **{header: text}), hostile, f"header {header}")
    findings.assert_none()


def test_public_forms(client, hostile_site, hostile_batch, findings):
    """The follow-up question, the audience chooser, sign-in and password reset, one field at a time."""
    article = Publication.objects.get(article=hostile_site["approved"])
    for hostile in hostile_batch:
        value = hostile.value
        posts = [
            ("/ask/", {"question": value, "article": article.slug}),
            ("/ask/", {"question": "Can I keep running with knee pain?", "article": value}),
            ("/ask/", {"question": "Can I keep running with knee pain?", "website": value}),
            ("/audience/", {"audience": value, "next": "/"}),
            ("/audience/", {"audience": "patient", "next": value}),
            ("/accounts/login/", {"username": value, "password": "wrong"}),
            ("/accounts/login/", {"username": "editor", "password": value}),
            ("/accounts/login/", {"username": "editor", "password": "pw", "next": value}),
            ("/accounts/password-reset/", {"email": value}),
        ]
        for url, data in posts:
            _fresh_limits()
            client.logout()
            findings.check(post_form(client, url, data), hostile, f"POST {url} {sorted(data)}")
    findings.assert_none()


def test_board_review_forms(client, hostile_site, hostile_batch, findings):
    """A board member's decision form: comment, outcome and revision."""
    from reviews.services import review_start

    review_request = hostile_site["review_request"]
    review_start(review_request=review_request, actor=hostile_site["reviewer"])
    client.force_login(hostile_site["reviewer"])
    url = f"/review/{review_request.pk}/decide/"
    for hostile in hostile_batch:
        value = hostile.value
        for data in (
            {"outcome": "request_changes", "comment": value, "revision": review_request.revision_id},
            {"outcome": value, "comment": "Fine.", "revision": review_request.revision_id},
            {"outcome": "approve", "comment": "Fine.", "revision": value},
        ):
            findings.check(post_form(client, url, data), hostile, f"POST decide {sorted(data)}")
        findings.check(client.get(f"/review/{review_request.pk}/?{query(x=value)}"), hostile, "GET review page")
    findings.assert_none()
