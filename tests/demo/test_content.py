"""The demo content files read cleanly, agree with each other, and their references import exactly."""

import json
import re
from pathlib import Path

import pytest

from articles.exchange import STATES, ArticleFile, dump_article, parse_article
from articles.rendering import cited_keys as body_keys
from demo.content import CONTENT_DIR, load_articles, load_history, load_site, references_text, without_sections
from references.identifiers import normalize_citation_key
from references.importers import parse_references
from references.models import Reference
from references.services import reference_import

ARTICLE_FILES = sorted((CONTENT_DIR / "articles").glob("*.md"))

VALID = """\
---
question: Is this a question?
slug: example
topic: back-and-neck-pain
summary: A summary.
state: draft
---

<!-- audience: professional -->

Professional body [@key].

<!-- audience: patient -->

Patient body.
"""


@pytest.fixture(scope="module")
def articles() -> list[ArticleFile]:
    return load_articles()


def cited_keys(article: ArticleFile) -> set[str]:
    """Every key the article's bodies cite, normalised as the renderer resolves them."""
    return {normalize_citation_key(key) for body in article.bodies.values() for key in body_keys(body)}


def reference_lookup_keys() -> dict[str, str]:
    """Each key a body may cite (citation key, pmid:…, doi:…) -> the reference's citation key."""
    lookup = {}
    for record in parse_references(references_text(), file_format="csljson").records:
        lookup[record.key] = record.key
        if record.pmid:
            lookup[f"pmid:{record.pmid}"] = record.key
        if record.doi:
            lookup[f"doi:{record.doi}"] = record.key
    return lookup


def test_every_article_file_parses(articles):
    """Each articles/<slug>.md reads as an article whose slug is its file name."""
    assert [article.slug for article in articles] == [path.stem for path in ARTICLE_FILES]
    assert len(articles) >= 12


def test_site_file_parses():
    """site.yaml and editorial-policy.md give three audiences, six ordered topics, three board members and a policy."""
    site = load_site()
    assert [audience.slug for audience in site.audiences] == ["professional", "patient", "student"]
    assert [audience.target_grade for audience in site.audiences] == [None, "8.0", None]
    assert site.default_audience.slug == "professional"
    assert site.topics[0].slug == "back-and-neck-pain"
    assert len(site.topics) == 6
    assert [member.username for member in site.board] == ["reviewer1", "reviewer2", "reviewer3"]
    assert site.policy_title == "Editorial policy"
    assert site.policy_body.startswith("## Who writes our answers\n")


def test_every_article_has_a_body_for_the_default_audience(articles):
    """No article lacks the body that readers of every other audience fall back to."""
    default = load_site().default_audience.slug
    assert [article.slug for article in articles if default not in article.bodies] == []


def test_articles_name_known_topics_and_audiences(articles):
    """Every topic and every body's audience is one that site.yaml defines."""
    site = load_site()
    topics, audiences = {topic.slug for topic in site.topics}, {audience.slug for audience in site.audiences}
    assert {article.topic for article in articles} <= topics
    assert {slug for article in articles for slug in article.bodies} <= audiences


def test_every_cited_key_is_in_references_json(articles):
    """Each [@key] in a body (citation key, pmid: or doi: form) names a reference in references.json."""
    lookup = reference_lookup_keys()
    unknown = {article.slug: sorted(cited_keys(article) - set(lookup)) for article in articles}
    assert {slug: keys for slug, keys in unknown.items() if keys} == {}


def test_every_reference_is_cited(articles):
    """references.json holds no reference that no demo article cites."""
    lookup = reference_lookup_keys()
    cited = {lookup[key] for article in articles for key in cited_keys(article) if key in lookup}
    assert set(lookup.values()) - cited == set()


def test_related_slugs_name_other_demo_articles(articles):
    """Related questions point at other demo articles, each at most once."""
    slugs = {article.slug for article in articles}
    for article in articles:
        assert set(article.related) <= slugs - {article.slug}, article.slug
        assert len(article.related) == len(set(article.related)), article.slug


def test_states_cover_every_workflow_state(articles):
    """The demo shows a draft, a submitted, an under-review, a changes-requested and an approved article."""
    assert {article.state for article in articles} == set(STATES)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            VALID.replace("topic: back-and-neck-pain\n", ""), "the front matter has no 'topic'", id="missing-key"
        ),
        pytest.param(
            VALID.replace("state: draft", "state: published"), "unknown state 'published'", id="unknown-state"
        ),
        pytest.param(VALID + "\n<!-- audience: student -->\n", "audience 'student' has no body", id="marker-no-body"),
        pytest.param(
            VALID.replace("---\n\n<!--", "---\n\nStray words.\n\n<!--"),
            "text before the first",
            id="text-before-marker",
        ),
        pytest.param(
            VALID.replace("audience: patient", "audience: professional"),
            "two bodies for the audience 'professional'",
            id="duplicate-audience",
        ),
        pytest.param(
            VALID.replace("<!-- audience: patient -->", "<!-- audience patient -->"),
            "malformed audience marker",
            id="malformed-marker",
        ),
        pytest.param(
            VALID.replace("state: draft\n", "state: draft\ntags: []\n"),
            "unknown front matter key 'tags'",
            id="unknown-key",
        ),
        pytest.param(VALID.split("---\n", 2)[2], "must start with YAML front matter", id="no-front-matter"),
        pytest.param(VALID.replace("A summary.", "[unclosed"), "not valid YAML", id="invalid-yaml"),
        pytest.param(VALID.replace("state: draft", "state: changes_requested"), "'review_comment'", id="no-comment"),
        pytest.param(
            VALID.replace("state: draft\n", "state: draft\nrelated: other\n"), "'related' must be a list", id="related"
        ),
    ],
)
def test_malformed_article_gives_a_clear_error(text, message):
    """Each kind of malformed file raises ValueError naming the file and the problem."""
    with pytest.raises(ValueError, match=r"^example\.md: .*" + re.escape(message)):
        parse_article(text, name="example.md")


def test_load_articles_names_the_file_and_checks_the_slug(tmp_path: Path):
    """A file whose name is not its slug, or a malformed file, is reported by its path."""
    (tmp_path / "other.md").write_text(VALID, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{tmp_path / 'other.md'}: the slug 'example' differs")):
        load_articles(tmp_path)
    (tmp_path / "other.md").unlink()
    (tmp_path / "example.md").write_text(VALID.replace("state: draft", "state: done"), encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{tmp_path / 'example.md'}: unknown state 'done'")):
        load_articles(tmp_path)


def test_load_site_reports_a_missing_key(tmp_path: Path):
    """A site.yaml entry without one of its keys is reported with the file and the entry."""
    for name in ("site.yaml", "editorial-policy.md"):
        (tmp_path / name).write_text((CONTENT_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    site = tmp_path / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("    specialty: Cardiology\n", ""), encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{site}: board entry 2 must have the keys")):
        load_site(tmp_path)


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda path: path.stem)
def test_dump_round_trips_every_demo_file(path: Path):
    """Writing a parsed demo file gives back its exact text."""
    text = path.read_text(encoding="utf-8")
    assert dump_article(parse_article(text, name=path.name)) == text


def test_dump_then_parse_gives_the_same_article():
    """An exported article without related questions or comment, with a line break in its summary, reads back equal."""
    article = ArticleFile(
        slug="exported",
        question="What: a colon, and 'quotes'?",
        topic="digestive-health",
        summary="First line.\nSecond line.",
        state="approved",
        review_comment="",
        related=(),
        bodies={"patient": "Text with <!-- a comment --> inside.\n", "professional": "# Heading\n\n- item\n"},
    )
    assert parse_article(dump_article(article)) == article


def test_windows_line_endings_and_byte_order_mark_read_the_same():
    """A file saved with CRLF line endings and a byte-order mark parses as the same article."""
    assert parse_article("\ufeff" + VALID.replace("\n", "\r\n")) == parse_article(VALID)


@pytest.mark.django_db
def test_references_json_imports_every_reference_exactly():
    """Importing references.json into an empty library adds each item under its id, with the expected fields."""
    items = json.loads(references_text())
    result = reference_import(text=references_text(), file_format="csljson")
    assert [entry.key for entry in result.plan.adds] == [item["id"] for item in items]
    assert result.plan.merges == []
    assert result.plan.refusals == []
    assert Reference.objects.count() == len(items)
    fields = ("type", "title", "authors", "source", "year", "volume", "issue", "pages", "doi", "pmid", "url")
    stored = {ref["citation_key"]: ref for ref in Reference.objects.values("citation_key", *fields)}
    assert stored["nice2016-lbp"] == {
        "citation_key": "nice2016-lbp",
        "type": Reference.Type.PRACTICE_GUIDELINE,
        "title": "Low back pain and sciatica in over 16s: assessment and management (NICE guideline NG59)",
        "authors": "National Institute for Health and Care Excellence",
        "source": "NICE",
        "year": 2016,
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "pmid": "",
        "url": "https://www.nice.org.uk/guidance/ng59",
    }
    assert stored["isselbacher2022"] == {
        "citation_key": "isselbacher2022",
        "type": Reference.Type.PRACTICE_GUIDELINE,
        "title": "2022 ACC/AHA Guideline for the Diagnosis and Management of Aortic Disease: A Report of the "
        "American Heart Association/American College of Cardiology Joint Committee on Clinical Practice Guidelines",
        "authors": "Isselbacher, Eric M.\nPreventza, Ourania\nHamilton Black, James, III",
        "source": "Circulation",
        "year": 2022,
        "volume": "146",
        "issue": "24",
        "pages": "e334-e482",
        "doi": "10.1161/CIR.0000000000001106",
        "pmid": "36322642",
        "url": "",
    }
    assert stored["bhala2013"] == {
        "citation_key": "bhala2013",
        "type": Reference.Type.META_ANALYSIS,
        "title": "Vascular and upper gastrointestinal effects of non-steroidal anti-inflammatory drugs: "
        "meta-analyses of individual participant data from randomised trials",
        "authors": "Coxib and traditional NSAID Trialists' (CNT) Collaboration\nBhala, Neeraj\nEmberson, Jonathan\nMerhi, Alia",
        "source": "Lancet",
        "year": 2013,
        "volume": "382",
        "issue": "9894",
        "pages": "769-779",
        "doi": "10.1016/S0140-6736(13)60900-9",
        "pmid": "",
        "url": "",
    }
    assert stored["fda2015"] == {
        "citation_key": "fda2015",
        "type": Reference.Type.WEBSITE,
        "title": "FDA Drug Safety Communication: FDA strengthens warning that non-aspirin nonsteroidal "
        "anti-inflammatory drugs (NSAIDs) can cause heart attacks or strokes",
        "authors": "US Food and Drug Administration",
        "source": "US Food and Drug Administration",
        "year": 2015,
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "pmid": "",
        "url": "",
    }


def test_history_names_approved_articles_and_sections_they_have():
    """Each history.yaml entry is an approved demo article whose file has the sections it leaves out first."""
    articles = {a.slug: a for a in load_articles()}
    history = load_history()
    assert history
    for slug, revision in history.items():
        assert articles[slug].state == "approved"
        assert revision.change_summary.strip()
        for audience, headings in revision.without_sections.items():
            earlier = without_sections(articles[slug].bodies[audience], headings)
            assert all(f"## {h}" not in earlier for h in headings)
            assert len(earlier) < len(articles[slug].bodies[audience])


def test_without_sections_keeps_the_rest_and_refuses_an_unknown_heading():
    """Only the named section goes (up to the next heading); a heading that is not there is an error."""
    body = "Intro.\n\n## Keep\n\nA.\n\n## Drop\n\nB.\n\n## Also keep\n\nC.\n"
    assert without_sections(body, ["Drop"]) == "Intro.\n\n## Keep\n\nA.\n\n## Also keep\n\nC.\n"
    with pytest.raises(ValueError, match="Missing"):
        without_sections(body, ["Missing"])
