import pytest

from references.importers import ImportFormatError, parse_references
from references.importers.types import type_from_publication_types
from references.models import Reference

from .conftest import fixture_text

T = Reference.Type


@pytest.fixture
def records():
    parsed = parse_references(fixture_text("sample.nbib"))
    assert parsed.format == "nbib"
    return parsed.records


def test_reads_every_record_with_its_line(records):
    """Five records, separated by blank lines, each with the line of its PMID tag."""
    assert [(r.entry, r.line, r.pmid) for r in records] == [
        (1, 1, "17909209"),
        (2, 44, "28192789"),
        (3, 78, "99900001"),
        (4, 140, "99900002"),
        (5, 164, "99900003"),
    ]


def test_medline_fields(records):
    """Continuation lines join, MEDLINE's closing period goes, DOI comes from LID, source from TA."""
    chou = records[0]
    assert chou.title == (
        "Diagnosis and treatment of low back pain: a joint clinical practice guideline from the American College "
        "of Physicians and the American Pain Society"
    )
    assert (chou.source, chou.year, chou.volume, chou.issue, chou.pages) == (
        "Ann Intern Med",
        2007,
        "147",
        "7",
        "478-91",
    )
    assert chou.doi == "10.7326/0003-4819-147-7-200710020-00006"
    assert chou.key == "chou2007diagnosis"


def test_full_names_suffixes_and_groups(records):
    """FAU gives the names; "Jr" becomes a suffix; CN group authors follow the persons."""
    chou = records[0]
    assert chou.authors[:2] == ["Chou, Roger", "Qaseem, Amir"]
    assert chou.authors[4] == "Cross, J Thomas, Jr"
    assert chou.authors[7:] == [
        "Clinical Efficacy Assessment Subcommittee of the American College of Physicians",
        "American College of Physicians",
        "American Pain Society Low Back Pain Guidelines Panel",
    ]


def test_twenty_authors_with_non_ascii_names(records):
    """All twenty FAU names stay, in order, letters intact."""
    trial = records[2]
    assert len(trial.authors) == 20
    assert trial.authors[:3] == ["Müller, Jürgen", "Østergaard, Lars", "Nowak, Łukasz"]
    assert trial.authors[12] == "van der Berg, Jan-Willem"


def test_short_names_when_there_are_no_full_names(records):
    """Without FAU, AU "Šimić A" becomes "Šimić, A"."""
    assert records[4].authors == ["Šimić, A", "Dvořák, J"]


def test_publication_types_pick_the_most_specific(records):
    """PT lines set the type: guideline, trial, meta-analysis over systematic review and review, case report."""
    assert [r.type for r in records] == [
        T.PRACTICE_GUIDELINE,
        T.PRACTICE_GUIDELINE,
        T.RCT,
        T.META_ANALYSIS,
        T.CASE_REPORT,
    ]


@pytest.mark.parametrize(
    ("publication_types", "expected"),
    [
        (["Journal Article"], T.JOURNAL_ARTICLE),
        (["Journal Article", "Review"], T.REVIEW),
        (["Review", "Systematic Review", "Journal Article"], T.SYSTEMATIC_REVIEW),
        (["Meta-Analysis", "Systematic Review"], T.META_ANALYSIS),
        (["Journal Article", "Randomized Controlled Trial", "Multicenter Study"], T.RCT),
        (["Clinical Trial, Phase III", "Journal Article"], T.CLINICAL_TRIAL),
        (["Observational Study", "Journal Article"], T.OBSERVATIONAL),
        (["Case Reports", "Review"], T.CASE_REPORT),
        (["Guideline", "Practice Guideline"], T.PRACTICE_GUIDELINE),
        (["Consensus Development Conference, NIH"], T.CONSENSUS),
        (["Comparative Study", "Journal Article"], T.COMPARATIVE),
        (["Letter"], None),
    ],
)
def test_type_from_publication_types(publication_types, expected):
    """The most specific known PubMed publication type wins; unknown ones are ignored."""
    assert type_from_publication_types(publication_types) == expected


def test_a_line_without_tag_or_indent_names_the_record_and_line():
    """A damaged line is reported with its record and line number."""
    with pytest.raises(ImportFormatError) as error:
        parse_references(fixture_text("malformed.nbib"))
    assert (error.value.entry, error.value.line) == (2, 8)
    assert "“This line lost its tag and its indentation.” is neither a tag line" in str(error.value)
