"""Plain text, sections and absolute links from a published body's HTML."""

from api.content import absolute_urls, plain_text, sections
from articles.rendering import render_markdown

BODY = """Intro with *emphasis* and a [link](https://example.org).

## Causes

- Strain
- Poor posture

::: urgent
Call **now** if you cannot walk.
:::

## Treatment

Keep moving & rest < 2 days.
"""


def _html(markdown: str) -> str:
    return render_markdown(markdown).html


def test_plain_text_has_no_markup_or_markdown():
    """Paragraph breaks survive; tags, emphasis markers and entities do not."""
    text = plain_text(_html(BODY))
    assert text.startswith("Intro with emphasis and a link.\n\nCauses\n\n• Strain\n\n• Poor posture")
    assert "Keep moving & rest < 2 days." in text
    for marker in ("<", "**", "*emph", "](", "##", ":::"):
        assert marker not in text.replace("< 2", "")


def test_sections_split_at_top_level_headings_only():
    """The text before the first heading, then one section per h2; a callout's heading stays inside its section."""
    result = sections(_html(BODY))
    assert [s["heading"] for s in result] == ["", "Causes", "Treatment"]
    assert result[0]["text"] == "Intro with emphasis and a link."
    assert 'class="callout callout-urgent"' in result[1]["html"]
    assert "When to get help now" in result[1]["text"]
    assert "Call now if you cannot walk." in result[1]["text"]
    assert result[2]["html"] == "<p>Keep moving &amp; rest &lt; 2 days.</p>"


def test_a_body_without_headings_is_one_section():
    assert sections("<p>Only text.</p>") == [{"heading": "", "html": "<p>Only text.</p>", "text": "Only text."}]


def test_relative_urls_become_absolute_and_others_stay():
    """Site paths gain the site's address; anchors, absolute and protocol-relative URLs are untouched."""
    html = (
        '<a href="/questions/x/">x</a> <a href="#ref-1">1</a> <a href="https://nhs.uk/">n</a> '
        '<a href="//cdn.example/">c</a><img src="/figures/a/0123456789ab/960.jpg" '
        'srcset="/figures/a/0123456789ab/480.jpg 480w, /figures/a/0123456789ab/960.jpg 960w">'
    )
    result = absolute_urls(html, "https://answers.example.org/")
    assert 'href="https://answers.example.org/questions/x/"' in result
    for untouched in ('href="#ref-1"', 'href="https://nhs.uk/"', 'href="//cdn.example/"'):
        assert untouched in result
    assert 'src="https://answers.example.org/figures/a/0123456789ab/960.jpg"' in result
    assert (
        'srcset="https://answers.example.org/figures/a/0123456789ab/480.jpg 480w, '
        'https://answers.example.org/figures/a/0123456789ab/960.jpg 960w"'
    ) in result
