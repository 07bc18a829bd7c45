"""Callouts (``::: urgent`` ... ``:::``): accessible markup from a fixed map, nothing smuggled through."""

import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError

from articles.integrity import check_content
from articles.rendering import CALLOUT_TYPES, build_resolver, render_markdown, sanitize_html
from references.models import Reference
from reviews.services import review_submit
from tests.factories import make_article, make_reference

pytestmark = pytest.mark.django_db

DEFAULT_HEADINGS = {
    "urgent": "When to get help now",
    "red-flags": "Red flags",
    "key-points": "Key points",
    "note": "Note",
}
# Every attribute value the renderer may write on a callout; anything else came from the editor.
FIXED_ATTRIBUTES = {
    "class": {"callout", "callout-title", "visually-hidden", *(f"callout-{k}" for k in CALLOUT_TYPES)},
    "id": re.compile(r"^callout-\d+$"),
    "aria-labelledby": re.compile(r"^callout-\d+$"),
}


class _Elements(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def assert_only_renderer_attributes(html: str) -> None:
    """No element carries an attribute or a value the renderer would not write itself."""
    for tag, attrs in _Elements(html).elements:
        assert tag not in {"script", "style", "iframe", "img", "svg", "object", "embed", "form", "input"}, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name == "class" and tag in {"section", "h2", "h3", "h4", "span"}:
                assert set(value.split()) <= FIXED_ATTRIBUTES["class"], (tag, value)
            elif name in {"id", "aria-labelledby"} and tag in {"section", "h2", "h3", "h4"}:
                assert FIXED_ATTRIBUTES[name].match(value), (tag, name, value)
            else:
                assert (tag, name) in {("a", "href"), ("a", "rel"), ("sup", "class"), ("sup", "id")}, (tag, name)


@pytest.mark.parametrize(("kind", "heading"), list(DEFAULT_HEADINGS.items()))
def test_each_type_renders_as_a_labelled_section_with_its_default_heading(kind, heading):
    """`::: type` becomes a section named by its heading, classed by the type."""
    html = render_markdown(f"::: {kind}\nSome *advice*.\n:::").html
    assert html.startswith(f'<section class="callout callout-{kind}" aria-labelledby="callout-1">\n')
    assert f'<h2 class="callout-title" id="callout-1">{heading}</h2>' in html
    assert "<p>Some <em>advice</em>.</p>\n</section>" in html


def test_callout_types_are_the_agreed_four():
    """The toolbar and style guide offer exactly these types and default headings."""
    assert {kind: str(title) for kind, title in CALLOUT_TYPES.items()} == DEFAULT_HEADINGS


def test_a_title_after_the_type_becomes_the_heading_and_keeps_the_type_for_screen_readers():
    """`::: urgent Call 999 now if` shows that title; the type is still said, visually hidden."""
    html = render_markdown("::: urgent Call 999 now if\n- you faint\n:::").html
    assert (
        '<h2 class="callout-title" id="callout-1"><span class="visually-hidden">Urgent: </span>Call 999 now if</h2>'
    ) in html
    assert "<li>you faint</li>" in html


@pytest.mark.parametrize("title", ["Red flags at a glance", "Red flags"])
def test_a_title_that_names_the_type_needs_no_hidden_label(title):
    """When the title already says "red flags", screen readers are not told twice."""
    html = render_markdown(f"::: red-flags {title}\n- fever\n:::").html
    assert f'<h2 class="callout-title" id="callout-1">{title}</h2>' in html


def test_markdown_and_citations_inside_keep_working_and_numbering():
    """Lists, emphasis and [@key] work inside a callout; numbers run on across it."""
    refs = [Reference(pk=i, citation_key=k) for i, k in enumerate(["a", "b", "c"], 1)]
    rendered = render_markdown(
        "First [@a].\n\n::: red-flags\n- fever [@b]\n- **weight loss** [@a]\n:::\n\nAfter [@c].", build_resolver(refs)
    )
    assert [c.reference.citation_key for c in rendered.references] == ["a", "b", "c"]
    assert '<li>fever <sup class="citation" id="cite-c2"><a href="#ref-2"' in rendered.html
    assert "<strong>weight loss</strong>" in rendered.html
    assert '<p>After <sup class="citation" id="cite-c4"><a href="#ref-3"' in rendered.html


@pytest.mark.parametrize(
    ("source", "levels"),
    [
        pytest.param("::: note\nx\n:::", ["h2"], id="before-any-heading"),
        pytest.param("## Causes\n\n::: note\nx\n:::", ["h2", "h3"], id="after-h2"),
        pytest.param("# Top\n\n::: note\nx\n:::", ["h2", "h3"], id="after-demoted-h1"),
        pytest.param("### Detail\n\n::: note\nx\n:::", ["h3", "h4"], id="after-h3"),
        pytest.param("#### Deep\n\n::: note\nx\n:::", ["h4", "h4"], id="capped-at-h4"),
        pytest.param(":::: note\n::: urgent\nx\n:::\n::::", ["h2", "h3"], id="nested"),
    ],
)
def test_callout_heading_sits_one_level_below_the_heading_before_it(source, levels):
    """The page outline stays in order: the callout heading is one level below the last heading (h2-h4)."""
    html = render_markdown(source).html
    assert re.findall(r"<(h\d)", html) == levels


def test_each_callout_gets_its_own_id():
    """Two callouts in a body are labelled by two different headings."""
    html = render_markdown("::: note\na\n:::\n\n::: urgent\nb\n:::").html
    assert 'aria-labelledby="callout-1"' in html
    assert 'aria-labelledby="callout-2"' in html
    assert 'id="callout-2">When to get help now' in html


def test_an_unknown_type_stays_visible_as_text_and_is_reported():
    """`::: danger` is no callout: its markers stay as text, its content renders, and the type is named."""
    rendered = render_markdown("::: danger Beware\nTake *care*.\n:::")
    assert "<section" not in rendered.html
    assert "<p>::: danger Beware</p>" in rendered.html
    assert "<p>Take <em>care</em>.</p>" in rendered.html
    assert "<p>:::</p>" in rendered.html
    assert rendered.unknown_callouts == ["danger"]


def test_types_are_case_insensitive_and_known_types_are_not_reported():
    """`::: Urgent` is the urgent callout; nothing is reported for known types."""
    rendered = render_markdown("::: Urgent\nx\n:::\n\n::: key-points\ny\n:::")
    assert 'class="callout callout-urgent"' in rendered.html
    assert rendered.unknown_callouts == []


@pytest.mark.parametrize(
    "source",
    [
        "```\n::: urgent\nnot a callout\n:::\n```",
        "    ::: urgent\n    indented code",
        "Text with ::: urgent inside a sentence.",
        ":: urgent\ntwo colons\n::",
    ],
)
def test_callout_markers_in_code_or_prose_are_left_alone(source):
    """Only a line starting with three colons opens a callout."""
    rendered = render_markdown(source)
    assert "<section" not in rendered.html
    assert rendered.unknown_callouts == []


def test_an_unclosed_callout_ends_with_the_body():
    """A missing closing `:::` closes the callout at the end of the body."""
    html = render_markdown("::: urgent\nCall now.").html
    assert html.endswith("<p>Call now.</p>\n</section>\n")


@pytest.mark.parametrize(
    "source",
    [
        "::: urgent <script>alert(1)</script>\nx\n:::",
        '::: urgent " onmouseover="alert(1)\nx\n:::',
        "::: urgent' onclick='alert(1)\nx\n:::",
        "::: note callout-urgent evil\nx\n:::",
        '::: urgent{.evil #x onclick="alert(1)"}\nx\n:::',
        "::: urgent\n<img src=x onerror=alert(1)>\n:::",
        "::: urgent\n[x](javascript:alert(1))\n:::",
        '::: red-flags <a href="javascript:alert(1)">x</a>\ny\n:::',
        "::: danger <script>alert(1)</script>\nx\n:::",
        "::: note\n::: urgent <style>body{display:none}</style>\n:::\n:::",
        '::: <svg onload="alert(1)">\nx\n:::',
    ],
)
def test_callouts_cannot_smuggle_script_or_attributes(source):
    """Type and title are escaped text; class and ids come from the renderer's fixed map."""
    html = render_markdown(source).html
    assert_only_renderer_attributes(html)
    assert "<script" not in html.lower()
    assert "<style" not in html.lower()


def test_the_sanitiser_keeps_only_the_callout_markup_it_knows():
    """Defence in depth: unknown classes, ids, roles and handlers on callout tags are dropped."""
    html = sanitize_html(
        '<section class="callout evil" aria-labelledby="javascript:x" role="alert" onclick="x()">'
        '<h2 class="callout-title" id="main" style="color:red">t</h2>'
        '<h3 class="callout-title" id="callout-2">u</h3><span class="evil">s</span></section>'
    )
    assert (
        html
        == '<section><h2 class="callout-title">t</h2><h3 class="callout-title" id="callout-2">u</h3><span>s</span></section>'
    )


def test_check_content_names_an_unknown_callout_type_and_its_audience(professional, patient):
    """An unknown type is a problem naming the type, the audience and the types that exist."""
    problems = check_content(
        bodies={professional: "::: urgent\nok\n:::", patient: "::: danger\nx\n:::\n\n::: danger\ny\n:::"},
        references=[],
        default_audience=professional,
    )
    assert [p.code for p in problems] == ["unknown_callout"]
    assert "“::: danger” in the Patient or caregiver body is not a callout type" in problems[0].message
    assert "urgent, red-flags, key-points, note" in problems[0].message


def test_submission_with_an_unknown_callout_type_is_refused(audiences, editor):
    """The board never receives an article with a `::: danger` block; the editor is told why."""
    reference = make_reference(key="ok2020")
    article = make_article(
        author=editor, bodies={"professional": "Fine [@ok2020].\n\n::: danger\nx\n:::"}, references=[reference]
    )
    with pytest.raises(ValidationError, match="is not a callout type"):
        review_submit(article=article, actor=editor)
    assert not article.review_requests.exists()
