"""Saving in the article admin: clean saves, references derived from the text, human labels."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from reversion.models import Version

from articles.models import Article, ArticleBody, ArticleControl, RelatedQuestion
from articles.versioning import ArticleContent
from tests.admin_forms import changeform_data
from tests.factories import make_article, make_publication, make_reference

pytestmark = pytest.mark.django_db


def _url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def _as_browser_sends(data: dict) -> dict:
    """Textareas come back with CRLF line endings (and no final newline)."""
    return {k: v.rstrip("\n").replace("\n", "\r\n") if isinstance(v, str) else v for k, v in data.items()}


def _versions(article) -> int:
    return Version.objects.get_for_object(Article.objects.get(pk=article.pk)).count()


def _edit_version(article) -> int:
    return ArticleControl.objects.get(article=article).edit_version


def _body_key(data: dict, article, audience) -> str:
    """The POST name of the body field of ``audience``'s inline form."""
    body_id = ArticleBody.objects.get(article=article, audience=audience).pk
    prefix = next(
        k.removesuffix("-id")
        for k, v in data.items()
        if k.startswith("bodies-") and k.endswith("-id") and str(v) == str(body_id)
    )
    return f"{prefix}-body"


def test_saving_unchanged_content_saves_nothing(client, editor, article):
    """Posting the form back as loaded (CRLF and all) makes no revision, no history entry, no new version."""
    client.force_login(editor)
    data = _as_browser_sends(changeform_data(client.get(_url(article))))
    before = (_versions(article), _edit_version(article), LogEntry.objects.count(), article.updated_at)
    response = client.post(_url(article), {**data, "_continue": "1"}, follow=True)
    assert response.redirect_chain[-1][0].endswith(_url(article))
    assert "No changes to save." in response.content.decode()
    article.refresh_from_db()
    assert (_versions(article), _edit_version(article), LogEntry.objects.count(), article.updated_at) == before


def test_unchanged_save_of_a_published_article_shows_no_draft_edits(client, editor, article):
    """What readers see and what is saved stay equal: no "Draft edits" warning after an unchanged save."""
    make_publication(article)
    client.force_login(editor)
    page = client.get(_url(article))
    assert 'id="unpublished-edits"' not in page.content.decode()
    response = client.post(_url(article), {**_as_browser_sends(changeform_data(page)), "_continue": "1"}, follow=True)
    assert "No changes to save." in response.content.decode()
    assert 'id="unpublished-edits"' not in response.content.decode()


def test_changing_one_word_makes_exactly_one_revision(client, editor, article, professional):
    """One changed word in one body: one new version, a new edit version, one history entry; the body is normalised."""
    client.force_login(editor)
    data = _as_browser_sends(changeform_data(client.get(_url(article))))
    key = _body_key(data, article, professional)
    data[key] = data[key].replace("Mostly", "Usually") + "   \r\n\r\n"
    versions, edit_version, logs = _versions(article), _edit_version(article), LogEntry.objects.count()
    response = client.post(_url(article), {**data, "_continue": "1"}, follow=True)
    assert "was changed successfully" in response.content.decode()
    assert _versions(article) == versions + 1
    assert _edit_version(article) == edit_version + 1
    assert LogEntry.objects.count() == logs + 1
    body = ArticleBody.objects.get(article=article, audience=professional).body
    assert body.startswith("## Causes\n\nUsually muscular")
    assert body.endswith("].\n")


def test_a_stale_form_is_still_a_conflict_when_nothing_changed(client, editor, article):
    """The edit-version check runs before the no-change check: an out-of-date form answers 409."""
    client.force_login(editor)
    data = changeform_data(client.get(_url(article)))
    ArticleControl.objects.filter(article=article).update(edit_version=5)
    response = client.post(_url(article), data)
    assert response.status_code == 409
    assert _versions(article) == 0


def test_references_follow_the_markers_in_the_bodies(client, editor, article, professional):
    """Adding a marker cites the reference; removing every marker drops it; the revision holds the derived list."""
    new = make_reference(key="briggs2009", title="Zoster and back pain")
    client.force_login(editor)
    data = changeform_data(client.get(_url(article)))
    key = _body_key(data, article, professional)
    original = data[key]
    data[key] = original + "\n\nShingles can start as back pain [@briggs2009]."
    client.post(_url(article), data)
    assert new.pk in set(article.citations.values_list("reference_id", flat=True))
    latest = Version.objects.get_for_object(Article.objects.get(pk=article.pk)).first()
    assert new.pk in ArticleContent.from_revision(latest.revision, article.pk).reference_ids

    data = changeform_data(client.get(_url(article)))
    data[_body_key(data, article, professional)] = original
    client.post(_url(article), data)
    assert new.pk not in set(article.citations.values_list("reference_id", flat=True))


def test_a_reference_is_derived_once_whatever_its_key(client, editor, article, professional, patient):
    """Cited by key in one body and by PMID in another, a reference is one citation."""
    reference = make_reference(key="chou2007", pmid="17909209")
    client.force_login(editor)
    data = changeform_data(client.get(_url(article)))
    data[_body_key(data, article, professional)] = "Guidelines agree [@chou2007]."
    data[_body_key(data, article, patient)] = "Doctors agree [@pmid:17909209]."
    client.post(_url(article), data)
    assert list(article.citations.values_list("reference_id", flat=True)) == [reference.pk]


def test_an_unknown_key_is_named_with_its_sentence(client, editor, article, professional):
    """Saving with a key the library lacks succeeds, and warns with the key, the body and the sentence."""
    client.force_login(editor)
    data = changeform_data(client.get(_url(article)))
    data[_body_key(data, article, professional)] = "Rest helps. Heat helps too [@nosuch2024]. Walk daily."
    response = client.post(_url(article), {**data, "_continue": "1"}, follow=True)
    html = response.content.decode()
    assert "was changed successfully" in html
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert any("[@nosuch2024]" in w and "Heat helps too [@nosuch2024]." in w for w in warnings), warnings
    section = html[html.index('id="article-references"') :]
    assert "[@nosuch2024]" in section
    assert "Heat helps too [@nosuch2024]." in section


def test_saving_unchanged_text_picks_up_a_reference_imported_since(client, editor, article, professional):
    """A key that now resolves (the reference was imported after the last save) is a change worth saving."""
    ArticleBody.objects.filter(article=article, audience=professional).update(body="Rest helps [@later2025].")
    client.force_login(editor)
    data = changeform_data(client.get(_url(article)))
    later = make_reference(key="later2025")
    versions = _versions(article)
    response = client.post(_url(article), {**data, "_continue": "1"}, follow=True)
    assert "was changed successfully" in response.content.decode()
    assert later.pk in set(article.citations.values_list("reference_id", flat=True))
    assert _versions(article) == versions + 1


def test_change_page_lists_the_derived_references(client, editor, article):
    """The References section numbers each cited reference and links it to the library; no inline to fill in."""
    client.force_login(editor)
    html = client.get(_url(article)).content.decode()
    assert "citations-TOTAL_FORMS" not in html
    section = html[html.index('id="article-references"') :]
    section = section[: section.index("</fieldset>")]
    for citation in article.citations.select_related("reference"):
        reference = citation.reference
        assert f'href="/admin/references/reference/{reference.pk}/change/">{reference.citation_key}</a>' in section
        assert reference.title in section
    assert re.search(r"<td>1</td>\s*<td>", section)
    assert "Research" in section  # the type, as readers see it


def test_no_internal_ids_in_labels(client, editor, article, professional, patient):
    """Bodies are named by audience, related questions by their question, users by name, never by ids."""
    editor.first_name, editor.last_name = "Eliza", "Editor"
    editor.save()
    other = make_article(question="Is neck pain serious?")
    RelatedQuestion.objects.create(article=article, related=other)
    client.force_login(editor)
    page = client.get(_url(article))
    data = changeform_data(page)
    data[_body_key(data, article, patient)] += " More rest."
    data["related_links-0-order"] = "3"
    client.post(_url(article), data)
    pages = [client.get(_url(article)).content.decode()]
    pages.append(client.get(f"/admin/articles/article/{article.pk}/history/").content.decode())
    internal = [
        f"{article.pk} / {professional.pk}",
        f"{article.pk} / {patient.pk}",
        f"{article.pk} -&gt; {other.pk}",
        f"{article.pk} -> {other.pk}",
    ]
    for html in pages:
        assert not [label for label in internal if label in html]
    assert "Healthcare professional version" in pages[0]  # the body inline's heading
    assert "Patient or caregiver version" in pages[0]
    assert "Patient or caregiver version" in pages[1]  # the history's change message
    assert "Is neck pain serious?" in pages[1]
    assert "Eliza Editor" in pages[1]


def test_reverting_to_an_older_version_is_saved_as_a_revision(client, editor, article, professional):
    """The form of a reverted version looks unchanged, yet posting it records the revert as a new revision."""
    client.force_login(editor)
    data = changeform_data(client.get(_url(article)))
    key = _body_key(data, article, professional)
    original = data[key]
    data[key] = original.replace("Mostly", "Usually")
    client.post(_url(article), data)
    data = changeform_data(client.get(_url(article)))
    data[key] = original.replace("Mostly", "Rarely")
    client.post(_url(article), data)
    first = Version.objects.get_for_object(Article.objects.get(pk=article.pk)).last()
    revert_url = f"/admin/articles/article/{article.pk}/history/{first.pk}/"
    response = client.post(revert_url, changeform_data(client.get(revert_url)))
    assert response.status_code == 302
    assert _versions(article) == 3
    assert ArticleBody.objects.get(article=article, audience=professional).body.startswith("## Causes\n\nUsually")


def test_delete_page_names_related_rows_in_words(client, chief, editor, article):
    """The chief editor's delete confirmation lists bodies and workflow flags by name, not by id."""
    client.force_login(chief)
    html = client.get(f"/admin/articles/article/{article.pk}/delete/").content.decode()
    assert "Are you sure" in html
    assert f"Article workflow flags: review lock, edit version and retirement of “{article.question}”" in html
    assert "Body: Healthcare professional version" in html
