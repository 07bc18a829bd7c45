import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from references.importers import ImportFormatError
from references.models import Reference
from references.planning import Action
from references.services import ImportRefusedError, PlanChangedError, reference_import, reference_import_preview
from tests.factories import make_reference

from .conftest import fixture_text

pytestmark = pytest.mark.django_db


def ris(*entries: str) -> str:
    return "".join(f"TY  - JOUR\n{entry.strip()}\nER  - \n\n" for entry in entries)


def test_preview_adds_new_entries_and_merges_known_ones(qaseem):
    """An entry whose DOI is in the library merges into it, naming it and the empty fields it fills."""
    plan = reference_import_preview(text=fixture_text("sample.ris"), filename="sample.ris")
    assert plan.format == "ris"
    assert [e.action for e in plan.entries] == [
        Action.ADD,
        Action.MERGE,
        Action.ADD,
        Action.ADD,
        Action.ADD,
        Action.ADD,
    ]
    merge = plan.entries[1]
    assert (merge.existing, merge.key) == (qaseem, "qaseem2017")
    assert merge.fills == {"issue": "7", "pages": "514-530", "pmid": "28192789"}
    assert (
        merge.summary()
        == "merge entry 2 (qaseem2017noninvasive), line 27 into “qaseem2017” (same DOI): fills issue, pages, PMID"
    )
    assert Reference.objects.count() == 1


def test_merge_by_pmid_when_the_doi_is_unknown():
    """A PMID match merges too, and the missing DOI is filled."""
    existing = make_reference(key="known", pmid="17909209", doi="")
    plan = reference_import_preview(
        text=ris("TI  - Chou\nAN  - 17909209\nDO  - 10.7326/0003-4819-147-7-200710020-00006")
    )
    (entry,) = plan.entries
    assert (entry.action, entry.existing) == (Action.MERGE, existing)
    assert entry.fills["doi"] == "10.7326/0003-4819-147-7-200710020-00006"


def test_import_adds_and_fills_but_never_overwrites(qaseem):
    """Importing adds the new entries and fills only the empty fields of the merged reference."""
    result = reference_import(text=fixture_text("sample.ris"))
    assert (len(result.created), len(result.merged), result.dry_run) == (5, 1, False)
    assert Reference.objects.count() == 6
    qaseem.refresh_from_db()
    assert qaseem.title == "Noninvasive treatments for acute, subacute, and chronic low back pain"  # kept
    assert (qaseem.authors, qaseem.source, qaseem.volume) == ("Qaseem, Amir", "Ann Intern Med", "166")  # kept
    assert (qaseem.issue, qaseem.pages, qaseem.pmid) == ("7", "514-530", "28192789")  # filled
    trial = Reference.objects.get(citation_key="muller2021graded")
    assert len(trial.author_list) == 20
    assert trial.author_list[1] == "Østergaard, Lars"
    assert trial.type == Reference.Type.RCT


def test_importing_the_same_file_twice_adds_nothing_the_second_time():
    """Every entry of a re-imported file merges into the references the first import made."""
    reference_import(text=fixture_text("sample.nbib"))
    again = reference_import(text=fixture_text("sample.nbib"))
    assert [e.action for e in again.plan.entries] == [Action.MERGE] * 5
    assert (len(again.created), len(again.merged)) == (0, 0)
    assert Reference.objects.count() == 5


@pytest.mark.parametrize(
    ("entries", "reason"),
    [
        (["AU  - Smith, Jane\nPY  - 2020"], "it has no title."),
        (["TI  - Bad DOI\nDO  - 10.12/nope"], "DOI: A DOI starts with “10.”"),
        (["TI  - Bad PMID\nAN  - 1234567890"], "PMID: A PMID is a number of up to nine digits."),
        (["TI  - Bad link\nUR  - not a link"], "URL: Enter a valid URL."),
        (
            ["TI  - First\nDO  - 10.5555/same", "TI  - Second\nDO  - https://doi.org/10.5555/SAME"],
            "duplicate inside the file: same DOI as entry ",
        ),
    ],
)
def test_refusals_say_why(entries, reason):
    """Entries that cannot be imported are refused with the reason, and nothing is imported."""
    before = Reference.objects.count()
    plan = reference_import_preview(text=ris(*entries))
    refused = plan.refusals[-1]
    assert refused.reason.startswith(reason)
    assert not plan.is_importable
    with pytest.raises(ImportRefusedError) as error:
        reference_import(text=ris("TI  - A fine entry", *entries))
    assert error.value.plan.refusals[-1].reason.startswith(reason)
    assert "so nothing was imported" in str(error.value)
    assert Reference.objects.count() == before


def test_identifiers_of_two_different_references_are_refused():
    """A DOI of one reference with the PMID of another cannot be merged anywhere."""
    make_reference(key="a", doi="10.5555/a")
    make_reference(key="b", pmid="123")
    (entry,) = reference_import_preview(text=ris("TI  - Mixed\nDO  - 10.5555/a\nAN  - 123")).entries
    assert entry.action == Action.REFUSE
    assert entry.reason == "its DOI belongs to “a” but its PMID to “b”."


def test_two_entries_merging_into_one_reference_are_refused():
    """Entries matching one reference by different identifiers would both fill it; the second is refused."""
    make_reference(key="known", doi="10.5555/known", pmid="123")
    plan = reference_import_preview(text=ris("TI  - By DOI\nDO  - 10.5555/known", "TI  - By PMID\nAN  - 123"))
    assert [e.action for e in plan.entries] == [Action.MERGE, Action.REFUSE]
    assert plan.entries[1].reason == "duplicate inside the file: entry 1 (doi), line 1 already merges into “known”."


def test_malformed_file_imports_nothing():
    """A malformed file raises an error naming the entry and line; the library is unchanged."""
    make_reference()
    with pytest.raises(ImportFormatError, match=r"^Entry 2 \(unbalanced_2021\), line 7: "):
        reference_import(text=fixture_text("malformed.bib"))
    assert Reference.objects.count() == 1


def test_taken_keys_get_a_suffix():
    """A key already in the library (in any case) gets the next free suffix, with a note."""
    make_reference(key="Chou_Diagnosis_2007")
    make_reference(key="chou_diagnosis_2007a")
    plan = reference_import_preview(text=fixture_text("sample.bib"))
    chou = plan.entries[0]
    assert chou.key == "chou_diagnosis_2007b"
    assert chou.notes == ["the key “chou_diagnosis_2007” is taken; it becomes “chou_diagnosis_2007b”."]


def test_dry_run_writes_nothing():
    """A dry run checks the whole file and writes nothing."""
    result = reference_import(text=fixture_text("sample.json"), dry_run=True)
    assert (result.dry_run, len(result.plan.adds), result.created) == (True, 6, [])
    assert Reference.objects.count() == 0


def test_confirmation_of_an_outdated_preview_is_refused(qaseem):
    """If the library changed since the preview, the import stops and returns the new plan."""
    text = fixture_text("sample.ris")
    digest = reference_import_preview(text=text).digest
    make_reference(key="latecomer", doi="10.5555/jfct.2021.0142")
    with pytest.raises(PlanChangedError) as error:
        reference_import(text=text, expected_digest=digest)
    assert error.value.plan.entries[2].action == Action.MERGE
    assert Reference.objects.count() == 2


def test_a_clash_at_write_time_imports_nothing(monkeypatch):
    """If the database refuses a row (a race with another import), nothing is written and the user is told."""
    make_reference(key="chou_diagnosis_2007")
    monkeypatch.setattr("references.planning.unique_keys", lambda keys, taken: list(keys))
    with pytest.raises(ValidationError) as error:
        reference_import(text=fixture_text("sample.bib"))
    assert error.value.code == "conflict"
    assert Reference.objects.count() == 1


def test_checking_against_the_library_costs_the_same_for_any_file_size():
    """Duplicate detection reads the library once, not once per entry."""
    make_reference(doi="10.5555/dup0")

    def queries(n: int) -> int:
        text = ris(*(f"TI  - Entry {i}\nDO  - 10.5555/dup{i}\nAN  - {1000 + i}" for i in range(n)))
        with CaptureQueriesContext(connection) as context:
            reference_import_preview(text=text)
        return len(context.captured_queries)

    assert queries(3) == queries(300) == 2  # the library's identifiers; the one reference to merge into


def test_progress_is_reported_per_batch():
    """Big imports report progress as each batch of new references is written."""
    calls = []
    reference_import(
        text=ris(*(f"TI  - Entry {i}" for i in range(1200))), progress=lambda done, total: calls.append((done, total))
    )
    assert calls == [(500, 1200), (1000, 1200), (1200, 1200)]
    assert Reference.objects.count() == 1200
