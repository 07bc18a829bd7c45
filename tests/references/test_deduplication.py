import datetime

import pytest
from django.urls import reverse

from references.models import Reference
from references.services import reference_import, reference_import_preview

from .conftest import fixture_text

pytestmark = pytest.mark.django_db

BOOK_RIS = """TY  - BOOK
TI  - Clinical Examination of the Thoracic Spine
AU  - Whitfield, Anna
PY  - 2019
PB  - Fictional Press
SN  - 0-306-40615-2
ER  -{space}

TY  - ELEC
TI  - Low back pain fact sheet
AU  - World Health Organization
PY  - 2023
UR  - https://www.who.int/news-room/fact-sheets/detail/low-back-pain
Y2  - 2025/03/03/
ER  -{space}
""".format(space=" ")  # RIS ends each entry with "ER  - " (trailing space)


def test_ris_keeps_the_isbn_and_the_access_date():
    """SN becomes the ISBN-13; Y2 the accessed date."""
    reference_import(text=BOOK_RIS)
    book = Reference.objects.get(title__startswith="Clinical")
    page = Reference.objects.get(type=Reference.Type.WEBSITE)
    assert book.isbn == "9780306406157"
    assert page.accessed == datetime.date(2025, 3, 3)


def test_reimporting_a_book_without_doi_adds_nothing():
    """Three imports of the same file: one book, one web page; the preview says which rule matched."""
    reference_import(text=BOOK_RIS)
    for _ in range(2):
        result = reference_import(text=BOOK_RIS)
        assert result.created == []
    assert Reference.objects.count() == 2
    plan = reference_import_preview(text=BOOK_RIS)
    assert [(e.action, e.rule) for e in plan.entries] == [("merge", "isbn"), ("merge", "title")]
    assert "(same ISBN)" in plan.entries[0].summary()


def test_title_year_and_first_author_match_near_identical_titles():
    """Without identifiers, a title differing in case, punctuation and a typo still matches."""
    reference_import(text=BOOK_RIS.replace("SN  - 0-306-40615-2\n", ""))
    variant = BOOK_RIS.replace(
        "Clinical Examination of the Thoracic Spine", "Clinical examination of the thoracic spine."
    )
    variant = variant.replace("SN  - 0-306-40615-2\n", "").replace(
        "Low back pain fact sheet", "Low back pain factsheet"
    )
    plan = reference_import_preview(text=variant)
    assert [(e.action, e.rule) for e in plan.entries] == [("merge", "title"), ("merge", "title")]


def test_a_different_year_or_author_is_another_work():
    """A new edition (another year) or another first author is added, not merged."""
    reference_import(text=BOOK_RIS.replace("SN  - 0-306-40615-2\n", ""))
    other = BOOK_RIS.replace("PY  - 2019", "PY  - 2024").replace("SN  - 0-306-40615-2\n", "")
    other = other.replace("World Health Organization", "Example Health Agency")
    assert [e.action for e in reference_import_preview(text=other).entries] == ["add", "add"]


def test_a_chapter_does_not_merge_into_its_book():
    """A chapter shares the book's ISBN but has its own title."""
    reference_import(text=BOOK_RIS)
    chapter = BOOK_RIS.replace("TY  - BOOK", "TY  - CHAP").replace(
        "Clinical Examination of the Thoracic Spine", "Palpation of the rib cage"
    )
    assert reference_import_preview(text=chapter).entries[0].action == "add"


def test_a_file_that_added_a_book_twice_merges_into_both_copies():
    """Re-importing a file the project accepted before adds nothing, even one with the same work twice."""
    twice = BOOK_RIS + BOOK_RIS.split("ER  - \n")[0] + "ER  - \n"
    first = reference_import(text=twice.replace("SN  - 0-306-40615-2\n", ""))
    assert len(first.created) == 3
    assert "looks like the same work as entry 1" in " ".join(first.plan.entries[2].notes)
    again = reference_import(text=twice.replace("SN  - 0-306-40615-2\n", ""))
    assert again.created == []
    assert {e.existing.pk for e in again.plan.merges} == set(Reference.objects.values_list("pk", flat=True))


@pytest.mark.parametrize("name", ["sample.ris", "sample.bib", "sample.nbib", "sample.json"])
def test_reimporting_each_sample_file_adds_nothing(name):
    """Every file the project accepts imports once: the second time, nothing is added or refused."""
    reference_import(text=fixture_text(name))
    count = Reference.objects.count()
    again = reference_import(text=fixture_text(name))
    assert (again.created, again.plan.refusals, Reference.objects.count()) == ([], [], count)


def test_doi_matches_in_any_case_and_keeps_the_library_spelling(qaseem):
    """A file writing the DOI in lower case merges into the reference holding it in upper case."""
    text = fixture_text("sample.ris").replace("10.7326/M16-2367", "10.7326/m16-2367")
    plan = reference_import_preview(text=text)
    (merge,) = [e for e in plan.entries if e.existing == qaseem]
    assert (merge.rule, merge.notes) == ("doi", [])
    qaseem.refresh_from_db()
    assert qaseem.doi == "10.7326/M16-2367"


def test_preview_page_names_the_rule(client, librarian):
    """The admin's preview has a "Matched by" column."""
    reference_import(text=BOOK_RIS)
    client.force_login(librarian)
    page = client.post(reverse("admin:references_reference_import"), {"text": BOOK_RIS}).content.decode()
    assert "Matched by" in page
    assert '<td class="import-rule">same ISBN</td>' in page
    assert '<td class="import-rule">same title, year and first author</td>' in page


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "bibtex",
            "@book{w, title={T}, author={Whitfield, Anna}, year={2019}, isbn={978-0-306-40615-7}, url={https://x.org}, urldate={2025-03-03}, pmcid={PMC123}}",
            ("9780306406157", "PMC123", datetime.date(2025, 3, 3)),
        ),
        (
            "csljson",
            '[{"id": "w", "type": "book", "title": "T", "ISBN": "0306406152", "PMCID": "pmc123", "URL": "https://x.org", "accessed": {"date-parts": [[2025, 3, 3]]}}]',
            ("9780306406157", "PMC123", datetime.date(2025, 3, 3)),
        ),
        ("nbib", "PMID- 90000001\nTI  - T.\nPMC - PMC123\nDP  - 2019\n", ("", "PMC123", None)),
        (
            "nbib",
            "PMID- 90000001\nTI  - T.\nAID - PMC123 [pmc]\nISBN- 9780306406157\nDP  - 2019\n",
            ("9780306406157", "PMC123", None),
        ),
    ],
)
def test_each_format_reads_isbn_pmcid_and_access_date(name, text, expected):
    """BibTeX isbn/pmcid/urldate, CSL-JSON ISBN/PMCID/accessed, MEDLINE PMC/AID [pmc]/ISBN."""
    (entry,) = reference_import_preview(text=text, file_format=name).entries
    assert (entry.record.isbn, entry.record.pmcid, entry.record.accessed) == expected
