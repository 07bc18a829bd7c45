"""The board's review as a managed process, in a real browser: submitted, routed to the right
physician, commented on, sent back, answered, re-reviewed since the change request, approved with
an attestation, and published with the reviewer and their declaration."""

import re

import pytest
import reversion
from django.core import mail
from playwright.sync_api import expect

from articles.models import ArticleBody
from reviews.models import BoardMember
from tests.browser.conftest import admin_login, desktop_page, login
from tests.factories import make_audience, make_board_member, make_cited_article, make_topic, make_user, route_topic

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSAGE = "Mostly muscular"


def _select_text(page, container: str, text: str) -> None:
    """Select ``text`` inside ``container`` as a mouse would, then release the mouse."""
    page.evaluate(
        """([selector, text]) => {
          const root = document.querySelector(selector);
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          let node;
          while ((node = walker.nextNode())) {
            const at = node.textContent.indexOf(text);
            if (at >= 0) {
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + text.length);
              const selection = window.getSelection();
              selection.removeAllRanges();
              selection.addRange(range);
              document.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
              return;
            }
          }
          throw new Error("text not found: " + text);
        }""",
        [container, text],
    )


def test_submission_to_publication_through_assignment_comments_and_attestation(browser, live_server, settings):
    """Submit, assigned mail, comment, change request, reply and resubmit, only-what-changed, attested approval, public page."""
    settings.TASKS = IMMEDIATE  # mail is sent by the server as soon as each action commits
    professional = make_audience(slug="professional", label="Healthcare professional", is_default=True)
    make_audience(slug="patient", label="Patient or caregiver", order=1)
    topic = make_topic(name="Heart and circulation")
    route_topic(topic, "Cardiology")
    editor = make_user(username="editor", groups=("Editors",), is_staff=True, first_name="Eliza", last_name="Editor")
    make_user(username="chief", groups=("Chief editors",), is_staff=True)
    cardiologist = make_board_member(
        username="reviewer1", display_name="Dr Henrik Lindqvist", credentials="MD, PhD", specialty="Cardiology"
    )
    internist = make_board_member(username="reviewer2", display_name="Dr Amara Okafor", credentials="MD")
    article = make_cited_article(author=editor, topic=topic, question="Is my chest pain from a muscle?")
    member = BoardMember.objects.get(user=cardiologist)

    editor_ctx, editor_page = desktop_page(browser, live_server)
    reviewer_ctx, reviewer_page = desktop_page(browser, live_server)

    # 1. The editor submits; routing assigns the cardiologist, who alone gets the mail.
    admin_login(editor_page, "editor")
    change_url = f"/admin/articles/article/{article.pk}/change/"
    editor_page.goto(change_url)
    editor_page.click("text=Submit for review")
    expect(editor_page.locator(".messagelist")).to_contain_text("Submitted for review")
    expect(editor_page.locator("#review-reviewers")).to_contain_text("Dr Henrik Lindqvist")
    assert [m.to for m in mail.outbox] == [[cardiologist.email]]
    assert "Specialty: Cardiology" in mail.outbox[0].body
    review_url = re.search(r"http://\S+(/review/\d+/)", mail.outbox[0].body).group(1)
    assert internist.email not in [m.to[0] for m in mail.outbox]

    # 2. The cardiologist finds it under "Assigned to me", starts, and comments on a passage.
    login(reviewer_page, "reviewer1")
    expect(reviewer_page.locator("#queue-assigned")).to_contain_text("Is my chest pain from a muscle?")
    reviewer_page.click("#queue-assigned >> text=Is my chest pain from a muscle?")
    expect(reviewer_page).to_have_url(re.compile(re.escape(review_url) + "$"))
    reviewer_page.click("text=Start review")
    _select_text(reviewer_page, '.reviewable[data-audience="professional"]', PASSAGE)
    reviewer_page.click("button.selection-comment")
    form = reviewer_page.locator("#comment-form-professional")
    expect(form.locator("textarea[name=quote]")).to_have_value(PASSAGE)
    expect(form.locator("textarea[name=body]")).to_be_focused()
    form.locator("textarea[name=body]").fill("Say how to tell muscle pain from angina.")
    form.locator("button[type=submit]").click()
    expect(reviewer_page.locator("#comments-professional")).to_contain_text("Say how to tell muscle pain from angina.")

    # 3. ... and requests changes; the editor's mail carries the comment.
    reviewer_page.fill("#id_comment", "See my comment on the professional version.")
    reviewer_page.click("button[value=request_changes]")
    expect(reviewer_page.locator("#request-state")).to_have_text("Changes requested")
    assert any(m.to == [editor.email] and "Say how to tell muscle pain from angina." in m.body for m in mail.outbox)

    # 4. The editor answers the comment beside the draft, revises the text and resubmits.
    editor_page.goto(change_url)
    panel = editor_page.locator("#board-comments")
    expect(panel).to_contain_text("Say how to tell muscle pain from angina.")
    panel.locator("textarea[name=reply]").fill("Added a paragraph on angina.")
    panel.locator("text=Resolve with this reply").click()
    expect(editor_page.locator("#board-comments")).to_contain_text("Added a paragraph on angina.")
    body = ArticleBody.objects.get(article=article, audience=professional)
    with reversion.create_revision():  # the editor's save (the admin's editor is tested elsewhere)
        reversion.set_user(editor)
        body.body += "\n\nPain on exertion that eases with rest suggests angina."
        body.save()
    mail.outbox.clear()
    editor_page.goto(change_url)
    editor_page.click("text=Resubmit for review")
    expect(editor_page.locator(".messagelist")).to_contain_text("Resubmitted for review")
    assert [m.to for m in mail.outbox] == [[cardiologist.email]]
    assert "Returned to the reviewer who requested changes" in mail.outbox[0].body

    # 5. The same reviewer sees only what changed since their request.
    reviewer_page.goto(review_url)
    expect(reviewer_page.locator('#changes a[aria-current="page"]').first).to_have_text("Since my change request")
    changes = reviewer_page.locator("#changes .diff-inline").first
    expect(changes.locator("p.diff-added ins")).to_have_text("Pain on exertion that eases with rest suggests angina.")
    expect(changes.locator("ins")).to_have_count(1)  # the untouched passage is not marked
    reviewer_page.click("text=Side by side")
    expect(reviewer_page.locator("#changes .diff-row.is-changed .diff-after").first).to_contain_text("angina")
    expect(reviewer_page.locator("#comments-professional")).to_contain_text("Added a paragraph on angina.")

    # 6. Approving asks for the attestation first; without it nothing is approved.
    reviewer_page.click("text=Start review")
    reviewer_page.click("button[value=approve]")
    expect(reviewer_page.locator("h1")).to_have_text("Confirm your approval")
    reviewer_page.click("text=Confirm and approve")
    expect(reviewer_page.locator("[role=alert]").first).to_be_visible()
    for checkbox in reviewer_page.locator("input[name=items]").all():
        checkbox.check()
    reviewer_page.check("#conflict-declare")
    reviewer_page.fill("#id_declaration", "Speaker fees from a maker of anti-anginal drugs (2024).")
    reviewer_page.click("text=Confirm and approve")
    expect(reviewer_page.locator("#request-state")).to_have_text("Approved")

    # 7. Readers see the answer, who reviewed it (linked to the board page) and the declaration.
    reader_ctx, reader = desktop_page(browser, live_server)
    reader.goto(f"/questions/{article.slug}/")
    reviewed_by = reader.locator(".reviewed-by")
    expect(reviewed_by).to_contain_text("Dr Henrik Lindqvist, MD, PhD (Cardiology)")
    expect(reviewed_by).to_contain_text("Speaker fees from a maker of anti-anginal drugs (2024).")
    expect(reader.locator("#article-body")).to_contain_text("suggests angina")
    expect(reader.locator("body")).not_to_contain_text("Say how to tell muscle pain from angina.")
    reviewed_by.locator("a", has_text="Dr Henrik Lindqvist").click()
    expect(reader).to_have_url(re.compile(rf"/advisory-board/#member-{member.pk}$"))
    expect(reader.locator(f"#member-{member.pk}")).to_contain_text("Cardiology")

    for context in (editor_ctx, reviewer_ctx, reader_ctx):
        context.close()
