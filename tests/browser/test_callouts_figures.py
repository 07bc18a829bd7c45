"""Callouts and figures in a real browser: accessible (axe-core), and the figure loads under the strict CSP."""

import pytest

from articles.models import Publication
from tests import factories
from tests.articles.figure_helpers import make_figure
from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

GUIDE_URL = "/admin/articles/figure/style-guide/"
BODY = """\
::: key-points
- Most back pain is mechanical [@ref-a].
:::

## When to get help

::: urgent Call emergency services if
- You cannot pass urine.
:::

::: red-flags
- Fever or weight loss [@ref-b].
:::

::: note
Scans often show changes that cause no pain.
:::

![The lower spine, from the side](figure:spine-diagram)
"""


@pytest.fixture
def callout_article(db, settings, tmp_path):
    """An approved article whose body uses every callout type and a figure from the library."""
    settings.MEDIA_ROOT = tmp_path / "media"
    factories.make_audience(slug="professional", label="Healthcare professional", is_default=True)
    editor = factories.make_user(username="editor", groups=("Editors",), is_staff=True)
    reviewer = factories.make_board_member(username="reviewer1", display_name="Dr Amara Okafor", credentials="MD")
    make_figure(size=(1200, 800), actor=editor)
    references = [factories.make_reference(key="ref-a"), factories.make_reference(key="ref-b")]
    article = factories.make_article(
        author=editor,
        question="When does back pain need a doctor?",
        bodies={"professional": BODY},
        references=references,
    )
    factories.approve(article, editor=editor, reviewer=reviewer)
    return Publication.objects.get(article=article)


@pytest.mark.bypass_csp
def test_every_callout_type_and_a_figure_have_no_wcag_violations(page, axe_source, callout_article):
    """Headings, landmarks, contrast and the image's alt text pass axe-core (WCAG 2.2 AA)."""
    page.goto(callout_article.get_absolute_url())
    for kind in ("urgent", "red-flags", "key-points", "note"):
        assert page.locator(f"section.callout-{kind}").count() == 1
    assert page.get_by_role("region", name="Urgent: Call emergency services if").is_visible()
    assert page.get_by_role("heading", name="Red flags", exact=True).is_visible()
    assert_accessible(page, axe_source)


def test_the_figure_loads_under_the_strict_content_security_policy(page, callout_article):
    """The reader's page keeps its CSP and still shows the figure, caption and credit."""
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    response = page.goto(callout_article.get_absolute_url())
    assert "img-src 'self'" in response.headers["content-security-policy"]
    image = page.locator("figure.figure img")
    image.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('figure.figure img').complete")
    assert image.evaluate("img => img.naturalWidth") > 0
    assert image.get_attribute("alt").startswith("Side view of the lower spine")
    assert (
        "Credit: Clinical Answers editors. Licence: CC BY 4.0." in page.locator("figure.figure figcaption").inner_text()
    )
    assert not [m for m in messages if "Content Security Policy" in m]


@pytest.mark.bypass_csp
def test_the_style_guide_has_no_wcag_violations(page, axe_source, callout_article):
    """The editors' style guide, rendered in the readers' look, is accessible too."""
    page.goto(f"/admin/login/?next={GUIDE_URL}")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{GUIDE_URL}")
    assert page.locator("section.callout").count() >= 5
    assert_accessible(page, axe_source)
