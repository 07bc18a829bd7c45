"""The whole authoring journey in a real browser: write with the toolbar, cite with the picker,
preview as a patient and as a professional, schedule, submit."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from reviews.models import ReviewRequest
from tests.factories import make_audience, make_reference, make_topic, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _editor_area(page, textarea_id: str):
    return page.locator(f".form-row:has(#{textarea_id}) .cm-content")


def test_write_cite_preview_schedule_submit(page, live_server):
    """An editor writes a two-audience answer with the toolbar and the picker, previews both
    versions as readers will see them, sets a publication window and submits it."""
    make_audience(slug="professional", label="Healthcare professional", is_default=True)
    make_audience(slug="patient", label="Patient or caregiver", order=1)
    make_topic(name="Back and neck pain")
    make_reference(key="chou2007", title="Diagnosis and treatment of low back pain", authors="Chou, Roger")
    make_user(username="editor", groups=("Editors",), is_staff=True)

    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    page.goto("/admin/articles/article/add/")
    page.fill("#id_question", "Does low back pain need a scan?")
    page.press("#id_question", "Tab")
    page.select_option("#id_topic", label="Back and neck pain")
    page.fill("#id_summary", "Usually not: most back pain settles without tests.")

    # The professional body: a heading from the toolbar, a sentence, a citation from the picker.
    page.select_option("#id_bodies-0-audience", label="Healthcare professional")
    _editor_area(page, "id_bodies-0-body").click()
    page.get_by_role("button", name="Heading", exact=True).first.click()
    page.keyboard.type("When to scan")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Imaging rarely changes care in the first six weeks")
    page.get_by_role("button", name="Cite", exact=True).first.click()
    dialog = page.get_by_role("dialog", name="Cite a reference")
    page.keyboard.type("chou")
    expect(dialog.locator(".md-picker-choice")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.keyboard.type(".")

    # The patient body, in a second inline form the editor adds.
    page.get_by_role("button", name="Add another body").click()
    page.select_option("#id_bodies-1-audience", label="Patient or caregiver")
    _editor_area(page, "id_bodies-1-body").click()
    page.keyboard.type("Most back pain gets better on its own. A scan rarely helps [@chou2007].")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get(slug="does-low-back-pain-need-a-scan")

    # Preview each version as readers will see it: the public template, marked as not public.
    for label, text in (
        ("Patient or caregiver", "Most back pain gets better on its own."),
        ("Healthcare professional", "Imaging rarely changes care in the first six weeks"),
    ):
        with page.expect_popup() as popup:
            page.locator(".preview-panel").get_by_role("link", name=label).click()
        preview = popup.value
        expect(preview.locator(".preview-bar")).to_contain_text("Preview, not public.")
        expect(preview.locator("#article-body")).to_contain_text(text)
        expect(preview.locator("#ref-1")).to_contain_text("Diagnosis and treatment of low back pain")
        preview.close()

    # Schedule the publication window and submit.
    publish_at = (timezone.localtime() + timedelta(days=3)).replace(second=0, microsecond=0)
    unpublish_at = publish_at + timedelta(days=365)
    page.fill("#workflow-publish-at", publish_at.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#workflow-unpublish-at", unpublish_at.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("Submitted for review")
    review_request = ReviewRequest.objects.get(article=article)
    assert review_request.state == ReviewRequest.State.SUBMITTED
    assert review_request.publish_at == publish_at
    assert review_request.unpublish_at == unpublish_at
    assert set(article.citations.values_list("reference__citation_key", flat=True)) == {"chou2007"}
    assert sorted(article.bodies.values_list("audience__slug", flat=True)) == ["patient", "professional"]
