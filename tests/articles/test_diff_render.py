"""Rendered differences between two bodies: words in context, blocks as readers see them, no
whitespace noise, sanitised output, and references with their numbers."""

import pytest

from articles.diff_render import compare_content, diff_bodies
from articles.html_blocks import parse_blocks
from articles.rendering import build_resolver
from articles.versioning import ArticleContent
from tests.factories import make_reference

pytestmark = pytest.mark.django_db


@pytest.fixture
def refs():
    return {
        "a": make_reference(key="a2020", title="Trial A"),
        "b": make_reference(key="b2021", title="Trial B"),
        "c": make_reference(key="c2022", title="Trial C", doi="10.1000/c", pmid="123"),
    }


@pytest.fixture
def resolve(refs):
    return build_resolver(refs.values())


def test_a_changed_word_is_marked_in_its_sentence_with_formatting_kept(resolve):
    """Only the changed word is wrapped; the rest of the paragraph and its emphasis stay as they were."""
    diff = diff_bodies("Take *two* tablets daily.", "Take *three* tablets daily.", resolve=resolve)
    assert diff.changed
    assert '<p class="diff-changed">Take <del><em>two</em></del> <ins><em>three</em></ins> tablets daily.</p>' in (
        diff.inline
    )


def test_a_dose_is_compared_as_one_number(resolve):
    """ "2.5 mg" to "25 mg" shows the number replaced, not its pieces."""
    diff = diff_bodies("Give 2.5 mg.", "Give 25 mg.", resolve=resolve)
    assert "<del>2.5</del> <ins>25</ins>" in diff.inline


def test_whitespace_only_changes_do_not_show(resolve):
    """Reflowed lines, doubled spaces and trailing blanks are no change."""
    old = "First line\nof the paragraph.  Second  sentence.\n\n- item one\n- item two\n"
    new = "First line of the\nparagraph. Second sentence.   \n\n\n-   item one\n- item two"
    diff = diff_bodies(old, new, resolve=resolve)
    assert not diff.changed
    assert "<ins>" not in diff.inline
    assert "<del>" not in diff.inline
    assert not any(row.changed for row in diff.rows)


def test_callouts_and_list_items_are_shown_as_such(resolve):
    """A new item in a callout's list is marked inside the callout; a removed one stays in its list."""
    old = "::: red-flags\n- Fever.\n- Weight loss.\n:::"
    new = "::: red-flags\n- Fever.\n- Numbness in the saddle area.\n:::"
    diff = diff_bodies(old, new, resolve=resolve)
    html = diff.inline
    assert html.startswith('<section class="callout callout-red-flags">')
    assert '<h2 class="callout-title">Red flags</h2>' in html
    assert html.count("<ul>") == 1
    assert '<li class="diff-removed"><del>Weight loss.</del></li>' in html
    assert "Numbness in the saddle area" in html
    [row] = diff.rows
    assert "Weight" in row.before
    assert "Weight" not in row.after
    assert "saddle" in row.after


def test_a_whole_new_callout_is_marked_added(resolve):
    """A callout that was not there before is an added block, still a callout."""
    diff = diff_bodies("Intro.", "Intro.\n\n::: urgent\n- Call 999.\n:::", resolve=resolve)
    assert '<section class="callout callout-urgent diff-added">' in diff.inline


def test_a_figure_is_shown_as_a_figure(resolve):
    """A figure added is the figure (image, caption), marked as added; the diff keeps its allowed attributes."""
    from types import SimpleNamespace

    figure = SimpleNamespace(
        alt_text="The lower spine",
        caption="Spine",
        credit_line="Credit: us.",
        image_candidates=lambda: [("/figures/spine/0123456789ab/480.png", 480, 320)],
    )
    diff = diff_bodies("Text.", "Text.\n\n![Side view](figure:spine)", resolve=resolve, figures=lambda slug: figure)
    assert '<ins class="diff-block"><figure class="figure">' in diff.inline
    assert 'src="/figures/spine/0123456789ab/480.png"' in diff.inline
    assert "Side view" in diff.inline


def test_the_output_stays_sanitised(resolve):
    """Markup an editor typed is escaped by the renderer and stays escaped in the diff; no ids repeat."""
    diff = diff_bodies(
        "Safe.", "Safe. <script>alert(1)</script> <img src=x onerror=alert(1)> [@a2020]", resolve=resolve
    )
    assert "<script" not in diff.inline
    assert "<img" not in diff.inline
    assert "&lt;script&gt;" in diff.inline
    assert "&lt;img src=x onerror=alert(1)&gt;" in diff.inline
    assert ' id="' not in diff.inline
    assert '<a href="#ref-' not in diff.inline  # citation numbers are plain text in a diff


def test_references_added_removed_renumbered_and_changed_with_their_numbers(refs, resolve):
    """The summary names each reference with its number; a metadata change lists the fields."""
    old = "One [@a2020]. Two [@b2021]."
    new = "One [@c2022]. Two [@a2020]."
    frozen = {"a2020": {"title": "Trial A (preprint)", "year": "2020", "doi": ""}}
    diff = diff_bodies(old, new, resolve=resolve, old_metadata=frozen)
    summary = {(c.kind, c.key, c.number, c.old_number) for c in diff.citations}
    assert summary == {("added", "c2022", 1, None), ("changed", "a2020", 2, 1), ("removed", "b2021", None, 2)}
    changed = next(c for c in diff.citations if c.kind == "changed")
    assert ("title", "Trial A (preprint)", "Trial A") in changed.fields


def test_a_reference_only_renumbered_says_so(resolve):
    """Moving a citation earlier renumbers the others; that is reported without a metadata change."""
    diff = diff_bodies("A [@a2020]. B [@b2021].", "B [@b2021]. A [@a2020].", resolve=resolve)
    assert {(c.kind, c.key, c.number, c.old_number) for c in diff.citations} == {
        ("renumbered", "b2021", 1, 2),
        ("renumbered", "a2020", 2, 1),
    }


def test_side_by_side_rows_follow_top_level_blocks_and_fold_unchanged_runs(resolve):
    """One row per paragraph or callout; long unchanged stretches away from a change are folded."""
    paragraphs = [f"Paragraph number {n} stays." for n in range(8)]
    old = "\n\n".join(paragraphs)
    new = "\n\n".join([*paragraphs[:7], "Paragraph number 7 changed."])
    diff = diff_bodies(old, new, resolve=resolve)
    assert len(diff.rows) == 8
    groups = diff.row_groups(context=1)
    assert [(g.folded, len(g.rows)) for g in groups] == [(True, 6), (False, 2)]


def test_nested_lists_keep_their_item_text(resolve):
    """A list item holding a nested list is compared by its own words and by its children."""
    blocks = parse_blocks("<ul><li>Parent <em>item</em><ul><li>child</li></ul></li></ul>")
    assert [b.text_key for b in blocks] == ["Parent item", "child"]


def test_compare_content_covers_question_summary_and_each_audience(article, professional, patient):
    """Fields are compared without whitespace noise; each audience's body has its own diff."""
    new = ArticleContent.from_article(article)
    old = ArticleContent(
        article_id=new.article_id,
        question=new.question + "  ",
        slug=new.slug,
        summary="An older summary.",
        topic_id=new.topic_id,
        bodies={professional.pk: new.bodies[professional.pk]},
        reference_ids=new.reference_ids,
    )
    comparison = compare_content(old, new)
    assert [f.label for f in comparison.fields if f.changed] == ["Summary"]
    by_slug = {b.audience.slug: b for b in comparison.bodies}
    assert not by_slug["professional"].diff.changed
    assert by_slug["patient"].added
    assert by_slug["patient"].diff.changed
