"""The content endpoints: approved content only, the public page's snapshot, filters, pages, caching, bad input."""

import base64
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from django.utils.http import http_date

from articles.models import Publication
from reviews.services import article_retire
from tests import factories

pytestmark = pytest.mark.django_db

LIST = "/api/v1/articles/"


def detail(publication) -> str:
    return f"/api/v1/articles/{publication.slug}/"


@pytest.fixture
def pending(audiences, other_editor, topic):
    """A never-approved article under review: public with a caution banner, never licensed."""
    article = factories.make_cited_article(author=other_editor, topic=topic, question="Is my pending answer safe?")
    return factories.make_publication(article, status=Publication.Status.PENDING)


@pytest.fixture
def draft(audiences, editor, topic):
    return factories.make_article(author=editor, topic=topic, question="A draft nobody approved?")


@pytest.fixture
def retired(audiences, editor, topic, chief):
    article = factories.make_cited_article(author=editor, topic=topic, question="An answer the chief retired?")
    publication = factories.make_publication(article)
    article_retire(article=article, actor=chief)
    return publication


def test_the_list_holds_approved_articles_only(api, client, approved, pending, draft, retired, settings):
    """No draft, no pending-only snapshot (even while the public site shows it), no retired article."""
    settings.PUBLISH_PENDING_REVIEW = True
    assert client.get(pending.get_absolute_url()).status_code == 200  # the public site shows it, with a banner
    response = api(LIST)
    assert [item["slug"] for item in response.json()["results"]] == [approved.slug]
    text = response.content.decode()
    for other in (pending.question, draft.question, retired.question):
        assert other not in text


def test_pending_and_draft_articles_are_not_found_and_retired_ones_gone(api, pending, draft, retired):
    """A pending snapshot answers 404 exactly like an unknown slug; a retired article answers 410."""
    for slug in (pending.slug, draft.slug, "no-such-question"):
        response = api(f"/api/v1/articles/{slug}/")
        assert (response.status_code, response.json()["code"]) == (404, "not_found")
        assert "pending" not in response.content.decode().lower()
    gone = api(detail(retired))
    assert (gone.status_code, gone.json()["code"]) == (410, "retired")
    assert retired.question not in gone.content.decode()


def test_search_and_topics_count_approved_articles_only(api, approved, pending, retired):
    """Search finds the approved answer and not the pending or retired one with the same words."""
    found = api("/api/v1/search/", {"q": "muscular"}).json()
    assert [hit["slug"] for hit in found["results"]] == [approved.slug]
    assert found["count"] == 1
    topics = api("/api/v1/topics/").json()["results"]
    assert [(t["slug"], t["article_count"]) for t in topics] == [(approved.topic.slug, 1)]


def test_search_ranks_at_most_the_cap_and_says_when_more_matched(api, audiences, editor, topic, settings):
    """Like the public page, the API ranks and pages at most SEARCH_RESULTS_CAP matches, so a broad query costs
    the same at 100,000 articles; ``more`` tells the partner that others matched too."""
    for _ in range(5):
        factories.make_publication(factories.make_cited_article(author=editor, topic=topic))
    settings.SEARCH_RESULTS_CAP = 3
    first = api("/api/v1/search/", {"q": "muscular", "page_size": 2}).json()
    assert (first["count"], first["more"], len(first["results"])) == (3, True, 2)
    second = api("/api/v1/search/", {"q": "muscular", "page_size": 2, "page": 2}).json()
    assert len(second["results"]) == 1
    assert not {hit["slug"] for hit in first["results"]} & {hit["slug"] for hit in second["results"]}
    assert api("/api/v1/search/", {"q": "muscular", "page_size": 2, "page": 3}).json()["code"] == "invalid_page"
    settings.SEARCH_RESULTS_CAP = 10
    everything = api("/api/v1/search/", {"q": "muscular"}).json()
    assert (everything["count"], everything["more"]) == (5, False)


def test_a_pending_answer_never_takes_a_licensed_search_place(api, approved, pending, settings):
    """The cap counts licensed answers only: a pending one with the same words is left out before ranking."""
    settings.PUBLISH_PENDING_REVIEW = True
    settings.SEARCH_RESULTS_CAP = 1
    found = api("/api/v1/search/", {"q": "muscular"}).json()
    assert [hit["slug"] for hit in found["results"]] == [approved.slug]
    assert found["more"] is False


def test_the_detail_is_the_public_pages_snapshot(api, client, approved, professional):
    """Body, references, review facts, related questions and disclaimer come from the snapshot readers see."""
    body = approved.bodies.get(audience=professional)
    data = api(detail(approved)).json()
    page = client.get(approved.get_absolute_url()).content.decode()
    assert data["html"] == body.html
    assert body.html.strip() in page
    assert data["text"] == "Causes\n\nMostly muscular [1,2]."
    assert data["sections"] == [
        {"heading": "Causes", "html": body.html.split("</h2>", 1)[1].strip(), "text": "Mostly muscular [1,2]."}
    ]
    assert [r["html"] for r in data["references"]] == [r["html"] for r in body.references]
    assert [r["number"] for r in data["references"]] == [1, 2]
    history = data["review"].pop("history")
    assert data["review"].pop("history_url") == f"http://testserver/questions/{approved.slug}/history/"
    assert [(v["first"], v["change_summary"], v["reviewers"][0]["name"]) for v in history] == [
        (True, "", "Dr Amara Okafor")
    ]
    assert data["review"] == {
        "status": "approved",
        "last_reviewed": approved.last_reviewed.isoformat(),
        "next_review_due": approved.next_review_due.isoformat(),
        "overdue": False,
        "reviewers": [factories.REVIEWER],
    }
    assert data["disclaimer"] == {"title": professional.disclaimer_title, "text": professional.disclaimer_text}
    assert data["url"] == "http://testserver" + approved.get_absolute_url()
    assert (data["language"], data["audience"]["slug"], data["showing_fallback"]) == ("en", "professional", False)


def test_references_carry_identifiers_and_plain_text(api, audiences, editor, topic):
    """A reference has its AMA text and HTML and its DOI and PubMed links where known."""
    reference = factories.make_reference(key="chou2007", doi="10.7326/0003-4819-147-7-200710020-00006", pmid="17909209")
    article = factories.make_article(
        author=editor, topic=topic, bodies={"professional": "See [@chou2007]."}, references=[reference]
    )
    publication = factories.make_publication(article)
    (entry,) = api(detail(publication)).json()["references"]
    assert entry["doi"] == reference.doi
    assert entry["doi_url"] == f"https://doi.org/{reference.doi}"
    assert entry["pubmed_url"] == "https://pubmed.ncbi.nlm.nih.gov/17909209/"
    assert "<" not in entry["text"]
    assert entry["title"] in entry["text"]


def test_one_version_per_audience_with_the_pages_fallback(api, approved, patient, student):
    """?audience=patient serves the patient body and disclaimer; an audience without a body gets the default, flagged."""
    patient_version = api(detail(approved), {"audience": "patient"}).json()
    assert patient_version["html"] == approved.bodies.get(audience=patient).html
    assert patient_version["disclaimer"]["text"] == patient.disclaimer_text
    assert patient_version["url"].endswith("?audience=patient")
    student_version = api(detail(approved), {"audience": "student"}).json()
    assert student_version["audience"]["slug"] == "professional"
    assert (student_version["requested_audience"], student_version["showing_fallback"]) == ("student", True)
    assert student_version["disclaimer"]["text"] == student.disclaimer_text
    assert [v["slug"] for v in student_version["versions"]] == ["professional", "patient"]


def test_related_questions_list_approved_articles_only(api, audiences, editor, other_editor, topic, pending):
    """A related question that is only pending review is left out (the public page may show it)."""
    neighbour = factories.make_publication(factories.make_cited_article(author=editor, topic=topic))
    article = factories.make_cited_article(
        author=other_editor, topic=topic, related=[neighbour.article, pending.article]
    )
    publication = factories.make_publication(article)
    related = api(detail(publication)).json()["related_questions"]
    assert [r["slug"] for r in related] == [neighbour.slug]
    assert related[0]["api_url"] == f"http://testserver/api/v1/articles/{neighbour.slug}/"


def test_body_links_and_figures_become_absolute(api, audiences, editor, topic):
    """Site-relative links in the body point at the site, so they work on a partner's page."""
    article = factories.make_article(
        author=editor, topic=topic, bodies={"professional": "Read [the policy](/editorial-policy/)."}
    )
    publication = factories.make_publication(article)
    data = api(detail(publication)).json()
    assert 'href="http://testserver/editorial-policy/"' in data["html"]


def test_modified_since_filters_by_publication_time(api, audiences, editor, topic, time_machine):
    """Dates and date-times both work; the list runs oldest change first."""
    time_machine.move_to("2025-01-10 09:00:00+00:00", tick=False)
    old = factories.make_publication(factories.make_cited_article(author=editor, topic=topic))
    time_machine.move_to("2025-02-20 09:00:00+00:00", tick=False)
    new = factories.make_publication(factories.make_cited_article(author=editor, topic=topic))
    time_machine.move_to("2025-03-01 09:00:00+00:00", tick=False)

    def slugs(value):
        return [item["slug"] for item in api(LIST, {"modified_since": value}).json()["results"]]

    assert slugs("2025-01-01") == [old.slug, new.slug]
    assert slugs("2025-02-01") == [new.slug]
    assert slugs("2025-02-20T09:00:00Z") == [new.slug]
    assert slugs("2025-02-20T10:00:00+01:00") == [new.slug]
    assert slugs("2025-02-20T09:00:01") == []


def test_topic_and_audience_filters(api, approved, audiences, editor):
    """?topic= keeps one topic's articles; ?audience= the articles written for that audience."""
    other_topic = factories.make_topic(name="Headache")
    elsewhere = factories.make_publication(
        factories.make_article(author=editor, topic=other_topic, bodies={"professional": "Only for professionals."})
    )
    by_topic = api(LIST, {"topic": other_topic.slug}).json()["results"]
    assert [item["slug"] for item in by_topic] == [elsewhere.slug]
    for_patients = api(LIST, {"audience": "patient"}).json()["results"]
    assert [item["slug"] for item in for_patients] == [approved.slug]
    assert for_patients[0]["audiences"] == ["professional", "patient"]


def test_cursor_pages_walk_the_whole_list(api, audiences, editor, topic):
    """Following ``next`` visits every article once, in order; ``previous`` leads back."""
    publications = [
        factories.make_publication(factories.make_cited_article(author=editor, topic=topic)) for _ in range(3)
    ]
    seen, url, pages = [], LIST + "?page_size=2", []
    while url:
        page = api(url).json()
        pages.append(page)
        seen += [item["slug"] for item in page["results"]]
        url = page["next"]
    assert seen == [p.slug for p in publications]
    assert len(pages) == 2
    assert pages[1]["previous"] is not None


@pytest.mark.parametrize(
    ("path", "params", "parameter", "code"),
    [
        (LIST, {"modified_since": "yesterday"}, "modified_since", "invalid_parameter"),
        (LIST, {"modified_since": "2025-02-30"}, "modified_since", "invalid_parameter"),
        (LIST, {"modified_since": "2025-13-01T00:00:00"}, "modified_since", "invalid_parameter"),
        (LIST, {"topic": "no-such-topic"}, "topic", "unknown_topic"),
        (LIST, {"audience": "veterinarian"}, "audience", "unknown_audience"),
        (LIST, {"language": "fr"}, "language", "unknown_language"),
        (LIST, {"cursor": "not-a-cursor"}, "cursor", "invalid_cursor"),
        (LIST, {"page_size": "0"}, "page_size", "invalid_parameter"),
        (LIST, {"page_size": "101"}, "page_size", "invalid_parameter"),
        (LIST, {"page_size": "ten"}, "page_size", "invalid_parameter"),
        (LIST, {"topics": "back-pain"}, "topics", "unknown_parameter"),
        ("/api/v1/topics/", {"audience": "patient"}, "audience", "unknown_parameter"),
        ("/api/v1/search/", {}, "q", "missing_parameter"),
        ("/api/v1/search/", {"q": "x" * 201}, "q", "invalid_parameter"),
        ("/api/v1/search/", {"q": "back\x00pain"}, "q", "invalid_parameter"),
        ("/api/v1/search/", {"q": "pain", "page": "99"}, "page", "invalid_page"),
        ("/api/v1/search/", {"q": "pain", "page": "abc"}, "page", "invalid_page"),
        ("/api/v1/search/", {"q": "pain", "topic": "nope"}, "topic", "unknown_topic"),
    ],
)
def test_bad_parameters_answer_400_naming_the_parameter(api, approved, path, params, parameter, code):
    """Every bad filter, cursor or page is a 400 with a message and the parameter's name, never a 500."""
    response = api(path, params)
    assert response.status_code == 400
    body = response.json()
    assert (body["parameter"], body["code"]) == (parameter, code)
    assert body["detail"]
    assert approved.slug not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "parameter", "code"),
    [
        ({"audience": "veterinarian"}, "audience", "unknown_audience"),
        ({"language": "de"}, "language", "unknown_language"),
        ({"language": "en", "format": "xml"}, "format", "unknown_parameter"),
    ],
)
def test_the_detail_refuses_unknown_audiences_and_languages(api, approved, params, parameter, code):
    """One article per audience and language: an audience or language that does not exist is a 400."""
    response = api(detail(approved), params)
    assert (response.status_code, response.json()["parameter"], response.json()["code"]) == (400, parameter, code)


def test_the_sites_language_is_accepted_explicitly(api, approved):
    """``language=en`` (the site's LANGUAGE_CODE) is the same as no language."""
    assert api(detail(approved), {"language": "en"}).json() == api(detail(approved)).json()


def test_a_tampered_cursor_position_is_refused(api, approved):
    """A well-formed cursor whose position is not a date is a 400, not a database error."""
    cursor = base64.b64encode(b"p=DROP+TABLE").decode()
    response = api(LIST, {"cursor": cursor})
    assert (response.status_code, response.json()["code"]) == (400, "invalid_cursor")


def test_etag_and_last_modified_answer_304(api, approved):
    """A matching If-None-Match or If-Modified-Since gets 304 with no body; a changed ETag gets the content."""
    first = api(detail(approved))
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert last_modified == http_date(approved.published_at.timestamp())
    assert api(detail(approved), **{"If-None-Match": etag}).status_code == 304
    since = api(detail(approved), **{"If-Modified-Since": last_modified})
    assert (since.status_code, since.content) == (304, b"")
    assert api(detail(approved), **{"If-None-Match": '"something-else"'}).status_code == 200
    listing = api(LIST)
    assert api(LIST, **{"If-None-Match": listing["ETag"]}).status_code == 304


def test_the_etag_changes_with_the_audience_version(api, approved):
    """Each audience's version has its own ETag, so a cache never serves one for another."""
    professional = api(detail(approved))["ETag"]
    patient = api(detail(approved), {"audience": "patient"})["ETag"]
    assert professional != patient


def test_answers_are_private_to_the_key(api, approved):
    """Shared caches must not keep an answer meant for one key; it varies with the key headers."""
    response = api(detail(approved))
    assert "private" in response["Cache-Control"]
    assert {"Authorization", "X-Api-Key"} <= {v.strip() for v in response["Vary"].split(",")}


def test_unknown_api_paths_answer_json_404(api, client):
    """Any other address under /api/v1/ is a JSON 404 that points at the docs."""
    for response in (api("/api/v1/questions/"), client.get("/api/v1/nothing/here")):
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
        assert "/api/v1/docs/" in response.json()["detail"]


def test_overdue_review_is_reported(api, approved):
    """An approved article past its review date says so, as the public page does."""
    Publication.objects.filter(pk=approved.pk).update(next_review_due=timezone.localdate() - timedelta(days=1))
    assert api(detail(approved)).json()["review"]["overdue"] is True


def test_list_and_detail_queries_are_bounded(api, audiences, editor, topic, django_assert_max_num_queries):
    """The list's queries do not grow with its length; the detail's are a handful."""
    publications = [
        factories.make_publication(factories.make_cited_article(author=editor, topic=topic)) for _ in range(5)
    ]
    with django_assert_max_num_queries(6):
        response = api(LIST, {"topic": topic.slug, "audience": "patient"})
    assert len(response.json()["results"]) == 5
    with django_assert_max_num_queries(6):
        assert api(detail(publications[0]), {"audience": "patient"}).status_code == 200
    with django_assert_max_num_queries(5):
        assert api("/api/v1/search/", {"q": "muscular"}).json()["count"] == 5  # key, synonyms cached, search, page
    with django_assert_max_num_queries(4):
        assert api("/api/v1/topics/").status_code == 200


def test_next_links_keep_the_filters(api, audiences, editor, topic):
    """A ``next`` link carries the filters and page size on, with a cursor."""
    for _ in range(2):
        factories.make_publication(factories.make_cited_article(author=editor, topic=topic))
    page = api(LIST, {"topic": topic.slug, "page_size": "1"}).json()
    query = parse_qs(urlsplit(page["next"]).query)
    assert (query["topic"], query["page_size"]) == ([topic.slug], ["1"])
    assert "cursor" in query
