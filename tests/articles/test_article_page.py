"""The article page: every element and stable id of DESIGN.md, per audience, in constant queries."""

import re

import pytest

from articles.models import Publication, RelatedQuestion
from tests.factories import approve, make_article, make_cited_article, make_reference

pytestmark = pytest.mark.django_db

IDS = [
    "review-status",
    "audience-chooser",
    "article-body",
    "references",
    "related-questions",
    "disclaimer",
    "follow-up",
]


@pytest.fixture
def published(audiences, editor, reviewer, topic):
    related = make_cited_article(author=editor, topic=topic, question="Is neck pain serious?")
    approve(related, editor=editor, reviewer=reviewer)
    article = make_cited_article(author=editor, topic=topic, references=3)
    RelatedQuestion.objects.create(article=article, related=related)
    approve(article, editor=editor, reviewer=reviewer)
    return Publication.objects.get(article=article)


def _ids_in_order(html: str) -> list[str]:
    found = re.findall(r'id="([a-z-]+)"', html)
    return [i for i in found if i in IDS]


@pytest.mark.parametrize("audience_slug", ["professional", "patient"])
def test_page_has_every_element_in_order(client, published, audience_slug):
    """Title, badge, status tracker, dates, chooser, body, references, related, disclaimer, follow-up."""
    html = client.get(f"{published.get_absolute_url()}?audience={audience_slug}").content.decode()
    assert html.count("<h1") == 1
    assert f">{published.question}</h1>" in html
    assert "Reviewed for accuracy by our" in html
    assert "Pending medical review" not in html
    order = _ids_in_order(html)
    assert order == IDS
    assert html.index('id="article-title"') < html.index('id="review-status"')
    assert 'aria-current="step"' in html
    assert "Last updated" in html
    assert "Next review due" in html
    assert "/editorial-policy/" in html
    assert "Which best describes you?" in html
    assert 'id="ref-1"' in html
    assert 'href="#ref-1"' in html
    assert "Is neck pain serious?" in html
    assert f"Disclaimer text for the {audience_slug} audience." in html
    assert "Have a follow-up question?" in html
    assert ">Dr Amara Okafor</a>, MD, FACP" in html  # linked to the advisory-board page
    assert '"@type":"MedicalWebPage"' in html


def test_each_audience_reads_its_own_body(client, published):
    """?audience= picks the body; with none, the cookie redirects to its version."""
    assert "Usually harmless" in client.get(f"{published.get_absolute_url()}?audience=patient").content.decode()
    assert "Mostly muscular" in client.get(published.get_absolute_url()).content.decode()
    client.cookies["audience"] = "patient"
    assert "Usually harmless" in client.get(published.get_absolute_url(), follow=True).content.decode()


def test_missing_body_falls_back_to_default_with_notice(client, published):
    """A student sees the professional body and a notice saying so."""
    html = client.get(f"{published.get_absolute_url()}?audience=student").content.decode()
    assert "Mostly muscular" in html
    assert "no version of this answer written for “Medical student”" in html
    assert "Disclaimer text for the student audience." in html


def test_unknown_audience_falls_back_silently(client, published):
    """An unknown ?audience= shows the default version without an error."""
    response = client.get(f"{published.get_absolute_url()}?audience=martian")
    assert response.status_code == 200
    assert "Mostly muscular" in response.content.decode()


def test_references_show_type_source_year_and_links(client, audiences, editor, reviewer):
    """Each reference has its type label, formatted text and DOI/PubMed links."""
    ref = make_reference(
        key="chou2007",
        type="Practice Guideline",
        doi="10.7326/0003-4819-147-7-200710020-00006",
        pmid="17909209",
        year=2007,
        source="Ann Intern Med",
    )
    article = make_article(author=editor, bodies={"professional": "Guideline [@chou2007]."}, references=[ref])
    approve(article, editor=editor, reviewer=reviewer)
    html = client.get(f"/questions/{article.slug}/").content.decode()
    assert "Guideline</span>" in html
    assert "https://doi.org/10.7326/0003-4819-147-7-200710020-00006" in html
    assert "https://pubmed.ncbi.nlm.nih.gov/17909209/" in html
    assert "2007" in html
    assert 'href="#cite-c1"' in html


def test_unknown_slug_is_the_404_page(client, db):
    """An unknown article answers the site's 404 page."""
    response = client.get("/questions/does-not-exist/")
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


def test_query_count_is_constant_with_30_references_and_10_related(
    client, audiences, editor, reviewer, topic, django_assert_max_num_queries
):
    """The article page renders in at most 3 queries (audiences, the snapshot with its bodies, related
    questions) however long its lists are, and never loads the search text or vector."""
    related = []
    for _ in range(10):
        other = make_cited_article(author=editor, topic=topic, references=1)
        approve(other, editor=editor, reviewer=reviewer)
        related.append(other)
    refs = [make_reference() for _ in range(30)]
    keys = "; ".join(f"@{r.citation_key}" for r in refs)
    article = make_article(
        author=editor, topic=topic, bodies={"professional": f"Many sources [{keys}]."}, references=refs, related=related
    )
    approve(article, editor=editor, reviewer=reviewer)
    url = f"/questions/{article.slug}/"
    # The page cache looks up the next planned unpublishing once per change of the answers and keeps
    # it; the first page anyone opens afterwards pays for it (here the home page), not every page.
    client.get("/")
    with django_assert_max_num_queries(3) as captured:
        html = client.get(url).content.decode()
    budget = len(captured)  # now: the context's view of the query log shifts as later queries run
    assert not [q["sql"] for q in captured.captured_queries if "search_" in q["sql"]]
    assert html.count('<li id="ref-') == 30
    assert html.count("What causes symptom") >= 10
    small = make_cited_article(author=editor, topic=topic, references=1)
    approve(small, editor=editor, reviewer=reviewer)
    client.get("/")
    with django_assert_max_num_queries(budget):
        client.get(f"/questions/{small.slug}/")


def test_home_groups_questions_by_topic(client, published, django_assert_max_num_queries):
    """The home page lists public questions under their topics, in a fixed number of queries."""
    with django_assert_max_num_queries(5):
        html = client.get("/").content.decode()
    assert published.topic.name in html
    assert published.question in html


def test_editorial_policy_and_board_pages(client, db, reviewer):
    """Both trust pages render."""
    assert client.get("/editorial-policy/").status_code == 200
    assert "Dr Amara Okafor" in client.get("/advisory-board/").content.decode()
