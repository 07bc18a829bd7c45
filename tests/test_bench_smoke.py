"""`make bench` is a measurement, not a test: its pieces load, the baseline is what it claims, and the generator publishes what the publishing service would."""

import urllib.parse

import pytest

from bench.run import _slices, build_targets, cache_verdict, parse_args, percentile
from tests import factories


@pytest.mark.urls("bench.urls")
def test_baseline_view_is_a_fixed_10_kb_page(client):
    response = client.get("/bench/baseline/")

    assert response.status_code == 200
    assert len(response.content) == 10240


def test_baseline_is_not_in_the_production_urlconf(client, db):
    assert client.get("/bench/baseline/").status_code == 404


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]

    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([3.0], 99) == 3.0
    assert percentile([], 50) == 0.0


def test_percentile_weighs_the_wrk_grid():
    """wrk reports a percentile grid per burst: each value stands for a share of that burst's requests."""
    burst = [(0.001, 99.0), (0.5, 1.0)]

    assert percentile(burst, 50) == 0.001
    assert percentile(burst, 99) == 0.001
    assert percentile(burst, 99.5) == 0.5


def test_uncached_pages_are_never_requested_twice_in_a_run():
    """Every article in every audience's version, none of them a cached page, a new slice per burst."""
    listing = {
        "generated": [f"bench-{n}" for n in range(40)],
        "others": ["left-upper-back-pain"],
        "audiences": [["professional", True], ["patient", False], ["student", False]],
    }
    targets = {t.label: t for t in build_targets(listing)}
    fresh = targets["article uncached"].paths
    slices = _slices(fresh, 6)

    assert len(fresh) == len(set(fresh)) == 35 * 3
    assert not set(fresh) & set(targets["article cached"].paths)
    assert "/questions/bench-7/?audience=patient" in fresh
    assert sum(len(s) for s in slices) == len({path for s in slices for path in s})
    assert len(targets["search page 1 cached"].paths) >= 20
    # The uncached search carries a parameter the page cache never answers or stores (articles.page_cache).
    from articles.page_cache import CACHED_PARAMETERS

    for path in targets["search page 1 uncached"].paths:
        assert set(urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)) - CACHED_PARAMETERS


def test_a_page_cache_is_recognised_by_its_headers():
    assert cache_verdict({"cache-control": "max-age=0, no-cache, no-store, must-revalidate, private"}) == ""
    assert cache_verdict({"age": "3"})
    assert cache_verdict({"x-cache": "HIT"})
    assert cache_verdict({"cache-control": "public, max-age=60, s-maxage=600"})


def test_defaults_keep_a_run_short():
    args = parse_args([])

    assert (args.requests, args.rounds, args.concurrency, args.workers) == (500, 5, 4, 2)


# The generator (bench/generate.py): the shape of its articles, and the same snapshot rows as publishing.

BENCH_TOPICS = ("back-and-neck-pain", "digestive-health", "headache-and-nerves")


@pytest.fixture
def bench_library(audiences, editor, reviewer):
    """What the generator expects from the demo: its three audiences, its topics, `editor`, a board member."""
    from articles.services import topic_save
    from bench import vocabulary

    for order, slug in enumerate(sorted(vocabulary.TOPICS)):
        topic_save(slug=slug, name=slug.replace("-", " ").capitalize(), order=order)
    return [factories.make_reference(key=f"benchref{i:05d}").citation_key for i in range(20)]


def _rows(publication_id: int) -> dict:
    """Every stored column of a snapshot and its bodies, without the row ids."""
    from articles.models import Publication, PublishedBody

    snapshot = Publication.objects.values().get(pk=publication_id)
    bodies = PublishedBody.objects.filter(publication_id=publication_id).order_by("audience_id").values()
    drop = {"id", "publication_id"}
    return {
        "publication": {k: v for k, v in snapshot.items() if k != "id"},
        "bodies": [{k: v for k, v in body.items() if k not in drop} for body in bodies],
    }


@pytest.mark.django_db
def test_bulk_path_stores_the_same_snapshot_as_the_publishing_service(bench_library, time_machine):
    """For the same content, bench's batch insert leaves exactly the rows `article_publish` leaves."""
    from articles.models import Article, Publication
    from articles.services import article_publish
    from articles.versioning import ArticleContent
    from bench.generate import Writer, publish_rows, review_facts, write_content

    time_machine.move_to("2026-03-02 10:00:00+00:00", tick=False)
    writer = Writer(seed=1, pool_keys=bench_library, demo_questions=["Why does my back hurt?"])
    others = write_content([writer.draft(n) for n in range(2)], related_from=lambda _topic: [])
    (article_id,) = write_content([writer.draft(5)], related_from=lambda _topic: others)
    article = Article.objects.get(pk=article_id)
    content = ArticleContent.from_article(article)
    assert content.related_ids == tuple(others)

    normal = article_publish(article=article, content=content, facts=review_facts(days_ago=30))
    expected = _rows(normal.pk)
    Publication.objects.filter(pk=normal.pk).delete()
    assert publish_rows([article_id]) == 1
    bulk = Publication.objects.get(article_id=article_id)

    assert _rows(bulk.pk) == expected
    assert expected["publication"]["search_document"]
    assert len(expected["bodies"]) == 3


@pytest.mark.django_db
def test_bulk_path_fills_the_same_search_vector(requires_postgres, bench_library):
    """On PostgreSQL the batch insert stores the weighted vector that publishing stores."""
    from django.contrib.postgres.search import SearchQuery

    from articles.models import Publication
    from bench.generate import Writer, publish_rows, write_content

    writer = Writer(seed=2, pool_keys=bench_library, demo_questions=[])
    (article_id,) = write_content([writer.draft(0)], related_from=lambda _topic: [])
    publish_rows([article_id])
    publication = Publication.objects.get(article_id=article_id)
    word = publication.question.split()[-1].rstrip("?")

    assert publication.search_vector
    assert Publication.objects.filter(search_vector=SearchQuery(word, config="english")).exists()


def test_a_generated_article_has_the_issue_shape(bench_library):
    """~840 words over three audiences, 15 distinct references all cited, texts differ by seed and number."""
    from bench.generate import Writer

    writer = Writer(seed=3, pool_keys=bench_library, demo_questions=[])
    draft, other = writer.draft(0), writer.draft(1)
    words = sum(len(body.split()) for body in draft.bodies.values())

    assert set(draft.bodies) == {"professional", "patient", "student"}
    assert 760 <= words <= 960
    assert len(set(draft.reference_keys)) == 15
    assert all(f"@{key}" in draft.bodies["professional"] for key in draft.reference_keys)
    assert draft.bodies["professional"].count("## ") >= 5
    assert draft.question != other.question or draft.bodies != other.bodies


def test_generate_publishes_articles_with_references_and_related_questions(bench_library):
    """A small run publishes every article it writes: public, three bodies, 15 references, 8 related questions."""
    from articles.models import Publication
    from bench.generate import generate

    result = generate(20, batch=8, jobs=1, log=lambda _line: None)
    published = Publication.objects.public().filter(slug__startswith="bench-").order_by("article_id")

    assert result["articles"] == 20
    assert published.count() == 20
    last = published.last()
    assert last.bodies.count() == 3
    assert len(last.bodies.get(audience__slug="professional").references) == 15
    assert len(last.related_article_ids) == 8


@pytest.mark.django_db
def test_copies_store_each_snapshot_again_under_its_own_slug(requires_postgres, bench_library):
    """`--copies 3` (100,000 articles from 10,000 on a small machine): every generated snapshot twice
    more, public, column for column the same but for ids and the slug, and found by search like the original."""
    from django.contrib.postgres.search import SearchQuery

    from articles.models import Publication
    from bench.generate import SLUG_PREFIX, Writer, publish_rows, write_content
    from bench.replicate import replicate

    writer = Writer(seed=4, pool_keys=bench_library, demo_questions=[])
    ids = write_content([writer.draft(n) for n in range(3)], related_from=lambda _topic: [])
    publish_rows(ids)
    original = Publication.objects.get(article_id=ids[0])

    assert replicate(3, prefix=SLUG_PREFIX, log=lambda _line: None) == 6
    assert replicate(3, prefix=SLUG_PREFIX, log=lambda _line: None) == 0  # made once
    copy = Publication.objects.public().get(slug=f"{original.slug}-copy3")
    expected, copied = _rows(original.pk), _rows(copy.pk)
    for rows in (expected, copied):
        rows["publication"].pop("slug")
        rows["publication"].pop("article_id")
    assert copied == expected
    word = original.question.split()[-1].rstrip("?")
    found = Publication.objects.filter(
        search_vector=SearchQuery(word, config="english"), slug__startswith=original.slug
    )
    assert found.count() == 3
