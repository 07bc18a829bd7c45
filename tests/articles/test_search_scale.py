"""Search stays fast however much matches: a capped candidate set, honest counts, few queries, the GIN indexes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Publication, SearchSynonym
from articles.search import search
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("articles:search")


def publish(question: str, body: str = "General answer.", summary: str | None = None):
    article = factories.make_article(question=question, bodies={"professional": body})
    if summary is not None:
        article.summary = summary
        article.save()
    return factories.make_publication(article)


def test_counts_beyond_the_cap_are_shown_as_more_than(client, professional, settings):
    """Past SEARCH_RESULTS_CAP matches the page says "more than N" and pages only through the N best."""
    settings.SEARCH_RESULTS_CAP = 12
    for n in range(15):
        publish(f"Knee question {n}?", body="About the knee.")
    first = client.get(URL, {"q": "knee"})
    assert "More than 12 answers found" in first.content.decode()
    assert first.context["page_obj"].paginator.count == 12
    assert len(first.context["hits"]) == 10
    second = client.get(URL, {"q": "knee", "page": 2})
    assert len(second.context["hits"]) == 2
    assert not second.context["page_obj"].has_next()


def test_counts_within_the_cap_are_exact(client, professional, settings):
    """Up to the cap the count is the number of answers found."""
    settings.SEARCH_RESULTS_CAP = 12
    for n in range(12):
        publish(f"Knee question {n}?", body="About the knee.")
    content = client.get(URL, {"q": "knee"}).content.decode()
    assert "12 answers found." in content
    assert "More than" not in content


def test_a_matching_question_is_never_left_out_by_the_cap(requires_postgres, professional, settings):
    """Many answers merely mention a word; the one whose question is about it is ranked first anyway."""
    settings.SEARCH_RESULTS_CAP = 3
    for n in range(8):
        publish(f"Unrelated question {n}?", body="Sciatica is mentioned here in passing.")
    wanted = publish("What is sciatica?", body="Leg pain along the nerve.")
    results = search("sciatica")
    assert results.more
    assert results.ids[0] == wanted.pk


def test_search_page_query_count(client, professional, django_assert_max_num_queries):
    """A results page: topics, the ranked ids, one page of rows (plus the audience); the synonyms
    come from this process's index, read once."""
    for n in range(15):
        publish(f"More back pain {n}?", body="Back pain again.")
    client.get(URL, {"q": "warm up"})
    with django_assert_max_num_queries(4):
        response = client.get(URL, {"q": "back pain", "page": 2})
    assert len(response.context["hits"]) == 5


def test_did_you_mean_costs_a_bounded_number_of_queries(client, professional, django_assert_max_num_queries):
    """A misspelt search adds the vocabulary look-up and the corrected search, whatever the vocabulary's size."""
    for n in range(5):
        publish(f"Heartburn question {n}?", body=f"Heartburn and word{n} and reflux.")
    client.get(URL, {"q": "warm up"})
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"q": "hartburn"})
    assert response.context["results"].corrected_from == "hartburn"
    assert len(response.context["hits"]) == 5


def _bulk_publications(count: int) -> None:
    """``count`` public snapshots with generated text, straight in SQL: enough rows for real plans."""
    topic = factories.make_topic()
    author = factories.make_user()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO articles_article (question, slug, summary, created_at, updated_at, author_id, topic_id) "
            "SELECT 'Question ' || g || ' about ' || (ARRAY['knees','hips','ankles','elbows'])[1 + g %% 4] || '?', "
            "'bulk-' || g, 'Summary ' || g, now(), now(), %s, %s FROM generate_series(1, %s) g",
            [author.pk, topic.pk, count],
        )
        cursor.execute(
            "INSERT INTO articles_articlecontrol (article_id, edit_version, review_locked, rereview_reason) "
            "SELECT id, 0, false, '' FROM articles_article WHERE slug LIKE 'bulk-%%'"
        )
        cursor.execute(
            "INSERT INTO articles_publication (article_id, status, slug, question, summary, topic_id, revision_id, "
            "content_hash, review_step, reviewers, related_article_ids, languages, published_at, search_document, "
            "search_excerpt, search_vector, search_lead) SELECT id, 'approved', slug, question, summary, topic_id, 0, "
            "'', 'approved', '[]', '[]', '[]', now(), question, summary, v, v FROM ("
            "SELECT *, setweight(to_tsvector('english', question), 'A') || "
            "setweight(to_tsvector('english', summary || ' common words ' || md5(id::text)), 'B') AS v "
            "FROM articles_article WHERE slug LIKE 'bulk-%%') AS a"
        )
        # As autovacuum would: merge the GIN indexes' pending lists (fast update), then gather statistics.
        for index in ("articles_pub_search_gin", "articles_pub_search_lead_gin"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE articles_article, articles_articlecontrol, articles_publication")


@pytest.mark.postgres
def test_the_gin_indexes_serve_the_search(requires_postgres, professional, django_capture_on_commit_callbacks):
    """With 5,000 analysed rows and the planner's own costs, a selective search reads the
    question-and-summary index, and the whole vector's for answers matching in their bodies (no
    enable_seqscan tricks): the plan of the very query ``search`` runs, on a table big enough that
    a sequential scan costs more."""
    _bulk_publications(5000)
    publish("Why do ankles swell in the heat?")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_publication")
        (sql,) = _ranked_sql("swell")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "articles_pub_search_lead_gin" in plan, plan
    assert "articles_pub_search_gin" in plan, plan
    assert not re.search(r"Seq Scan on articles_publication\b", plan), plan


def _ranked_sql(query: str) -> list[str]:
    """The SQL of the ranking queries ``search`` runs for ``query`` (parameters inlined by the driver)."""
    with CaptureQueriesContext(connection) as captured:
        search(query, correct=False)
    return [q["sql"] for q in captured.captured_queries if "ts_rank" in q["sql"]]


def test_snippets_come_from_the_excerpt_for_the_page_only(client, professional):
    """No ts_headline over whole documents: snippets are cut from the stored excerpt, synonyms marked."""
    SearchSynonym.objects.create(terms="shoulder blade\nscapula")
    publish("Pain near the scapula?", body="Pain under the scapula is common.", summary="The scapula hurts.")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, {"q": "shoulder blade"})
    assert not any("ts_headline" in q["sql"] for q in captured.captured_queries)
    assert (
        response.context["hits"][0]["snippet"]
        == "The <mark>scapula</mark> hurts. Pain under the <mark>scapula</mark> is common."
    )


def test_excerpt_is_stored_at_publish_and_short(professional):
    """Publishing stores the summary and the first words of the body as the search excerpt, at most 300 words."""
    publication = publish("Long one?", body="word " * 2000, summary="A short summary.")
    publication = Publication.objects.get(pk=publication.pk)
    assert publication.search_excerpt.startswith("A short summary. word word")
    assert len(publication.search_excerpt.split()) == 300


def test_a_broad_search_is_ranked_in_one_query_from_the_lead(requires_postgres, professional, settings):
    """More answers about the query than the cap: one query ranks cap + 1 of them; its part reading
    the body vectors never runs."""
    settings.SEARCH_RESULTS_CAP = 3
    for n in range(5):
        publish(f"Knee question {n}?", body="About the knee.")
    results = search("knee", correct=False)
    assert results.more
    assert len(results.ids) == 3
    (sql,) = _ranked_sql("knee")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {sql}")
        plan = [row[0] for row in cursor.fetchall()]
    one_time_filter = next(i for i, line in enumerate(plan) if "One-Time Filter" in line)
    assert "never executed" in plan[one_time_filter - 1], "\n".join(plan)


def test_answers_mentioning_the_query_in_their_bodies_come_after(requires_postgres, professional, settings):
    """Fewer answers about the query than the cap: those that only mention it in their bodies fill up
    to the cap, after them, and count towards "more than the cap"."""
    settings.SEARCH_RESULTS_CAP = 3
    about = publish("What is sciatica?", body="Leg pain along the nerve.")
    mentions = [publish(f"Back question {n}?", body="Sciatica is mentioned here.") for n in range(2)]
    results = search("sciatica")
    assert results.ids[0] == about.pk
    assert set(results.ids[1:]) == {m.pk for m in mentions}
    assert not results.more
    publish("Another back question?", body="Sciatica again.")
    assert search("sciatica").more


@pytest.mark.postgres
def test_publishing_fills_the_lead_vector(requires_postgres, professional):
    """The lead holds the question's words at weight A and the summary's at B, none of the body's alone."""
    publication = publish("Why do knees click?", body="Cartilage wears.", summary="Usually harmless.")
    lead = Publication.objects.values_list("search_lead", flat=True).get(pk=publication.pk)
    assert re.search(r"'knee':\d+A", lead)
    assert re.search(r"'harmless':\d+B", lead)
    assert "cartilag" not in lead
