"""WCAG 2.2 AA: axe-core, injected into Debian's Chromium, finds no violation on the readers' pages."""

import pytest

from articles.models import EditorialPolicy, Publication, RelatedQuestion
from articles.services import article_revise, article_translation_save
from tests import factories

# axe-core is injected as an inline script, which the site's Content-Security-Policy forbids.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.bypass_csp]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations;
}"""


@pytest.fixture
def site(db):
    """A small site: three audiences, an approved article with references and a related question, a pending one."""
    factories.make_audience(slug="professional", label="Healthcare professional", is_default=True)
    factories.make_audience(slug="patient", label="Patient or caregiver", order=1, target_grade="8.0")
    factories.make_audience(slug="student", label="Medical student", order=2)
    editor = factories.make_user(username="editor", groups=("Editors",), is_staff=True)
    reviewer = factories.make_board_member(username="reviewer1", display_name="Dr Amara Okafor", credentials="MD")
    topic = factories.make_topic(name="Back and neck pain")
    related = factories.make_cited_article(author=editor, topic=topic, question="Is neck pain serious?")
    factories.approve(related, editor=editor, reviewer=reviewer)
    article = factories.make_cited_article(
        author=editor, topic=topic, references=3, question="When does low back pain need a scan?"
    )
    RelatedQuestion.objects.create(article=article, related=related)
    factories.approve(article, editor=editor, reviewer=reviewer)
    body = article.bodies.select_related("audience").get(audience__slug="professional")
    # A Spanish translation of the first version: outdated once the English text is revised below.
    article_translation_save(
        article=article,
        language=factories.make_language(),
        actor=editor,
        question="¿Cuándo necesita una prueba de imagen el dolor lumbar?",
        summary="Casi nunca al principio.",
        bodies={body.audience: "Casi siempre mejora sin pruebas."},
    )
    extra = "\n\n## When to seek help\n\nAt once for numbness in both legs.\n"
    article_revise(article=article, actor=editor, bodies={body.audience: body.body + extra})
    factories.approve(
        article, editor=editor, reviewer=reviewer, change_summary="Added when to seek help.", substantive=True
    )
    pending = factories.make_cited_article(author=editor, topic=topic, question="Why does my back ache at night?")
    factories.make_publication(pending, status=Publication.Status.PENDING)
    EditorialPolicy.objects.create(body="## How we write\n\nEvery answer cites its sources.\n\n- Reviewed yearly")
    return {"article": Publication.objects.get(article=article), "pending": Publication.objects.get(article=pending)}


def describe(violations: list[dict]) -> str:
    """Violations as a reader-friendly report: rule, impact, what to fix, and where."""
    lines = []
    for violation in violations:
        lines.append(f"\n[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:10]:
            lines.append(f"  at {' '.join(node['target'])}: {node['html'][:160]}")
            lines.append("    " + node["failureSummary"].replace("\n", "\n    "))
    return "\n".join(lines)


def assert_accessible(page, axe_source: str) -> None:
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(AXE_RUN, AXE_TAGS)
    assert violations == [], f"axe-core found {len(violations)} WCAG 2.2 AA violation(s) on {page.url}:" + describe(
        violations
    )


PAGES = {
    "home": lambda site: "/",
    "article-professional": lambda site: f"{site['article'].get_absolute_url()}?audience=professional",
    "article-patient": lambda site: f"{site['article'].get_absolute_url()}?audience=patient",
    "article-student-fallback": lambda site: f"{site['article'].get_absolute_url()}?audience=student",
    "article-pending": lambda site: site["pending"].get_absolute_url(),
    "search-results": lambda site: "/search/?q=back+pain",
    "search-no-results": lambda site: "/search/?q=xylophone",
    "search-refused": lambda site: "/search/?q=" + "a" * 300,
    "ask": lambda site: "/ask/",
    "advisory-board": lambda site: "/advisory-board/",
    "editorial-policy": lambda site: "/editorial-policy/",
    "topic": lambda site: f"/topics/{site['article'].topic.slug}/",
    "article-history": lambda site: f"/questions/{site['article'].slug}/history/",
    "article-spanish-outdated": lambda site: f"/es/questions/{site['article'].slug}/",
    "search-spanish": lambda site: "/es/search/?q=dolor",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_wcag_violations(page, axe_source, site, name):
    """axe-core (wcag2a/aa, wcag21a/aa, wcag22aa) reports nothing on each reader-facing page."""
    response = page.goto(PAGES[name](site))
    assert response.status in (200, 400)
    assert_accessible(page, axe_source)


def test_ask_form_with_errors_has_no_wcag_violations(page, axe_source, site):
    """The question form re-shown with an error message is accessible too."""
    page.goto("/ask/")
    page.fill("#id_question", "Why?")
    page.click("main button[type=submit]")
    page.wait_for_selector("#ask-error")
    assert_accessible(page, axe_source)


def test_article_on_a_narrow_screen_has_no_wcag_violations(browser, live_server, axe_source, site):
    """On a 320-pixel-wide screen (WCAG reflow) the article is still free of violations."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640}, bypass_csp=True)
    tab = context.new_page()
    try:
        tab.goto(site["article"].get_absolute_url())
        assert_accessible(tab, axe_source)
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 320px wide"
    finally:
        context.close()


def test_the_axe_harness_reports_violations(page, axe_source, site):
    """The check can fail: a page with an unlabelled field and an image without alt text is reported."""
    page.goto("/")
    page.evaluate(
        """() => {
      const main = document.querySelector("main");
      main.insertAdjacentHTML("beforeend", '<img src="/static/img/favicon.svg"><input type="text">');
    }"""
    )
    page.add_script_tag(content=axe_source)
    rules = {v["id"] for v in page.evaluate(AXE_RUN, AXE_TAGS)}
    assert {"image-alt", "label"} <= rules
