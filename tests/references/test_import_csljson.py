import pytest

from references.importers import ImportFormatError, parse_references
from references.models import Reference

from .conftest import fixture_text

T = Reference.Type


@pytest.fixture
def records():
    parsed = parse_references(fixture_text("sample.json"))
    assert parsed.format == "csljson"
    return parsed.records


def test_keys_from_ids(records):
    """Readable ids are keys, in lower case; Zotero's URL ids and missing ids give generated keys."""
    assert [r.key for r in records] == [
        "chou2007diagnosis",
        "qaseem2017",
        "mullergradedactivityusual2021",
        "nice-ng59",
        "who-low-back-pain",
        "lefevre2019handbook",
    ]


def test_article_fields(records):
    """Abbreviated journal, string or number values, PMID from Zotero's note, DOI from a link."""
    chou, qaseem = records[0], records[1]
    assert (chou.source, chou.year, chou.volume, chou.issue, chou.pages) == (
        "Ann Intern Med",
        2007,
        "147",
        "7",
        "478-491",
    )
    assert (chou.doi, chou.pmid) == ("10.7326/0003-4819-147-7-200710020-00006", "17909209")
    assert chou.authors[4] == "Cross, J. Thomas, Jr"
    assert (qaseem.volume, qaseem.issue, qaseem.doi, qaseem.pmid) == ("166", "7", "10.7326/M16-2367", "28192789")
    assert qaseem.authors[-1] == "Clinical Guidelines Committee of the American College of Physicians"


def test_twenty_authors_particles_and_genre(records):
    """Twenty authors stay, particles join the family name, a PubMed genre sets the type."""
    trial = records[2]
    assert len(trial.authors) == 20
    assert trial.authors[:3] == ["Müller, Jürgen", "Østergaard, Lars", "Nowak, Łukasz"]
    assert trial.authors[12] == "van der Berg, Jan-Willem"
    assert (trial.type, trial.source, trial.pmid) == (T.RCT, "J Fict Clin Trials", "99900001")


def test_report_web_page_and_book(records):
    """A report with a guideline genre, a web page without a date, a book with a raw date."""
    nice, who, book = records[3], records[4], records[5]
    assert (nice.type, nice.source, nice.year) == (
        T.PRACTICE_GUIDELINE,
        "National Institute for Health and Care Excellence",
        2016,
    )
    assert (who.type, who.year, who.url) == (
        T.WEBSITE,
        None,
        "https://www.who.int/news-room/fact-sheets/detail/low-back-pain",
    )
    assert (book.type, book.source, book.year) == (T.BOOK, "Example Medical Press", 2019)


def test_invalid_json_names_the_line():
    """A stray comma is reported with its line and column."""
    with pytest.raises(ImportFormatError) as error:
        parse_references(fixture_text("malformed.json"))
    assert error.value.line == 12
    assert str(error.value).startswith("Line 12: this is not valid JSON (")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"just a string"', "CSL-JSON is a list of items"),
        ("[]", "The file holds an empty list"),
        ('[{"title": "Fine"}, 42]', "Entry 2: each item must be a JSON object."),
        ('[{"id": "x1", "title": "T", "author": "Smith"}]', "Entry 1 (x1): “author” must be a list of names."),
        ('[{"id": "x1", "title": "T", "author": ["Smith"]}]', "Entry 1 (x1): an author must be an object"),
    ],
)
def test_wrong_shapes_are_reported(text, message):
    """JSON that is not CSL-JSON is reported with the entry at fault."""
    with pytest.raises(ImportFormatError) as error:
        parse_references(text, file_format="csljson")
    assert str(error.value).startswith(message)


# Pathological input


def test_deep_nesting_is_refused_naming_the_entry():
    """2,000 nested arrays (Python's JSON reader would run out of stack) are refused with a clear message."""
    with pytest.raises(ImportFormatError) as error:
        parse_references("[" * 2000 + "]" * 2000)
    assert "Entry 1, line 1: the data is nested more than 20 levels deep" in str(error.value)


def test_deep_nesting_in_a_later_entry_names_that_entry():
    """The message names the item where the nesting goes too deep, and its line."""
    good = '{"id": "a", "title": "Fine"}'
    deep = '{"id": "b", "title": "Deep", "note": ' + "[" * 30 + "]" * 30 + "}"
    with pytest.raises(ImportFormatError) as error:
        parse_references(f"[{good},\n{good},\n{deep}]")
    assert str(error.value).startswith("Entry 3, line 3: the data is nested")


def test_brackets_inside_strings_do_not_count_as_nesting():
    """A title full of brackets is text, not structure."""
    parsed = parse_references('[{"id": "a", "title": "' + "[{" * 50 + '"}]')
    assert parsed.records[0].title == "[{" * 50


def test_a_huge_number_is_refused_naming_the_entry():
    """A 5,000-digit year (Python refuses to read it) is refused with the entry and its id."""
    text = (
        '[{"id": "fine", "title": "A"}, {"id": "huge", "title": "B", "issued": {"date-parts": [[' + "9" * 5000 + "]]}}]"
    )
    with pytest.raises(ImportFormatError) as error:
        parse_references(text)
    assert "Entry 2 (huge): a number has 5000 digits" in str(error.value)


def test_ordinary_numbers_still_read():
    """Years and volumes given as numbers are read as before."""
    parsed = parse_references('[{"id": "a", "title": "T", "volume": 12, "issued": {"date-parts": [[2019, 4]]}}]')
    assert parsed.records[0].year == 2019
    assert parsed.records[0].volume == "12"
