"""The whole editorial journey in a real browser: write, submit, request changes, revise, approve, read."""

import re

import pytest
from playwright.sync_api import expect

from references.models import Reference
from tests.browser.conftest import admin_login, desktop_page, login
from tests.factories import make_audience, make_board_member, make_reference, make_topic, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _write_body(page, textarea_id: str, text: str) -> None:
    """Replace a body's text in the Markdown editor that stands in for its textarea."""
    page.locator(f".form-row:has(#{textarea_id}) .cm-content").fill(text)


def test_editor_to_reader(browser, live_server):
    make_audience(slug="professional", label="Healthcare professional", is_default=True)
    make_audience(slug="patient", label="Patient or caregiver", order=1)
    make_topic(name="Back and neck pain")
    make_reference(
        key="chou2007",
        title="Diagnosis and treatment of low back pain",
        type=Reference.Type.PRACTICE_GUIDELINE,
        year=2007,
    )
    make_user(username="editor", groups=("Editors",), is_staff=True, first_name="Eliza", last_name="Editor")
    make_board_member(username="reviewer1", display_name="Dr Amara Okafor", credentials="MD, FACP")

    editor_ctx, editor = desktop_page(browser, live_server)
    reviewer_ctx, reviewer = desktop_page(browser, live_server)

    # The editor writes a new article in the admin and submits it.
    admin_login(editor, "editor")
    editor.goto("/admin/articles/article/add/")
    editor.fill("#id_question", "Why does the skin between my shoulder blades tingle?")
    editor.press("#id_question", "Tab")
    slug = editor.input_value("#id_slug")  # filled in from the question by the admin's script
    assert slug.startswith("why-does-the-skin")
    editor.select_option("#id_topic", label="Back and neck pain")
    editor.fill("#id_summary", "Usually a nerve or muscle problem; rarely something urgent.")
    editor.select_option("#id_bodies-0-audience", label="Healthcare professional")
    _write_body(editor, "id_bodies-0-body", "## Causes\n\nNotalgia paresthetica is common [@chou2007].")
    editor.click("input[name=_continue]")
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")
    expect(editor.locator("#article-references")).to_contain_text("chou2007")  # derived from the text
    editor.click("text=Submit for review")
    expect(editor.locator(".messagelist")).to_contain_text("Submitted for review")

    # reviewer1 starts the review and requests changes.
    login(reviewer, "reviewer1")
    expect(reviewer).to_have_url(re.compile(r"/review/$"))
    reviewer.click("#queue-assigned >> text=Why does the skin between my shoulder blades tingle?")
    reviewer.click("text=Start review")
    reviewer.fill("#id_comment", "Please add when to seek urgent care.")
    reviewer.click("button[value=request_changes]")
    expect(reviewer.locator("#request-state")).to_have_text("Changes requested")

    # The editor sees the comment, revises and resubmits.
    editor.reload()
    expect(editor.locator(".workflow-panel")).to_contain_text("Please add when to seek urgent care.")
    _write_body(
        editor,
        "id_bodies-0-body",
        "## Causes\n\nNotalgia paresthetica is common [@chou2007].\n\n## When to seek care\n\nSeek urgent care for weakness.",
    )
    editor.click("input[name=_continue]")
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    editor.click("text=Resubmit for review")
    expect(editor.locator(".messagelist")).to_contain_text("Resubmitted for review")

    # reviewer1 reviews the new revision (the diff shows the addition) and approves.
    reviewer.goto("/review/")
    reviewer.click("#queue-assigned >> text=Why does the skin between my shoulder blades tingle?")
    reviewer.click("text=Start review")
    expect(reviewer.locator(".diff ins").first).to_be_visible()
    reviewer.click("button[value=approve]")
    for checkbox in reviewer.locator("input[name=items]").all():
        checkbox.check()
    reviewer.check("#conflict-none")
    reviewer.click("text=Confirm and approve")
    expect(reviewer.locator("#request-state")).to_have_text("Approved")

    # Readers see the approved article with the reviewer's name and credentials.
    reader_ctx, reader = desktop_page(browser, live_server)
    reader.goto(f"/questions/{slug}/")
    expect(reader.locator("h1")).to_have_text("Why does the skin between my shoulder blades tingle?")
    expect(reader.locator("#review-status [aria-current=step]")).to_contain_text("Approved")
    expect(reader.locator(".reviewed-by")).to_contain_text("Dr Amara Okafor, MD, FACP")
    expect(reader.locator("#article-body")).to_contain_text("Seek urgent care for weakness.")
    expect(reader.locator("#ref-1")).to_contain_text("Diagnosis and treatment of low back pain")

    # The editor cannot reach the board's dashboard.
    login(editor, "editor")
    response = editor.goto("/review/")
    assert response.status == 403

    for context in (editor_ctx, reviewer_ctx, reader_ctx):
        context.close()
