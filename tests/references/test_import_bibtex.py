import pytest

from references.importers import ImportFormatError, parse_references
from references.models import Reference

from .conftest import fixture_text

T = Reference.Type


@pytest.fixture
def records():
    parsed = parse_references(fixture_text("sample.bib"))
    assert parsed.format == "bibtex"
    return parsed.records


def test_reads_every_entry_with_key_and_line(records):
    """Entries come in file order with their own keys and the line of their "@"."""
    assert [(r.key, r.line) for r in records] == [
        ("chou_diagnosis_2007", 5),
        ("qaseem_noninvasive_2017", 21),
        ("muller_graded_2021", 33),
        ("nice_ng59_2016", 47),
        ("who_low_back_pain", 56),
        ("lefevre_handbook_2019", 63),
    ]


def test_article_fields(records):
    """@string macros resolve, protective braces go, "--" becomes "-", the type field is a PubMed type."""
    chou = records[0]
    assert chou.title == (
        "Diagnosis and treatment of low back pain: a joint clinical practice guideline from the American College "
        "of Physicians and the American Pain Society"
    )
    assert chou.source == "Annals of Internal Medicine"
    assert (chou.year, chou.volume, chou.issue, chou.pages) == (2007, "147", "7", "478-491")
    assert (chou.doi, chou.pmid, chou.type) == (
        "10.7326/0003-4819-147-7-200710020-00006",
        "17909209",
        T.PRACTICE_GUIDELINE,
    )
    assert chou.authors[4] == "Cross, J. Thomas, Jr"


def test_corporate_author_and_pmid_in_note(records):
    """A doubly braced author is one organisation; "PMID: …" in note is the PMID."""
    qaseem = records[1]
    assert qaseem.authors[-1] == "Clinical Guidelines Committee of the American College of Physicians"
    assert len(qaseem.authors) == 5
    assert (qaseem.doi, qaseem.pmid) == ("10.7326/M16-2367", "28192789")


def test_latex_names_decode_and_twenty_authors_are_kept(records):
    """LaTeX accents and raw UTF-8 both give the right letters; all twenty authors stay."""
    trial = records[2]
    assert len(trial.authors) == 20
    assert trial.authors[:3] == ["Müller, Jürgen", "Østergaard, Lars", "Nowak, Łukasz"]
    assert trial.authors[3] == "Šimić, Ana"
    assert trial.authors[8] == "Lefèvre, Chloé"
    assert trial.authors[12] == "van der Berg, Jan-Willem"
    assert (trial.source, trial.pmid) == ("J Fict Clin Trials", "99900001")  # shortjournal; eprinttype pubmed


def test_report_misc_and_book(records):
    """@techreport is a guideline (its number is no issue), @misc with a link a web page, @book a book."""
    nice, who, book = records[3], records[4], records[5]
    assert (nice.type, nice.issue, nice.url) == (T.GUIDELINE, "", "https://www.nice.org.uk/guidance/ng59")
    assert (who.type, who.year, who.authors) == (T.WEBSITE, None, ["World Health Organization"])
    assert (book.type, book.source, book.authors) == (T.BOOK, "Example Medical Press", ["Lefèvre, Chloé"])


def test_unbalanced_braces_name_the_entry_key_and_line():
    """An unclosed brace is reported with the entry's number, key and line."""
    with pytest.raises(ImportFormatError) as error:
        parse_references(fixture_text("malformed.bib"))
    assert (error.value.entry, error.value.key, error.value.line) == (2, "unbalanced_2021", 7)
    assert str(error.value).startswith("Entry 2 (unbalanced_2021), line 7: ")
    assert "Check the braces and quotes of this entry." in str(error.value)


def test_duplicate_keys_are_kept_as_separate_entries():
    """Two entries with one key both arrive; the library check makes their keys unique."""
    text = "@article{same, title = {One}, year = 2020}\n@article{same, title = {Two}, year = 2021}\n"
    records = parse_references(text).records
    assert [(r.key, r.title) for r in records] == [("same", "One"), ("same", "Two")]


def test_percent_and_ampersand_are_text():
    """A bare % or & inside a field is literal text, not a LaTeX comment or column separator."""
    (record,) = parse_references("@article{k, title = {5% of patients & their doctors}}").records
    assert record.title == "5% of patients & their doctors"


def test_no_entries_is_an_error():
    """A file with only comments holds nothing to import."""
    with pytest.raises(ImportFormatError, match="No BibTeX entries found"):
        parse_references("% just a comment\n@comment{nothing here}\n", file_format="bibtex")


# Pathological input


def test_thousand_nested_braces_are_refused_naming_the_entry():
    """1,000 nested braces in a field (LaTeX decoding would run out of stack) are refused with a clear message."""
    text = "@article{ok, title = {Fine}}\n\n@article{deep, title = " + "{" * 1000 + "x" + "}" * 1000 + "}\n"
    with pytest.raises(ImportFormatError) as error:
        parse_references(text)
    assert "Entry 2 (deep), line 3: the field “title” nests braces more than 20 levels deep" in str(error.value)


def test_deeply_nested_latex_environments_are_refused():
    """Anything else LaTeX decoding cannot read without exhausting the stack is refused for its entry."""
    with pytest.raises(ImportFormatError) as error:
        parse_references("@article{env, title = {" + "\\begin{x}" * 1000 + "}}\n")
    assert "Entry 1 (env), line 1: the entry nests LaTeX groups or environments too deeply" in str(error.value)


def test_ordinary_nested_braces_still_read():
    """Protected words and accents ({{DNA}}, {\\"u}) read as before."""
    parsed = parse_references('@article{a, title = {The {{DNA}} of M{\\"u}ller}}\n')
    assert parsed.records[0].title == "The DNA of Müller"
