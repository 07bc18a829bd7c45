"""The editor's endpoints in the article admin: reference picker, live preview, adding a cited DOI or PMID."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from reversion.models import Version

from articles.models import Article, ArticleBody, ArticleControl
from articles.services import article_add_reference
from articles.signals import ContentLocked
from references.models import Reference
from tests.factories import make_reference, make_user

pytestmark = pytest.mark.django_db

SEARCH = "/admin/articles/article/references/search/"
PREVIEW = "/admin/articles/article/preview-markdown/"
ROOT = Path(__file__).resolve().parents[2]


def _add_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/references/add/"


@pytest.fixture
def staff_without_rights(db):
    """Staff who may look at articles but neither add nor change them."""
    user = make_user(username="viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    return user


@pytest.fixture
def library(db):
    return [
        make_reference(key="chou2007", title="Diagnosis and treatment of low back pain", authors="Chou, Roger"),
        make_reference(key="briggs2009", title="Shingles in adults", authors="Briggs, Anne", pmid="19000001"),
        make_reference(key="smith2020", title="Neck pain in office workers", doi="10.1000/neck.2020"),
    ]


# The reference picker.


@pytest.mark.parametrize(
    ("term", "keys"),
    [
        ("low back", {"chou2007"}),  # words of the title, in any case
        ("Chou", {"chou2007"}),  # an author
        ("brig", {"briggs2009"}),  # the start of a key
        ("PMID: 19000001", {"briggs2009"}),
        ("https://doi.org/10.1000/NECK.2020", {"smith2020"}),
        ("neck 2020", {"smith2020"}),  # every word must match; a year matches the year
        ("pain", {"chou2007", "smith2020"}),
        ("xylophone", set()),
    ],
)
def test_picker_finds_references_by_title_author_key_doi_pmid(client, editor, library, term, keys):
    """Every word of the search must match the title, authors, key, DOI, PMID or year."""
    client.force_login(editor)
    response = client.get(SEARCH, {"q": term})
    assert response.status_code == 200
    assert {r["key"] for r in response.json()["results"]} == keys


def test_picker_results_carry_an_ama_label_and_the_type(client, editor, library):
    """Each result has the key to insert and a label to choose by."""
    client.force_login(editor)
    (result,) = client.get(SEARCH, {"q": "chou"}).json()["results"]
    assert result["key"] == "chou2007"
    assert result["label"].startswith("Chou R. Diagnosis and treatment of low back pain.")
    assert "<" not in result["label"]
    assert result["type"] == "Research"
    assert set(result) == {"key", "label", "type", "doi", "pmid"}


def test_picker_without_a_term_lists_the_newest_references(client, editor, library):
    """An empty search box shows recent references to pick from."""
    client.force_login(editor)
    results = client.get(SEARCH).json()["results"]
    assert [r["key"] for r in results] == ["smith2020", "briggs2009", "chou2007"]


def test_picker_refuses_an_overlong_search(client, editor):
    """More than 200 characters is a clear 400, not a slow query."""
    client.force_login(editor)
    response = client.get(SEARCH, {"q": "a" * 201})
    assert response.status_code == 400
    assert "at most 200 characters" in response.json()["error"]


def test_picker_is_for_editors_only(client, staff_without_rights, reviewer, library):
    """Staff who may not write articles get 403; people outside the admin are sent to log in."""
    client.force_login(staff_without_rights)
    assert client.get(SEARCH, {"q": "chou"}).status_code == 403
    client.force_login(reviewer)  # a board member, not staff
    response = client.get(SEARCH, {"q": "chou"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# The live preview.


def test_preview_renders_as_readers_see_it(client, editor, library, patient):
    """Citations become numbered superscripts, the reference list is in order, unknown keys are named."""
    patient.target_grade = Decimal("8.0")
    patient.save()
    client.force_login(editor)
    text = "## Causes\r\n\r\nShingles starts as pain [@briggs2009]. Or not [@chou2007; @missing1].\r\n"
    response = client.post(PREVIEW, {"text": text, "audience": patient.pk})
    assert response.status_code == 200
    data = response.json()
    assert "<h2>Causes</h2>" in data["html"]
    assert '<sup class="citation"' in data["html"]
    assert re.search(r'<a href="#ref-1"[^>]*>1</a>', data["html"])
    assert [(r["number"], r["key"]) for r in data["references"]] == [(1, "briggs2009"), (2, "chou2007")]
    assert "<i>J Example Med</i>" in data["references"][0]["html"]
    assert data["missing"] == ["[@missing1] matches no reference in the library, in: “Or not [@chou2007; @missing1].”."]
    assert "<strong>Flesch-Kincaid grade</strong>" in data["readability"]
    assert "target grade 8.0 for Patient or caregiver" in data["readability"]


def test_preview_sanitises_what_is_typed(client, editor):
    """Script in a body never reaches the preview."""
    client.force_login(editor)
    text = '<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror="alert(1)">'
    html = client.post(PREVIEW, {"text": text}).json()["html"]
    assert "<script" not in html
    assert "<img" not in html
    assert 'href="javascript:' not in html


def test_preview_without_audience_has_no_reading_grade(client, editor):
    """The audience is optional; without it the preview still renders."""
    client.force_login(editor)
    data = client.post(PREVIEW, {"text": "Plain words."}).json()
    assert data["html"] == "<p>Plain words.</p>\n"
    assert data["readability"] == ""


@pytest.mark.parametrize("audience", ["abc", "999999", "99999999999999999999", "-1"])
def test_preview_refuses_an_unknown_audience(client, editor, audience):
    """An audience that is not a known id is a 400 with a message."""
    client.force_login(editor)
    response = client.post(PREVIEW, {"text": "Words.", "audience": audience})
    assert response.status_code == 400
    assert response.json()["error"] == "Choose an audience from the list."


def test_preview_refuses_text_over_the_limit(client, editor):
    """Over 200 KB is a 400 that says why; just under is rendered."""
    client.force_login(editor)
    response = client.post(PREVIEW, {"text": "a" * 200_001})
    assert response.status_code == 400
    assert "too long to preview" in response.json()["error"]
    assert client.post(PREVIEW, {"text": "word " * 39_999}).status_code == 200


def test_preview_needs_post_and_editor_rights(client, editor, staff_without_rights):
    """GET is 405; staff without article rights get 403."""
    client.force_login(editor)
    assert client.get(PREVIEW).status_code == 405
    client.force_login(staff_without_rights)
    assert client.post(PREVIEW, {"text": "x"}).status_code == 403


def test_preview_needs_the_csrf_token(editor):
    """Like every admin POST, the preview is refused without the CSRF token."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(PREVIEW, {"text": "x"}).status_code == 403


# Adding a cited DOI or PMID that the library lacks.


def test_add_reference_for_a_pmid_key(client, editor, article, professional):
    """The button creates an empty reference with that PMID, cites it, and opens it to complete."""
    ArticleBody.objects.filter(article=article, audience=professional).update(body="New evidence [@pmid:31234567].")
    client.force_login(editor)
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert 'form="add-reference" name="key" value="pmid:31234567"' in page
    assert "Add a reference with this PMID" in page
    assert "/admin/references/reference/import/" in page
    versions = Version.objects.get_for_object(Article.objects.get(pk=article.pk)).count()
    response = client.post(_add_url(article), {"key": "pmid:31234567"})
    reference = Reference.objects.get(pmid="31234567")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/references/reference/{reference.pk}/change/"
    assert reference.citation_key == "pmid31234567"
    assert reference.title == ""
    assert reference.pk in set(article.citations.values_list("reference_id", flat=True))
    assert Version.objects.get_for_object(Article.objects.get(pk=article.pk)).count() == versions + 1
    completed = client.get(response["Location"]).content.decode()
    assert "is in the library and cited by" in completed


def test_add_reference_for_a_doi_key_makes_a_key_from_it(client, editor, article, professional):
    """A DOI key gets a readable citation key; the DOI is stored as the editor wrote it (DOIs keep their case)."""
    ArticleBody.objects.filter(article=article, audience=professional).update(
        body="Trial [@doi:10.1056/NEJMoa2034577]."
    )
    client.force_login(editor)
    client.post(_add_url(article), {"key": "doi:10.1056/NEJMoa2034577"})
    reference = Reference.objects.get(doi__iexact="10.1056/nejmoa2034577")
    assert reference.doi == "10.1056/NEJMoa2034577"
    assert reference.citation_key == "doi-10-1056-nejmoa2034577"
    assert article.citations.filter(reference=reference).exists()


def test_an_added_reference_without_a_title_blocks_submission(client, editor, article, professional):
    """The empty reference must be completed before the article can go to the board."""
    ArticleBody.objects.filter(article=article).update(body="New evidence [@pmid:31234567].")
    client.force_login(editor)
    client.post(_add_url(article), {"key": "pmid:31234567"})
    response = client.post(f"/admin/articles/article/{article.pk}/workflow/submit/")
    assert response.status_code == 400
    assert "“pmid31234567” has no title yet" in response.content.decode()


def test_add_reference_when_the_library_has_it_by_now(client, editor, article, professional):
    """If someone imported it meanwhile, nothing is duplicated: the article cites the existing one."""
    ArticleBody.objects.filter(article=article, audience=professional).update(body="Evidence [@pmid:31234567].")
    existing = make_reference(key="later2025", pmid="31234567")
    client.force_login(editor)
    response = client.post(_add_url(article), {"key": "pmid:31234567"})
    assert response["Location"] == f"/admin/references/reference/{existing.pk}/change/"
    assert Reference.objects.filter(pmid="31234567").count() == 1
    assert article.citations.filter(reference=existing).exists()


@pytest.mark.parametrize("key", ["nosuchkey", "pmid:abc", "doi:11.1/x", ""])
def test_add_reference_refuses_keys_that_are_no_doi_or_pmid(client, editor, article, key):
    """Only a valid DOI or PMID key can be added this way: anything else is a 400, nothing is created."""
    client.force_login(editor)
    response = client.post(_add_url(article), {"key": key})
    assert response.status_code == 400
    assert "Only a DOI or PMID key" in response.content.decode()
    assert not Reference.objects.filter(title="").exists()


def test_add_reference_needs_post_and_both_permissions(client, editor, article):
    """GET is 405; without references.add_reference (or article rights) it is 403 and nothing is created."""
    client.force_login(editor)
    assert client.get(_add_url(article)).status_code == 405
    limited = make_user(username="limited", is_staff=True)
    limited.user_permissions.add(*Permission.objects.filter(codename__in=["view_article", "change_article"]))
    client.force_login(limited)
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert 'id="add-reference"' not in page
    assert client.post(_add_url(article), {"key": "pmid:31234567"}).status_code == 403
    assert not Reference.objects.filter(pmid="31234567").exists()


def test_add_reference_is_refused_while_the_article_is_locked(client, editor, submitted):
    """Under review the content is read-only: the derived list cannot change either."""
    client.force_login(editor)
    response = client.post(_add_url(submitted.article), {"key": "pmid:31234567"})
    assert response.status_code == 403
    assert not Reference.objects.filter(pmid="31234567").exists()


def test_the_lock_holds_in_the_service_too(editor, article):
    """article_add_reference itself refuses a locked article."""
    ArticleControl.objects.filter(article=article).update(review_locked=True)
    with pytest.raises(ContentLocked):
        article_add_reference(article=article, key="pmid:31234567", actor=editor)
    assert not Reference.objects.filter(pmid="31234567").exists()


# The page and its assets.


def test_change_page_loads_the_editor_from_our_own_static_files(client, editor, article):
    """The vendored CodeMirror bundle and the editor script; its settings as JSON; a tall textarea without JS."""
    client.force_login(editor)
    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "/static/vendor/codemirror/codemirror.min.js" in html
    assert "/static/js/article-editor.js" in html
    assert "/static/css/admin-editor.css" in html
    assert not re.search(r"<script[^>]+src=\"https?://", html)
    config = json.loads(re.search(r'id="article-editor-config" type="application/json">(.*?)</script>', html).group(1))
    assert config["previewUrl"] == PREVIEW
    assert config["searchUrl"] == SEARCH
    assert config["strings"]["cite"] == "Cite"
    assert re.search(r'<textarea name="bodies-0-body" cols="100" rows="25" class="markdown-editor"', html)


def test_vendored_editor_matches_the_lock_file():
    """static/vendor/codemirror was built from the versions package-lock.json pins (run `npm run vendor`)."""
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    licence = (ROOT / "static/vendor/codemirror/LICENSE").read_text()
    bundled = re.findall(r"^(@?[\w./-]+) (\d+\.\d+\.\d+\S*) \(", licence, re.MULTILINE)
    assert ("@codemirror/view", lock["node_modules/@codemirror/view"]["version"]) in bundled
    for name, version in bundled:
        assert lock[f"node_modules/{name}"]["version"] == version, name
    assert (ROOT / "static/vendor/codemirror/codemirror.min.js").stat().st_size > 100_000
