"""Markdown bodies render as safe HTML with AMA-numbered citation links."""

from html.parser import HTMLParser

import pytest

from articles.rendering import build_resolver, compress_numbers, render_markdown, sanitize_html
from references.models import Reference


class _Elements(HTMLParser):
    """Collects (tag, attributes) of every element the browser would build."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def assert_safe(html: str) -> None:
    for tag, attrs in _Elements(html).elements:
        assert tag not in {"script", "style", "iframe", "svg", "object", "embed", "form", "input"}, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert value.startswith(("http://", "https://", "mailto:", "#")), (tag, value)
            if name in {"src", "srcset"}:
                assert tag == "img", tag
                assert value.startswith("/figures/"), (tag, value)


def refs(*keys, **ids):
    return [
        Reference(pk=i, citation_key=k, pmid=ids.get(f"{k}_pmid", ""), doi=ids.get(f"{k}_doi", ""))
        for i, k in enumerate(keys, 1)
    ]


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "<img src=x onerror=alert(1)>",
        '<a href="#" onclick="alert(1)">x</a>',
        "<iframe src=//evil.example></iframe>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "<svg onload=alert(1)>",
        "**bold <style>body{}</style>**",
        "[x](vbscript:msgbox)",
        "<<script>script>alert(1)<</script>/script>",
        '![x](figure:a" onerror="alert(1))',
        "![<img src=x onerror=alert(1)>](figure:spine)",
        "![x](figure:../../admin)",
        "::: urgent <script>alert(1)</script>\n:::",
        '::: note" onclick="alert(1)\n:::',
    ],
)
def test_nothing_an_editor_types_can_run_script(source):
    """Raw HTML is escaped, dangerous URLs dropped, no event handlers survive."""
    html = render_markdown(source).html
    assert_safe(html)
    assert "<script" not in html.lower()


def test_sanitiser_strips_what_markdown_would_never_make():
    """Defence in depth: even raw HTML reaching the sanitiser loses scripts and handlers."""
    from articles.rendering import sanitize_html

    html = sanitize_html('<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)" id="evil">b</a></p>')
    assert_safe(html)
    assert "alert" not in html
    assert 'id="evil"' not in html


def test_markdown_features_render():
    """Headings, lists, emphasis, links and tables come through; an h1 in a body becomes h2."""
    html = render_markdown(
        "# Top\n\n## Causes\n\n- *one*\n- **two**\n\n1. first\n\n[NICE](https://www.nice.org.uk/)\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n"
    ).html
    assert "<h2>Top</h2>" in html
    assert "<h2>Causes</h2>" in html
    assert "<em>one</em>" in html
    assert "<strong>two</strong>" in html
    assert "<ol>" in html
    assert '<a href="https://www.nice.org.uk/"' in html
    assert "<table>" in html
    assert '<td class="align-right">2</td>' in html
    assert "<h1" not in html


@pytest.mark.parametrize(
    "source", ["**unclosed", "[link(", "| a |\n|--", "```\ncode", "> > > deep", "\x00nul", "[@]", "[@ ; ]"]
)
def test_malformed_markdown_never_fails(source):
    """Broken Markdown renders to something, never raises."""
    assert isinstance(render_markdown(source).html, str)


def test_citations_number_by_first_appearance_and_compress():
    """Clusters are sorted and compressed (AMA), numbers by first appearance, links to #ref-N."""
    resolve = build_resolver(refs("a", "b", "c", "d", "e"))
    rendered = render_markdown("First [@b]. Then [@e; @a; @c; @d; @b]. Again [@a].", resolve)
    assert [c.reference.citation_key for c in rendered.references] == ["b", "e", "a", "c", "d"]
    assert '<a href="#ref-1"' in rendered.html
    assert '<sup class="citation" id="cite-c2"><a href="#ref-1">1</a>-<a href="#ref-5">5</a></sup>' in rendered.html
    assert rendered.references[2].first_anchor == "cite-c2"


def test_each_reference_knows_every_marker_citing_it():
    """Each in-text marker has its own id, and each reference lists every marker citing it, in order."""
    rendered = render_markdown(
        "First [@b]. Then [@e; @a; @b]. Again [@a]. And [@b; @b].", build_resolver(refs("a", "b", "e"))
    )
    anchors = {c.reference.citation_key: c.anchors for c in rendered.references}
    assert anchors == {"b": ["cite-c1", "cite-c2", "cite-c4"], "e": ["cite-c2"], "a": ["cite-c2", "cite-c3"]}
    assert [m for m in ("cite-c1", "cite-c2", "cite-c3", "cite-c4") if f'id="{m}"' in rendered.html] == [
        "cite-c1",
        "cite-c2",
        "cite-c3",
        "cite-c4",
    ]


def test_links_within_the_page_carry_no_rel_but_links_out_do():
    """``rel=noopener...`` is kept for other sites and left off citation numbers (lighter pages)."""
    html = render_markdown("See [the guide](https://example.org/g) [@a].", build_resolver(refs("a"))).html
    assert '<a href="https://example.org/g" rel="noopener noreferrer nofollow">' in html
    assert '<a href="#ref-1">1</a>' in html


def test_a_table_scrolls_in_its_own_focusable_box():
    """A table sits in a scrolling wrapper (so cells need not break words); nothing else may claim it."""
    html = render_markdown("| Drug | Dose |\n| --- | --- |\n| paracetamol | 1 g |").html
    assert html.startswith('<div class="table-scroll" tabindex="0">\n<table>')
    assert html.rstrip().endswith("</table>\n</div>")
    assert sanitize_html('<div class="evil" tabindex="5" onclick="x()">y</div>') == "<div>y</div>"


def test_two_adjacent_numbers_use_a_comma():
    """AMA: 1,2 rather than 1-2."""
    rendered = render_markdown("x [@a; @b]", build_resolver(refs("a", "b")))
    assert '>1</a>,<a href="#ref-2"' in rendered.html


def test_compress_numbers():
    """2,4-6 compression."""
    assert compress_numbers([6, 2, 4, 5]) == [(2, 2), (4, 6)]
    assert compress_numbers([]) == []


def test_pmid_and_doi_keys_resolve():
    """[@pmid:N] and [@doi:...] find a reference by its identifiers, case-insensitively."""
    resolve = build_resolver(
        refs("chou2007", chou2007_pmid="17909209", chou2007_doi="10.7326/0003-4819-147-7-200710020-00006")
    )
    rendered = render_markdown("See [@pmid:17909209] and [@DOI:10.7326/0003-4819-147-7-200710020-00006].", resolve)
    assert len(rendered.references) == 1
    assert not rendered.missing


def test_unknown_keys_are_reported_with_their_sentence():
    """A key that resolves to nothing is named with the sentence it stands in."""
    rendered = render_markdown("Fine here. Pain is common [@ghost]. Next sentence.", build_resolver([]))
    assert rendered.missing[0].key == "ghost"
    assert rendered.missing[0].sentence == "Pain is common [@ghost]."
    assert "citation-missing" in rendered.html


def test_citation_syntax_inside_code_is_left_alone():
    """`[@key]` in a code span is text, not a citation."""
    rendered = render_markdown("Write `[@key]` to cite.", build_resolver(refs("key")))
    assert not rendered.references
    assert "<code>[@key]</code>" in rendered.html


@pytest.mark.parametrize(
    "source",
    [
        "![chart](https://example.org/chart.png)",
        "![chart](//example.org/chart.png)",
        "![chart](data:image/png;base64,iVBORw0KGgo=)",
        "![chart](chart.png)",
        "![chart](/figures/spine/0123456789ab/480.jpg)",
    ],
)
def test_only_library_figures_become_images(source):
    """Any image that is not ``figure:<slug>`` is dropped, even one pointing at a figure URL."""
    rendered = render_markdown(source, figures=lambda slug: None)
    assert "<img" not in rendered.html
    assert rendered.missing_figures == rendered.misplaced_figures == []


def test_cited_keys_include_citations_in_figure_captions_and_callouts():
    """A citation in a caption or a callout is a citation like any other."""
    from articles.rendering import cited_keys

    assert cited_keys("::: note\nSee [@a].\n:::\n\n![Drawn after [@b]](figure:x)") == ["a", "b"]
