"""Readers' journeys in Chromium: by keyboard with a visible focus, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import ReaderQuestion
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

PRO_BODY = "Imaging rarely changes the treatment of acute low back pain."
PATIENT_BODY = "Most people with a sore lower back do not need a scan."

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    name: el.getAttribute("name"),
    value: el.value || "",
    text: (el.textContent || "").trim().slice(0, 40),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    boxShadow: style.boxShadow,
  };
}"""


@pytest.fixture
def article(db):
    factories.make_audience(slug="professional", label="Healthcare professional", is_default=True)
    factories.make_audience(slug="patient", label="Patient or caregiver", order=1)
    topic = factories.make_topic(name="Back and neck pain")
    factories.make_publication(
        factories.make_article(
            question="Is a stiff neck after sleeping serious?", topic=topic, bodies={"professional": "Usually not."}
        )
    )
    return factories.make_publication(
        factories.make_article(
            question="When does low back pain need a scan?",
            topic=topic,
            bodies={"professional": PRO_BODY, "patient": PATIENT_BODY},
        )
    )


def has_visible_focus(style: dict) -> bool:
    outlined = style["outlineStyle"] not in ("none", "") and style["outlineWidth"] >= 2
    return outlined or style["boxShadow"] not in ("none", "")


def tab_until(page, predicate, *, limit: int = 50) -> list[dict]:
    """Press Tab until ``predicate(focused)``; return every element focused on the way (each checked for focus style)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        seen.append(focused)
        if predicate(focused):
            return seen
    raise AssertionError(f"never reached the target by Tab; focused: {[(s['tag'], s['id'], s['text']) for s in seen]}")


def assert_focus_visible(seen: list[dict]) -> None:
    hidden = [(s["tag"], s["id"] or s["name"] or s["text"]) for s in seen if not has_visible_focus(s)]
    assert not hidden, f"focused without a visible outline: {hidden}"


def test_keyboard_reader_chooses_an_audience_on_an_article(page, article):
    """Tab to "Personalize", open it, pick "Patient or caregiver" with the arrow keys (which only move the
    choice), submit with Enter: the patient body shows."""
    page.goto(article.get_absolute_url())
    expect(page.locator("#article-body")).to_contain_text(PRO_BODY)
    seen = tab_until(page, lambda f: f["tag"] == "summary")
    assert seen[0]["text"] == "Skip to content"
    page.keyboard.press("Enter")
    seen += tab_until(page, lambda f: f["name"] == "audience", limit=3)
    assert seen[-1]["value"] == "professional"  # the radio group is entered at the checked option
    page.keyboard.press("ArrowDown")
    seen.append(page.evaluate(FOCUS_STYLE))
    assert seen[-1]["value"] == "patient"
    expect(page.locator("#article-audience-patient")).to_be_checked()
    seen += tab_until(page, lambda f: f["tag"] == "button", limit=3)
    assert seen[-1]["text"] == "Show answers for me"
    assert_focus_visible(seen)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(article.get_absolute_url()) + "$"))
    expect(page.locator("#article-body")).to_contain_text(PATIENT_BODY)
    expect(page.locator("#article-body")).not_to_contain_text(PRO_BODY)
    expect(page.locator("#disclaimer")).to_contain_text("Disclaimer text for the patient audience.")
    expect(page.locator("#article-audience-patient")).to_be_checked()


def test_keyboard_reader_uses_the_header_chooser_and_search(page, article):
    """On the home page the header chooser and the header search work by keyboard, focus always visible."""
    page.goto("/")
    seen = tab_until(page, lambda f: f["id"] == "header-q")
    page.keyboard.type("back pain")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=back\+pain"))
    expect(page.locator(".search-results mark").first).to_be_visible()
    seen += tab_until(page, lambda f: f["name"] == "audience")
    page.keyboard.press("ArrowRight")
    seen += tab_until(page, lambda f: f["tag"] == "button", limit=3)
    assert_focus_visible(seen)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=back\+pain$"))
    expect(page.locator("#header-audience-patient")).to_be_checked()
    page.goto(article.get_absolute_url())
    expect(page.locator("#article-body")).to_contain_text(PATIENT_BODY)


def test_follow_up_question_with_suggestions_while_typing(page, article):
    """Typing a follow-up question offers matching answers; sending it stores it, linked, then thanks the reader."""
    page.goto(article.get_absolute_url())
    field = page.locator("#follow-up-question")
    field.click()
    field.press_sequentially("Does a stiff neck need a scan?", delay=10)
    suggestions = page.locator("#follow-up .suggestions")
    expect(suggestions).to_contain_text("These answers may already help:")
    expect(suggestions.get_by_role("link", name="Is a stiff neck after sleeping serious?")).to_be_visible()
    page.keyboard.press("Tab")  # from the textarea: the honeypot is skipped
    focused = page.evaluate(FOCUS_STYLE)
    assert focused["name"] != "website"
    page.locator("#follow-up button[type=submit]").press("Enter")
    page.wait_for_url("**/ask/thanks/")
    expect(page.locator("h1")).to_have_text("Thank you for your question")
    stored = ReaderQuestion.objects.get()
    assert stored.question == "Does a stiff neck need a scan?"
    assert stored.article_id == article.article_id


def test_keyboard_reader_sees_errors_on_the_ask_page(page, article):
    """An empty question sent from /ask/ by keyboard comes back with the error tied to the field."""
    page.goto("/ask/")
    tab_until(page, lambda f: f["id"] == "id_question")
    seen = tab_until(page, lambda f: f["tag"] == "button", limit=4)
    assert_focus_visible(seen)
    page.keyboard.press("Enter")
    expect(page.locator("#ask-error")).to_have_text("Please type your question.")
    expect(page.locator("#id_question")).to_have_attribute("aria-invalid", "true")
    assert not ReaderQuestion.objects.exists()


def test_everything_works_without_javascript(browser, live_server, article):
    """With JavaScript off, the chooser and the question form still work."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(article.get_absolute_url())
        tab.click("#audience-chooser summary")
        tab.check("#article-audience-patient")
        tab.click("#audience-chooser button[type=submit]")
        expect(tab.locator("#article-body")).to_contain_text(PATIENT_BODY)
        tab.fill("#follow-up-question", "Can I go to work with low back pain?")
        tab.click("#follow-up button[type=submit]")
        expect(tab.locator("h1")).to_have_text("Thank you for your question")
        assert ReaderQuestion.objects.filter(question="Can I go to work with low back pain?").exists()
    finally:
        context.close()


TABLE_BODY = """Mostly muscular.

| Medication | Usual adult dose | Contraindications |
| --- | --- | --- |
| Paracetamol | 500 mg to 1 g every four to six hours | Hepatotoxicity, hypersensitivity |
| Ibuprofen | 200 to 400 mg every six to eight hours | Gastrointestinal haemorrhage, thrombocytopenia |
"""


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_on_a_phone_the_answer_starts_within_the_first_screen(phone, db):
    """At 390x844 #article-body starts on the first screen under a realistic header (long question,
    badge, tracker, dates, reviewer, policy link, the Personalize control)."""
    factories.make_audience(slug="professional", label="Healthcare professional", is_default=True)
    factories.make_audience(slug="patient", label="Patient or caregiver", order=1)
    publication = factories.make_publication(
        factories.make_article(
            question="What are the causes and treatments of left upper back pain near the shoulder blade?",
            bodies={"professional": PRO_BODY, "patient": PATIENT_BODY},
        )
    )
    phone.goto(publication.get_absolute_url())
    top = phone.evaluate("document.querySelector('#article-body').getBoundingClientRect().top")
    assert 0 < top < 844 - 120, f"the answer starts at {top}px"
    expect(phone.locator("#article-body .summary")).to_be_in_viewport()
    expect(phone.locator("#audience-chooser summary")).to_contain_text("Personalize")
    expect(phone.locator("#audience-chooser")).to_have_class(re.compile(r"\bis-new\b"))  # the first-visit prompt


def test_picking_a_version_with_the_pointer_shows_it_at_once(phone, article):
    """With JavaScript, clicking a radio shows that version without pressing the button; the prompt is then quiet."""
    phone.goto(article.get_absolute_url())
    phone.click("#audience-chooser summary")
    phone.click("label[for=article-audience-patient]")
    expect(phone.locator("#article-body")).to_contain_text(PATIENT_BODY)
    expect(phone.locator("#article-audience-patient")).to_be_checked()
    expect(phone.locator("#audience-chooser")).not_to_have_class(re.compile(r"\bis-new\b"))


def test_a_wide_table_scrolls_instead_of_breaking_words(phone, db):
    """On a phone a table's cells keep whole words; the table scrolls sideways in its box."""
    factories.make_audience(slug="professional", label="Healthcare professional", is_default=True)
    publication = factories.make_publication(factories.make_article(bodies={"professional": TABLE_BODY}))
    phone.goto(publication.get_absolute_url())
    box = phone.locator("#article-body .table-scroll")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    cell = phone.locator("#article-body td", has_text="thrombocytopenia")
    word_fits = cell.evaluate(
        """td => { const r = document.createRange(); const text = td.firstChild;
        const i = text.data.indexOf("thrombocytopenia"); r.setStart(text, i); r.setEnd(text, i + 16);
        return r.getClientRects().length === 1; }"""
    )
    assert word_fits, "a word was broken across lines"
