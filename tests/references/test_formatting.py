import pytest
from django.utils.safestring import SafeString

from references import formatting
from references.formatting import expand_page_range, format_reference, format_references
from references.models import Reference

T = Reference.Type
CHOU_AUTHORS = (
    "Chou, Roger\nQaseem, Amir\nSnow, Vincenza\nCasey, Donald\nCross, J Thomas, Jr\nShekelle, Paul\nOwens, Douglas K"
)
SIX_AUTHORS = "Müller, Jürgen\nØstergaard, Lars\nNowak, Łukasz\nŠimić, Ana\nNúñez, José María\nÇelik, Ayşe"


def ref(**fields) -> Reference:
    """An unsaved reference: formatting needs no database."""
    defaults = {"citation_key": "k", "type": T.JOURNAL_ARTICLE, "title": "A title", "authors": "", "source": ""}
    return Reference(**{**defaults, **fields})


def test_journal_article_with_seven_authors():
    """More than six authors: the first three, then "et al"; page ranges are written in full."""
    chou = ref(
        type=T.PRACTICE_GUIDELINE,
        title="Diagnosis and treatment of low back pain: a joint clinical practice guideline from the American College of Physicians and the American Pain Society",
        authors=CHOU_AUTHORS,
        source="Ann Intern Med",
        year=2007,
        volume="147",
        issue="7",
        pages="478-91",
        doi="10.7326/0003-4819-147-7-200710020-00006",
    )
    assert format_reference(chou) == (
        "Chou R, Qaseem A, Snow V, et al. Diagnosis and treatment of low back pain: a joint clinical practice "
        "guideline from the American College of Physicians and the American Pain Society. <i>Ann Intern Med</i>. "
        "2007;147(7):478-491. doi:10.7326/0003-4819-147-7-200710020-00006"
    )


def test_exactly_six_authors_are_all_listed_with_their_letters_intact():
    """Six authors are all named; non-ASCII family names and initials survive."""
    article = ref(
        title="Graded activity versus usual care",
        authors=SIX_AUTHORS,
        source="J Fict Clin Trials",
        year=2021,
        volume="14",
        issue="2",
        pages="101-112",
        doi="10.5555/jfct.2021.0142",
    )
    assert format_reference(article) == (
        "Müller J, Østergaard L, Nowak Ł, Šimić A, Núñez JM, Çelik A. Graded activity versus usual care. "
        "<i>J Fict Clin Trials</i>. 2021;14(2):101-112. doi:10.5555/jfct.2021.0142"
    )


def test_suffixes_and_particles():
    """A suffix follows the initials ("Cross JT Jr"); particles stay with the family name."""
    article = ref(
        title="Names", authors="Cross, J Thomas, Jr\nvan der Berg, Jan-Willem", source="Lancet", year=2020, volume="1"
    )
    assert format_reference(article) == "Cross JT Jr, van der Berg JW. Names. <i>Lancet</i>. 2020;1."


def test_missing_year():
    """Without a year the volume, issue and pages follow the journal directly."""
    article = ref(
        title="A study without a year",
        authors="Smith, Jane A\nDoe, John",
        source="J Example Med",
        volume="12",
        issue="3",
        pages="100-110",
    )
    assert format_reference(article) == "Smith JA, Doe J. A study without a year. <i>J Example Med</i>. 12(3):100-110."


def test_year_without_volume_is_an_online_first_article():
    """AMA's style for an article published online before its issue."""
    article = ref(title="Ahead of print", authors="Smith, Jane", source="Lancet", year=2024, doi="10.5555/x")
    assert format_reference(article) == "Smith J. Ahead of print. <i>Lancet</i>. Published online 2024. doi:10.5555/x"


def test_group_author_of_a_journal_article():
    """An organisation is named in full, as written."""
    article = ref(
        type=T.CONSENSUS,
        title="Fictional consensus on imaging for low back pain",
        authors="Example Society of Spine Care",
        source="J Fict Med",
        year=2020,
        volume="5",
        issue="1",
        pages="1-9",
    )
    assert format_reference(article) == (
        "Example Society of Spine Care. Fictional consensus on imaging for low back pain. <i>J Fict Med</i>. 2020;5(1):1-9."
    )


def test_guideline_without_a_journal_is_a_report():
    """A stand-alone guideline: italic title in title case, publisher and year, then its link."""
    nice = ref(
        type=T.PRACTICE_GUIDELINE,
        title="Low back pain and sciatica in over 16s: assessment and management",
        authors="National Institute for Health and Care Excellence",
        source="National Institute for Health and Care Excellence",
        year=2016,
        url="https://www.nice.org.uk/guidance/ng59",
    )
    assert format_reference(nice) == (
        "National Institute for Health and Care Excellence. <i>Low Back Pain and Sciatica in over 16s: Assessment and "
        "Management</i>. National Institute for Health and Care Excellence; 2016. https://www.nice.org.uk/guidance/ng59"
    )


def test_website():
    """A web page: author, title, site, "Published" date, link."""
    page = ref(
        type=T.WEBSITE,
        title="Low back pain",
        authors="World Health Organization",
        source="World Health Organization",
        year=2023,
        url="https://www.who.int/news-room/fact-sheets/detail/low-back-pain",
    )
    assert format_reference(page) == (
        "World Health Organization. Low back pain. World Health Organization. Published 2023. "
        "https://www.who.int/news-room/fact-sheets/detail/low-back-pain"
    )


def test_book():
    """A book: italic title in title case, publisher; year."""
    book = ref(
        type=T.BOOK,
        title="Handbook of fictional spine care",
        authors="Lefèvre, Chloé",
        source="Example Medical Press",
        year=2019,
    )
    assert format_reference(book) == "Lefèvre C. <i>Handbook of Fictional Spine Care</i>. Example Medical Press; 2019."


def test_no_author_starts_with_the_title_once():
    """Without authors the entry starts with its title, printed once."""
    article = ref(title="Editorial: back pain in 2020", source="J Example Med", year=2020, volume="3", pages="e123")
    assert format_reference(article) == "Editorial: back pain in 2020. <i>J Example Med</i>. 2020;3:e123."


def test_question_title_keeps_its_own_punctuation():
    """A title ending in "?" is not followed by a period."""
    article = ref(
        title="Does rest help back pain?", authors="Smith, Jane", source="Lancet", year=2020, volume="1", pages="5-6"
    )
    assert format_reference(article) == "Smith J. Does rest help back pain? <i>Lancet</i>. 2020;1:5-6."


def test_everything_is_escaped():
    """Markup in any field comes out as text; only the journal's <i> is HTML."""
    article = ref(
        title='<script>alert("x")</script> & more',
        authors="O'Brien, Pat\n<b>Evil</b> Group",
        source="J <i>Med</i>",
        year=2020,
        volume="1",
    )
    html = format_reference(article)
    assert isinstance(html, SafeString)
    assert html == (
        "O&#x27;Brien P, &lt;b&gt;Evil&lt;/b&gt; Group. &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more. "
        "<i>J &lt;i&gt;Med&lt;/i&gt;</i>. 2020;1."
    )


def test_format_references_keeps_order_and_loads_the_style_once():
    """Many references format in the order given, from one loaded style."""
    references = [
        ref(title=f"Study {n}", authors="Smith, Jane", source="Lancet", year=2000 + n, volume="1") for n in range(30)
    ]
    formatted = format_references(references)
    assert formatted[0] == "Smith J. Study 0. <i>Lancet</i>. 2000;1."
    assert formatted[29] == "Smith J. Study 29. <i>Lancet</i>. 2029;1."
    assert formatting._style.cache_info().currsize == 1


@pytest.mark.parametrize(
    ("pages", "expanded"),
    [
        ("478-91", "478-491"),
        ("1021-5", "1021-1025"),
        ("514-530", "514-530"),
        ("55–7", "55-57"),
        ("e2201", "e2201"),
        ("S12-4", "S12-S14"),
    ],
)
def test_expand_page_range(pages, expanded):
    """Page ranges are written in full, as AMA requires."""
    assert expand_page_range(pages) == expanded


def test_only_the_ama_style_exists():
    """Asking for another style is a programming error, reported as such."""
    with pytest.raises(ValueError, match="only 'ama'"):
        format_reference(ref(), style="vancouver")


def test_website_with_the_date_it_was_accessed():
    """AMA: the access date before the link, "Accessed March 3, 2025."."""
    import datetime

    page = ref(
        type=T.WEBSITE,
        title="Low back pain",
        authors="World Health Organization",
        source="World Health Organization",
        year=2023,
        url="https://www.who.int/news-room/fact-sheets/detail/low-back-pain",
        accessed=datetime.date(2025, 3, 3),
    )
    assert format_reference(page) == (
        "World Health Organization. Low back pain. World Health Organization. Published 2023. Accessed March 3, 2025. "
        "https://www.who.int/news-room/fact-sheets/detail/low-back-pain"
    )


def test_doi_is_shown_in_the_case_it_was_given():
    """A DOI keeps its capitals in the formatted reference; an access date is not shown when a DOI is."""
    import datetime

    article = ref(
        title="Trial", authors="Smith, Jane", source="N Engl J Med", year=2021, volume="384", doi="10.1056/NEJMoa2034577",
        url="https://www.nejm.org/x", accessed=datetime.date(2025, 3, 3),
    )  # fmt: skip
    assert format_reference(article) == "Smith J. Trial. <i>N Engl J Med</i>. 2021;384. doi:10.1056/NEJMoa2034577"
