"""The public pages work under their strict Content-Security-Policy: nothing is refused, scripts still help."""

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def publication(db):
    factories.make_audience(slug="professional", label="Healthcare professional", is_default=True)
    topic = factories.make_topic(name="Back and neck pain")
    ref = factories.make_reference(key="chou2007")
    body = "## Causes\n\n| Cause | Clue |\n|:--|--:|\n| Strain | Tender muscle |\n\nMostly muscular [@chou2007]."
    article = factories.make_article(
        question="Why does my upper back hurt?", topic=topic, bodies={"professional": body}, references=[ref]
    )
    return factories.make_publication(article)


def test_article_page_loads_without_csp_violations(page, publication):
    """Styles, the script and the table alignment all work with no inline script or style allowed."""
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    response = page.goto(publication.get_absolute_url())
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("h1")).to_have_text("Why does my upper back hurt?")
    assert page.eval_on_selector("td.align-right", "el => getComputedStyle(el).textAlign") == "right"
    assert page.eval_on_selector(".skip-link", "el => getComputedStyle(el).position") == "absolute"  # CSS loaded
    page.fill("#follow-up-question", "upper back pain")
    expect(page.locator("#follow-up .suggestions a")).to_have_text("Why does my upper back hurt?")
    assert refused == []


def test_injected_inline_script_is_refused(page, publication):
    """Should any markup ever slip through, the browser refuses inline script on our pages."""
    page.goto(publication.get_absolute_url())
    page.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = true';
        document.body.appendChild(s); }"""
    )
    assert page.evaluate("() => window.__pwned === true") is False
