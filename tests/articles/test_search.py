"""Search at /search/: ranked public answers, web-search syntax, snippets, pages, topics, hostile input."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Publication
from articles.search import MAX_QUERY_LENGTH, parse_websearch
from tests import factories
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.django_db

URL = reverse("articles:search")


@pytest.fixture
def requires_postgres():
    """Full-text search proper (tsvector, GIN, ts_headline) exists on PostgreSQL only."""
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL full-text search: set DATABASE_URL=postgres://... to run it")


def publish(*, question: str, body: str = "General answer.", summary: str | None = None, topic=None, **kwargs):
    article = factories.make_article(question=question, topic=topic, bodies={"professional": body})
    if summary is not None:
        article.summary = summary
        article.save()
    return factories.make_publication(article, **kwargs)


def questions(response) -> list[str]:
    return [hit["publication"].question for hit in response.context["hits"]]


@pytest.fixture
def library(professional):
    back = factories.make_topic(name="Back and neck")
    heart = factories.make_topic(name="Heart")
    return {
        "scan": publish(question="When does low back pain need a scan?", body="Imaging is rarely needed.", topic=back),
        "shingles": publish(
            question="Can shingles cause a rash?", body="Shingles often brings back pain before the rash.", topic=back
        ),
        "chest": publish(question="When is chest pain an emergency?", body="Call for help at once.", topic=heart),
        "children": publish(
            question="Back pain in children", body="Back pain in children deserves a doctor's visit.", topic=back
        ),
    }


def test_finds_words_in_question_summary_and_body(client, library):
    """A word is found wherever it appears: in the question, the summary or a body."""
    assert "When is chest pain an emergency?" in questions(client.get(URL, {"q": "emergency"}))
    assert "When does low back pain need a scan?" in questions(client.get(URL, {"q": "imaging"}))
    summary_hit = publish(question="Is walking good?", summary="Walking helps most sciatica.")
    assert summary_hit.question in questions(client.get(URL, {"q": "sciatica"}))


def test_question_matches_rank_above_body_matches(client, library):
    """The question is weighted highest: an answer asking about the word beats one mentioning it in passing."""
    found = questions(client.get(URL, {"q": "shingles"}))
    assert found[0] == "Can shingles cause a rash?"
    found = questions(client.get(URL, {"q": "rash"}))
    assert found == ["Can shingles cause a rash?"]
    publish(question="Why does my back ache?", body="Sometimes shingles, more often a strained muscle.")
    found = questions(client.get(URL, {"q": "shingles"}))
    assert found == ["Can shingles cause a rash?", "Why does my back ache?"]


def test_all_words_must_match(client, library):
    """Several words narrow the search: every one must appear."""
    assert questions(client.get(URL, {"q": "back scan"})) == ["When does low back pain need a scan?"]


def test_minus_excludes_a_word(client, library):
    """``-children`` leaves out answers mentioning children."""
    found = questions(client.get(URL, {"q": "back pain -children"}))
    assert "Back pain in children" not in found
    assert "When does low back pain need a scan?" in found


def test_or_matches_either_word(client, library):
    """``a or b`` finds answers with either word."""
    found = set(questions(client.get(URL, {"q": "emergency or imaging"})))
    assert found == {"When is chest pain an emergency?", "When does low back pain need a scan?"}


def test_quotes_keep_a_phrase(client, library):
    """A quoted phrase matches the words together, not apart."""
    assert questions(client.get(URL, {"q": '"low back pain"'})) == ["When does low back pain need a scan?"]
    assert questions(client.get(URL, {"q": '"pain low"'})) == []


def test_parse_websearch_reads_quotes_minus_and_or():
    """The fallback parser understands the same syntax as PostgreSQL's websearch_to_tsquery."""
    parsed = parse_websearch('"low back" pain or ache -child or')
    assert parsed.groups == [["low back"], ["pain", "ache"]]
    assert parsed.excluded == ["child"]
    assert parse_websearch("or -").groups == []


def test_snippet_highlights_matches_and_escapes_html(client, professional):
    """Snippets mark the matched words and escape any markup in the text."""
    publish(question="Odd characters", body="Sciatica & <script>alert(1)</script> are unrelated.")
    content = client.get(URL, {"q": "sciatica"}).content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', content, re.DOTALL).group(1)
    assert re.search(r"<mark>sciatica</mark>", snippet, re.IGNORECASE)
    assert "<script>" not in content.split("<footer")[0].split('<main id="main"')[1]
    assert "alert(1)" in snippet


def test_topic_filter(client, library):
    """``?topic=`` keeps only that topic's answers; an unknown topic searches all topics."""
    heart = library["chest"].topic
    assert questions(client.get(URL, {"q": "pain", "topic": heart.slug})) == ["When is chest pain an emergency?"]
    assert len(questions(client.get(URL, {"q": "pain", "topic": "no-such-topic"}))) == 4


def test_pagination_keeps_query_and_topic(client, professional):
    """Results come ten to a page; the page links keep the query and the topic."""
    topic = factories.make_topic(name="Knees")
    for n in range(12):
        publish(question=f"Knee question {n}?", body="About the knee.", topic=topic)
    first = client.get(URL, {"q": "knee", "topic": topic.slug})
    assert len(first.context["hits"]) == 10
    assert first.context["page_obj"].paginator.count == 12
    content = first.content.decode()
    assert f'href="?q=knee&amp;topic={topic.slug}&amp;page=2"' in content
    second = client.get(URL, {"q": "knee", "topic": topic.slug, "page": 2})
    assert len(second.context["hits"]) == 2
    assert client.get(URL, {"q": "knee", "page": "999"}).status_code == 200
    assert client.get(URL, {"q": "knee", "page": "x\x00"}).status_code == 200


def test_only_public_answers_are_found(client, settings, professional):
    """Drafts and retired answers never appear; pending ones only while the site shows them, tagged."""
    factories.make_article(question="Draft about zoster?", bodies={"professional": "zoster"})
    retired = publish(question="Retired about zoster?", body="zoster")
    retired.article.control.retired_at = retired.published_at
    retired.article.control.save()
    publish(question="Pending about zoster?", body="zoster", status=Publication.Status.PENDING)
    publish(question="Approved about zoster?", body="zoster")
    response = client.get(URL, {"q": "zoster"})
    assert sorted(questions(response)) == ["Approved about zoster?", "Pending about zoster?"]
    assert "Pending review" in response.content.decode()
    settings.PUBLISH_PENDING_REVIEW = False
    assert questions(client.get(URL, {"q": "zoster"})) == ["Approved about zoster?"]


def test_no_results_says_so_and_offers_to_ask(client, library):
    """A search that finds nothing says so and links to the question form."""
    response = client.get(URL, {"q": "xylophone"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "No answers matched “xylophone”" in content
    assert reverse("articles:ask") in content


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_query_gets_a_prompt_not_an_error(client, library, query):
    """An empty search shows the search page with a hint, status 200."""
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert "Type a few words to search" in response.content.decode()
    assert response.context["hits"] == []


@pytest.mark.parametrize("length", [MAX_QUERY_LENGTH + 1, 10_000])
def test_over_long_query_is_a_400_with_a_message(client, library, length):
    """Queries over the limit get 400 and a message with the limit, rendered in the search page."""
    response = client.get(URL, {"q": "a" * length})
    assert response.status_code == 400
    content = response.content.decode()
    assert f"Please use at most {MAX_QUERY_LENGTH} characters" in content
    assert 'role="alert"' in content
    assert "a" * 300 not in content


def test_query_at_the_limit_is_accepted(client, library):
    """Exactly the maximum length is still a search."""
    assert client.get(URL, {"q": "pain " * (MAX_QUERY_LENGTH // 5)}).status_code == 200


@pytest.mark.parametrize("query", ["back\x00pain", "\x00", "pain\x1b[31m", "pain\x7f", "\x08\x0b"])
def test_control_characters_are_a_400_with_a_message(client, library, query):
    """NUL and other control characters are refused with 400 and a plain explanation, never a 500."""
    response = client.get(URL, {"q": query})
    assert response.status_code == 400
    assert "control characters" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE articles_publication; --",
        '" OR 1=1 --',
        "pain' OR '1'='1",
        "back & pain | !scan",
        "((((",
        "-",
        '"',
        "or or or",
        "-pain",
        ":*",
        "\\",
        "%_%",
        "<script>alert(1)</script>",
        "😀 back",
        "ü" * 200,
    ],
)
def test_hostile_queries_are_answered_safely(client, library, query):
    """SQL fragments, tsquery operators and odd characters are plain words: 200, data intact, input escaped."""
    before = Publication.objects.count()
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert Publication.objects.count() == before
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_page_query_count(client, library, django_assert_max_num_queries):
    """Search costs a fixed number of queries: audiences, topics, count, one page of results."""
    for n in range(15):
        publish(question=f"More back pain {n}?", body="Back pain again.")
    # The page cache looks up the next planned unpublishing once per change of the answers (then
    # keeps it in the cache); a first search of other words pays for it, as any reader's would.
    client.get(URL, {"q": "pain"})
    with django_assert_max_num_queries(5):
        response = client.get(URL, {"q": "back pain"})
    assert len(response.context["hits"]) == 10


def test_home_page_query_count(client, library, django_assert_max_num_queries):
    """The home page costs a fixed number of queries whatever the number of topics and answers."""
    for n in range(10):
        publish(question=f"Extra question {n}?", topic=factories.make_topic())
    with django_assert_max_num_queries(4):
        response = client.get(reverse("articles:home"))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["articles:home", "articles:ask", "articles:editorial_policy"])
def test_every_page_has_the_header_search_box(client, professional, name):
    """The header of every page carries a labelled search form pointing at /search/."""
    content = client.get(reverse(name)).content.decode()
    header = content.split("</header>")[0]
    assert f'role="search" action="{URL}" method="get"' in header
    assert '<label for="header-q"' in header


def test_header_search_box_on_articles(client, library):
    """Article pages carry the header search box too."""
    content = client.get(library["scan"].get_absolute_url()).content.decode()
    assert f'action="{URL}"' in content.split("</header>")[0]


# PostgreSQL only: the full-text machinery itself.


@pytest.mark.postgres
def test_publishing_fills_the_weighted_search_vector(requires_postgres, library):
    """article_publish writes a tsvector with the question's words at weight A."""
    vector = Publication.objects.values_list("search_vector", flat=True).get(pk=library["scan"].pk)
    assert "'scan':" in vector
    assert re.search(r"'scan':\d+A", vector)


@pytest.mark.postgres
def test_gin_indexes_exist(requires_postgres, library):
    """Migrations 0003 and 0014 created the GIN indexes search reads (test_search_scale.py shows the plans)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'articles_%%_gin'")
        definitions = dict(cursor.fetchall())
    assert "USING gin (search_vector)" in definitions["articles_pub_search_gin"]
    assert "USING gin (search_lead)" in definitions["articles_pub_search_lead_gin"]
    assert "articles_pub_search_head_gin" not in definitions


@pytest.mark.postgres
def test_stemming_matches_word_forms(requires_postgres, client, library):
    """English stemming: "scans" finds "scan", "emergencies" finds "emergency"."""
    assert "When does low back pain need a scan?" in questions(client.get(URL, {"q": "scans"}))
    assert "When is chest pain an emergency?" in questions(client.get(URL, {"q": "emergencies"}))


@pytest.mark.postgres
def test_stop_words_only_finds_nothing_without_error(requires_postgres, client, library):
    """A query of stop words only is an empty tsquery: no results, no error."""
    response = client.get(URL, {"q": "the and of"})
    assert response.status_code == 200
    assert questions(response) == []
