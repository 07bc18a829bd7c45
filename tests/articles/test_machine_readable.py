"""sitemap.xml, the Atom feed, robots.txt, and the meta tags search engines and link previews read."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from articles.models import Publication
from tests import factories

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def site(professional, patient):
    approved = factories.make_publication(
        factories.make_article(question="Approved answer?", bodies={"professional": "Pro.", "patient": "Patient."})
    )
    pending = factories.make_publication(
        factories.make_article(question="Pending answer?"), status=Publication.Status.PENDING
    )
    retired = factories.make_publication(factories.make_article(question="Retired answer?"))
    retired.article.control.retired_at = retired.published_at
    retired.article.control.save()
    draft = factories.make_article(question="Draft answer?")
    return {"approved": approved, "pending": pending, "retired": retired, "draft": draft}


def sitemap_entries(client) -> dict[str, str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_sitemap_lists_every_version_of_approved_answers_with_lastmod(client, site):
    """Approved answers appear at their canonical URLs, one per audience version, with lastmod dates."""
    path = site["approved"].get_absolute_url()
    entries = sitemap_entries(client)
    assert set(entries) == {f"http://testserver{path}", f"http://testserver{path}?audience=patient"}
    assert set(entries.values()) == {site["approved"].published_at.date().isoformat()}


def test_sitemap_leaves_out_pending_retired_and_drafts(client, site):
    """Pending (noindex), retired and draft answers are not in the sitemap."""
    locations = " ".join(sitemap_entries(client))
    for key in ("pending", "retired"):
        assert site[key].get_absolute_url() not in locations
    assert site["draft"].slug not in locations


def test_atom_feed_of_newly_approved_answers(client, site):
    """/feeds/latest/ is an Atom feed of approved answers only, each with title, link, summary and dates."""
    response = client.get(reverse("articles:feed_latest"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = root.findall("a:entry", ATOM_NS)
    assert [e.findtext("a:title", namespaces=ATOM_NS) for e in entries] == ["Approved answer?"]
    entry = entries[0]
    assert entry.find("a:link", ATOM_NS).get("href") == f"http://testserver{site['approved'].get_absolute_url()}"
    assert entry.findtext("a:summary", namespaces=ATOM_NS) == site["approved"].summary
    assert entry.findtext("a:published", namespaces=ATOM_NS)
    assert entry.findtext("a:updated", namespaces=ATOM_NS)
    assert root.find("a:link[@rel='self']", ATOM_NS) is not None
    assert root.findtext("a:author/a:name", namespaces=ATOM_NS)


def test_feed_is_newest_approval_first(client, professional):
    """The feed lists answers by when they were first approved, newest first."""
    first = factories.make_publication(factories.make_article(question="Older?"))
    Publication.objects.filter(pk=first.pk).update(first_approved_at=first.first_approved_at.replace(year=2020))
    factories.make_publication(factories.make_article(question="Newer?"))
    root = ET.fromstring(client.get(reverse("articles:feed_latest")).content)  # noqa: S314
    assert [e.findtext("a:title", namespaces=ATOM_NS) for e in root.findall("a:entry", ATOM_NS)] == [
        "Newer?",
        "Older?",
    ]


def test_robots_txt(client, professional):
    """robots.txt keeps crawlers out of private and per-reader pages and points at the sitemap."""
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    for path in ("/admin/", "/review/", "/search/", "/ask/", "/audience/"):
        assert f"Disallow: {path}" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def _meta(html: str, attribute: str, name: str) -> str | None:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def test_article_has_description_and_open_graph_tags(client, site):
    """Description and OpenGraph tags carry the question, summary and canonical URL."""
    publication = site["approved"]
    html = client.get(publication.get_absolute_url()).content.decode()
    assert _meta(html, "name", "description") == publication.summary
    assert _meta(html, "property", "og:type") == "article"
    assert _meta(html, "property", "og:title") == publication.question
    assert _meta(html, "property", "og:description") == publication.summary
    assert _meta(html, "property", "og:url") == f"http://testserver{publication.get_absolute_url()}"
    assert _meta(html, "property", "og:site_name")


def test_pending_pages_are_noindex_and_approved_ones_are_not(client, site):
    """A pending answer tells search engines not to index it; an approved one does not."""
    pending = client.get(site["pending"].get_absolute_url()).content.decode()
    approved = client.get(site["approved"].get_absolute_url()).content.decode()
    assert _meta(pending, "name", "robots") == "noindex"
    assert _meta(approved, "name", "robots") is None


def test_search_results_are_noindex(client, site):
    """Search result pages are not for search engines."""
    html = client.get(reverse("articles:search"), {"q": "answer"}).content.decode()
    assert _meta(html, "name", "robots") == "noindex"


def test_every_page_links_the_feed(client, site):
    """The feed is discoverable from every page's head."""
    for url in ("/", site["approved"].get_absolute_url()):
        html = client.get(url).content.decode()
        assert (
            f'type="application/atom+xml" title="Newly approved answers" href="{reverse("articles:feed_latest")}"'
            in html
        )
