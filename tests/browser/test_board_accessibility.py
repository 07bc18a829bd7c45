"""The board's pages meet WCAG 2.2 AA (axe-core), the dashboard does not scroll sideways on a 320px
phone, and both work from the keyboard (citation popovers included)."""

import pytest

from articles.models import ArticleBody
from reviews.models import ReviewRequest
from reviews.services import passage_comment_add, review_decide, review_resubmit, review_start, review_submit
from tests import factories
from tests.browser.conftest import login
from tests.browser.test_accessibility import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.bypass_csp]


@pytest.fixture
def board(db):
    """Three requests for reviewer1: one resubmitted after their change request (with a comment),
    one submitted, one under review by someone else; a chief editor who can read the report."""
    professional = factories.make_audience(slug="professional", label="Healthcare professional", is_default=True)
    factories.make_audience(slug="patient", label="Patient or caregiver", order=1)
    editor = factories.make_user(username="editor", groups=("Editors",), is_staff=True)
    factories.make_user(username="chief", groups=("Chief editors",), is_staff=True)
    topic = factories.make_topic(name="Back and neck pain")
    factories.route_topic(topic, "Internal medicine")
    reviewer = factories.make_board_member(username="reviewer1", display_name="Dr Amara Okafor", credentials="MD")
    article = factories.make_cited_article(author=editor, topic=topic, question="When does back pain need a scan?")
    request = review_submit(article=article, actor=editor)
    review_start(review_request=request, actor=reviewer)
    passage_comment_add(
        review_request=request,
        author=reviewer,
        audience=professional,
        revision_id=request.revision_id,
        body="Which muscles?",
        quote="Mostly muscular",
    )
    review_decide(review_request=request, reviewer=reviewer, outcome="request_changes", comment="See comment.")
    from reviews.services import passage_comment_resolve

    passage_comment_resolve(comment=request.comments.get(), reply="Named them.", actor=editor)
    body = ArticleBody.objects.get(article=article, audience=professional)
    ArticleBody.objects.filter(pk=body.pk).update(body=body.body + "\n\n::: red-flags\n- Fever.\n:::")
    review_resubmit(review_request=request, actor=editor)
    review_start(review_request=request, actor=reviewer)
    for n in range(2):
        review_submit(
            article=factories.make_cited_article(
                author=editor,
                topic=topic,
                question=f"A long question number {n} about a pain that keeps coming back at night?",
            ),
            actor=editor,
        )
    other = factories.make_board_member(username="reviewer2", display_name="Dr Henrik Lindqvist")
    review_submit(article=factories.make_cited_article(author=editor, topic=factories.make_topic()), actor=editor)
    return {"request": ReviewRequest.objects.get(pk=request.pk), "other": other}


PAGES = {
    "dashboard": lambda b: "/review/",
    "review-mine-inline": lambda b: f"/review/{b['request'].pk}/",
    "review-side-by-side": lambda b: f"/review/{b['request'].pk}/?compare=mine&view=side",
    "review-since-approved": lambda b: f"/review/{b['request'].pk}/?compare=approved",
    "approve-confirmation": lambda b: f"/review/{b['request'].pk}/approve/",
    "section-comment": lambda b: f"/review/{b['request'].pk}/comments/new/?audience=professional&section=1",
    "disclosure": lambda b: "/review/disclosure/",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_board_page_has_no_wcag_violations(page, axe_source, board, name):
    """axe-core reports nothing on each of the board's pages."""
    login(page, "reviewer1")
    page.wait_for_url("**/review/")
    response = page.goto(PAGES[name](board))
    assert response.status == 200
    assert_accessible(page, axe_source)


def test_confirmation_with_errors_has_no_wcag_violations(page, axe_source, board):
    """The attestation step re-shown with its errors is accessible too."""
    login(page, "reviewer1")
    page.wait_for_url("**/review/")
    page.goto(PAGES["approve-confirmation"](board))
    page.click("text=Confirm and approve")
    page.wait_for_selector("[role=alert]")
    assert_accessible(page, axe_source)


def test_report_has_no_wcag_violations(page, axe_source, board):
    """The chief editor's report page is accessible."""
    login(page, "chief")
    page.goto("/review/reports/")
    assert_accessible(page, axe_source)


@pytest.mark.parametrize("path", ["/review/", "review"])
def test_no_sideways_scrolling_at_320px(browser, live_server, axe_source, board, path):
    """On a 320-pixel-wide phone the dashboard and the review page reflow (WCAG 1.4.10) and stay accessible."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640}, bypass_csp=True)
    tab = context.new_page()
    try:
        login(tab, "reviewer1")
        tab.wait_for_url("**/review/")
        tab.goto("/review/" if path == "/review/" else f"/review/{board['request'].pk}/?view=side")
        assert_accessible(tab, axe_source)
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px wide"
    finally:
        context.close()


def test_the_dashboard_and_citations_work_from_the_keyboard(page, board):
    """Tab and Enter open the assigned request; focus on a citation number shows its reference, Escape hides it."""
    login(page, "reviewer1")
    page.wait_for_url("**/review/")
    target = board["request"].article.question
    for _press in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == target:
            break
    else:
        pytest.fail("Tab never reached the assigned request")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/review/{board['request'].pk}/")
    link = page.locator('.reviewable[data-audience="professional"] a.citation-link').first
    link.focus()
    popover = page.locator(".citation-popover[role=tooltip]")
    assert popover.is_visible()
    assert "Smith JA" in popover.inner_text()
    assert link.get_attribute("aria-describedby") == popover.get_attribute("id")
    page.keyboard.press("Escape")
    assert page.locator(".citation-popover").count() == 0


def test_opened_references_leave_the_not_opened_list(page, board):
    """Following a reference's source link takes it off "References you have not opened yet"."""
    reference = board["request"].article.citations.order_by("id").first().reference
    reference.doi = "10.1000/abc"
    reference.save()
    login(page, "reviewer1")
    page.wait_for_url("**/review/")
    page.goto(f"/review/{board['request'].pk}/")
    count = int(page.inner_text("#unopened-count"))
    page.context.route("https://doi.org/**", lambda route: route.fulfill(status=200, body="ok"))
    with page.context.expect_page() as opened:
        page.locator(f'a[data-ref-link="{reference.citation_key}"]').first.click()
    opened.value.close()
    assert int(page.inner_text("#unopened-count")) == count - 1
    assert page.locator(f'.unopened-list li[data-ref-key="{reference.citation_key}"]').is_hidden()
    page.reload()
    assert int(page.inner_text("#unopened-count")) == count - 1  # remembered on this device
