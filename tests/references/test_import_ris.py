import pytest

from references.importers import ImportFormatError, parse_references
from references.models import Reference

from .conftest import fixture_text

T = Reference.Type


@pytest.fixture
def records():
    parsed = parse_references(fixture_text("sample.ris"))
    assert parsed.format == "ris"
    return parsed.records


def test_reads_every_entry_in_order_with_its_line(records):
    """Six entries, numbered from 1, each with the line its TY tag is on (CRLF line ends included)."""
    assert [(r.entry, r.line) for r in records] == [(1, 1), (2, 27), (3, 47), (4, 84), (5, 92), (6, 99)]


def test_journal_article_fields(records):
    """Zotero/EndNote fields map to ours: abbreviated journal, pages joined, PMID from AN, type from M3."""
    chou = records[0]
    assert chou.title.startswith("Diagnosis and treatment of low back pain: a joint clinical practice guideline")
    assert chou.authors[0] == "Chou, Roger"
    assert chou.authors[4] == "Cross, J. Thomas, Jr"
    assert len(chou.authors) == 7
    assert (chou.source, chou.year, chou.volume, chou.issue, chou.pages) == (
        "Ann Intern Med",
        2007,
        "147",
        "7",
        "478-491",
    )
    assert (chou.doi, chou.pmid) == ("10.7326/0003-4819-147-7-200710020-00006", "17909209")
    assert chou.type == T.PRACTICE_GUIDELINE
    assert chou.key == "chou2007diagnosis"  # "ID  - 1" is a record number, not a key


def test_identifiers_from_links_and_notes(records):
    """A doi.org link in DO and "PMID: …" in a note become identifiers."""
    qaseem = records[1]
    assert (qaseem.doi, qaseem.pmid) == ("10.7326/M16-2367", "28192789")


def test_twenty_authors_with_non_ascii_names(records):
    """All twenty authors are kept, in order, letters intact; a PubMed link is not kept as the URL."""
    trial = records[2]
    assert len(trial.authors) == 20
    assert trial.authors[:3] == ["Müller, Jürgen", "Østergaard, Lars", "Nowak, Łukasz"]
    assert trial.authors[-1] == "Ng, Wei Ling"
    assert trial.type == T.RCT
    assert (trial.pmid, trial.url) == ("99900001", "")


def test_report_web_page_and_book(records):
    """RPRT is a guideline, ELEC a web page (here without a year), BOOK a book with its publisher."""
    nice, who, book = records[3], records[4], records[5]
    assert (nice.type, nice.source, nice.url) == (
        T.GUIDELINE,
        "National Institute for Health and Care Excellence",
        "https://www.nice.org.uk/guidance/ng59",
    )
    assert nice.authors == ["National Institute for Health and Care Excellence"]
    assert (who.type, who.year, who.source) == (T.WEBSITE, None, "World Health Organization")
    assert (book.type, book.source, book.year, book.authors) == (
        T.BOOK,
        "Example Medical Press",
        2019,
        ["Lefèvre, Chloé"],
    )


def test_missing_er_names_the_entry_and_line():
    """An entry without its ER line is reported with its number and first line."""
    with pytest.raises(ImportFormatError) as error:
        parse_references(fixture_text("malformed.ris"))
    assert (error.value.entry, error.value.line) == (2, 7)
    assert (
        str(error.value) == "Entry 2, line 7: the entry has no “ER  - ” line before the next entry starts on line 12."
    )


def test_broken_tag_names_the_line():
    """A mistyped tag ("AU - ") is reported, not read as part of the title."""
    with pytest.raises(ImportFormatError) as error:
        parse_references(fixture_text("malformed_tag.ris"))
    assert error.value.line == 3
    assert "“AU - Smith, Jane” is not a valid RIS tag line" in str(error.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("TY  - JOUR\nTI  - Unfinished\n", "Entry 1, line 1: the entry is not closed"),
        ("TY  - JOUR\nTI  - A\nER  - \nAU  - Stray, Tag\n", "Line 4: the tag AU is outside an entry"),
        ("TI  - No start\nER  - \n", "Line 1: the tag TI is outside an entry"),
    ],
)
def test_structure_errors(text, message):
    """Unclosed entries and tags outside entries are errors, never silently dropped."""
    with pytest.raises(ImportFormatError) as error:
        parse_references(text, file_format="ris")
    assert str(error.value).startswith(message)
