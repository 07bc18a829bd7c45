"""The article editor in a real browser: clean saves of demo content, writing with the toolbar and the Cite picker."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import expect
from reversion.models import Version

from articles.models import Article, ArticleBody
from tests.browser.conftest import admin_login
from tests.factories import make_audience, make_reference, make_topic, make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AXE_RUN = """async (selector) => {
  const result = await axe.run({include: [selector]}, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}"""


def _versions(article: Article) -> int:
    return Version.objects.get_for_object(Article.objects.get(pk=article.pk)).count()


def _editor(page, textarea_id: str):
    """The CodeMirror editing area that stands in for the textarea ``textarea_id``."""
    return page.locator(f".form-row:has(#{textarea_id}) .cm-content")


@pytest.mark.parametrize("javascript", [True, False], ids=["editor", "plain-textarea"])
def test_saving_an_untouched_demo_article_changes_nothing(browser, live_server, javascript):
    """Open a demo article, press Save: no revision, no "Draft edits", no history entry; one changed word makes one."""
    call_command("load_demo", verbosity=0)
    editor = User.objects.get(username="editor")
    editor.set_password("pw")
    editor.save()
    article = Article.objects.get(slug="low-back-pain-imaging")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    context.set_default_timeout(15_000)
    page = context.new_page()
    admin_login(page, "editor")
    change_url = f"/admin/articles/article/{article.pk}/change/"
    history_url = f"/admin/articles/article/{article.pk}/history/"
    page.goto(history_url)
    history_rows = page.locator("#change-history tbody tr").count()
    versions = _versions(article)

    page.goto(change_url)
    expect(page.locator("#unpublished-edits")).to_have_count(0)
    if javascript:
        expect(page.locator(".cm-content").first).to_be_visible()
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("No changes to save.")
    expect(page.locator("#unpublished-edits")).to_have_count(0)
    assert _versions(article) == versions
    page.goto(history_url)
    expect(page.locator("#change-history tbody tr")).to_have_count(history_rows)

    page.goto(change_url)
    body = ArticleBody.objects.filter(article=article).order_by("audience__order").first()
    if javascript:
        area = _editor(page, "id_bodies-0-body")
        area.click()
        page.keyboard.press("Control+End")
        page.keyboard.type(" Ask your doctor.")
    else:
        page.fill("#id_bodies-0-body", page.input_value("#id_bodies-0-body") + " Ask your doctor.")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator("#unpublished-edits")).to_have_count(1)
    assert _versions(article) == versions + 1
    body.refresh_from_db()
    assert body.body.endswith("Ask your doctor.\n")
    assert "\r" not in body.body
    page.goto(history_url)
    expect(page.locator("#change-history tbody tr")).to_have_count(history_rows + 1)
    expect(page.locator("#change-history")).to_contain_text("Eliza Editor")
    context.close()


def test_writing_with_the_toolbar_cite_picker_and_live_preview(page, live_server, axe_source):
    """Type, format with the toolbar, cite with the picker, watch the preview render the citation, save."""
    make_audience(slug="professional", label="Healthcare professional", is_default=True)
    make_topic(name="Back and neck pain")
    make_reference(key="chou2007", title="Diagnosis and treatment of low back pain", authors="Chou, Roger")
    make_reference(key="other2019", title="Knee pain in runners")
    make_user(username="editor", groups=("Editors",), is_staff=True)
    admin_login(page, "editor")
    page.goto("/admin/articles/article/add/")
    page.fill("#id_question", "Does low back pain need a scan?")
    page.press("#id_question", "Tab")
    page.select_option("#id_topic", label="Back and neck pain")
    page.fill("#id_summary", "Usually not: most back pain settles without tests.")
    page.select_option("#id_bodies-0-audience", label="Healthcare professional")

    area = _editor(page, "id_bodies-0-body")
    area.click()
    page.get_by_role("button", name="Heading", exact=True).click()
    page.keyboard.type("When to scan")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Imaging rarely helps in the first six weeks")

    # The Cite picker: search by author, choose with the keyboard, the key lands at the cursor.
    page.get_by_role("button", name="Cite", exact=True).click()
    dialog = page.get_by_role("dialog", name="Cite a reference")
    expect(dialog).to_be_visible()
    page.keyboard.type("chou")
    expect(dialog.locator(".md-picker-choice")).to_have_count(1)
    page.add_script_tag(content=axe_source)
    assert page.evaluate(AXE_RUN, ".md-picker") == []
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    page.keyboard.type(".")
    textarea = page.locator("#id_bodies-0-body")
    assert textarea.input_value() == "## When to scan\n\nImaging rarely helps in the first six weeks [@chou2007]."

    # The live preview renders the citation as the site does, with its reference.
    preview = page.locator(".md-preview-body")
    expect(preview.locator("h2")).to_have_text("When to scan")
    expect(preview.locator("sup.citation a")).to_have_text("1")
    expect(preview.locator("sup.citation a")).to_have_attribute("href", "#id_bodies-0-body-ref-1")  # its own list
    expect(page.locator(".md-preview-references li")).to_contain_text("Diagnosis and treatment of low back pain")
    expect(page.locator("#bodies-0 .field-readability")).to_contain_text("Flesch-Kincaid grade")

    # A callout from the toolbar wraps the current line.
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Scan at once for red flags.")
    page.keyboard.press("Shift+Home")
    page.get_by_role("button", name="Red flags", exact=True).click()
    assert "::: red-flags\nScan at once for red flags.\n:::" in textarea.input_value()
    assert page.evaluate(AXE_RUN, ".md-editor") == []

    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    references = page.locator("#article-references")
    expect(references).to_contain_text("chou2007")
    expect(references).to_contain_text("Diagnosis and treatment of low back pain")
    expect(references).not_to_contain_text("other2019")
    article = Article.objects.get(slug="does-low-back-pain-need-a-scan")
    assert list(article.citations.values_list("reference__citation_key", flat=True)) == ["chou2007"]


def test_the_toolbar_and_picker_work_from_the_keyboard(page, live_server):
    """One tab stop for the toolbar, arrow keys inside it; Escape closes the picker and returns to the text."""
    make_audience(slug="professional", label="Healthcare professional", is_default=True)
    make_reference(key="chou2007", title="Diagnosis and treatment of low back pain")
    make_user(username="editor", groups=("Editors",), is_staff=True)
    admin_login(page, "editor")
    page.goto("/admin/articles/article/add/")
    toolbar = page.get_by_role("toolbar", name="Formatting")
    expect(toolbar).to_be_visible()
    assert toolbar.locator("button[tabindex='0']").count() == 1
    toolbar.get_by_role("button", name="Heading", exact=True).focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent") == "Subheading"
    page.keyboard.press("End")  # Preview, then back past Figure to Cite
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.textContent") == "Cite"
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Cite a reference")
    expect(dialog).to_be_visible()
    expect(page.get_by_label("Search the library by title, author, key, DOI or PMID")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.classList.contains('cm-content')")
    assert re.fullmatch(r"\s*", page.input_value("#id_bodies-0-body"))  # nothing was inserted
