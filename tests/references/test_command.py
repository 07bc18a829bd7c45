from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from references.models import Reference

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_references", *args, stdout=out)
    return out.getvalue()


def test_imports_a_file_and_prints_the_plan(qaseem):
    """The command imports the file and lists counts and the merge it made."""
    output = run(str(FIXTURES / "sample.nbib"))
    assert "PubMed (MEDLINE / .nbib): 5 entries: 4 to add, 1 to merge, 0 refused." in output
    assert (
        "merge entry 2 (qaseem2017noninvasive), line 44 into “qaseem2017” (same DOI): fills issue, pages, PMID"
        in output
    )
    assert "4 added, 1 merged." in output
    assert Reference.objects.count() == 5


def test_dry_run_writes_nothing(qaseem):
    """--dry-run shows the same plan and leaves the library as it was."""
    output = run(str(FIXTURES / "sample.bib"), "--dry-run")
    assert "BibTeX: 6 entries: 5 to add, 1 to merge, 0 refused." in output
    assert "Dry run: nothing was written." in output
    assert Reference.objects.count() == 1


def test_malformed_file_fails_and_imports_nothing():
    """A malformed file exits non-zero with the entry and line at fault."""
    with pytest.raises(CommandError, match=r"malformed\.ris: Entry 2, line 7: the entry has no “ER  - ” line"):
        run(str(FIXTURES / "malformed.ris"))
    assert Reference.objects.count() == 0


def test_refused_entries_fail_and_import_nothing(tmp_path):
    """Refused entries are listed, then the command exits non-zero without importing."""
    path = tmp_path / "refused.ris"
    path.write_text("TY  - JOUR\nTI  - Fine\nER  - \n\nTY  - JOUR\nAU  - Smith, Jane\nER  - \n")
    out = StringIO()
    with pytest.raises(CommandError, match=r"1 of 2 entries was refused, so nothing was imported\."):
        call_command("import_references", str(path), stdout=out)
    assert "refuse entry 2 (smith), line 5: it has no title." in out.getvalue()
    assert Reference.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("TY  - JOUR\nTI  - A\nER  - \n", ("--format", "bibtex"), "No BibTeX entries found"),
        ("TI  - Müller".encode("latin-1"), (), "the file is not UTF-8 text"),
        (b"", (), "The file is empty."),
    ],
)
def test_unreadable_files_fail_clearly(tmp_path, content, args, message):
    """A forced wrong format, a wrong encoding or an empty file exits non-zero with a clear message."""
    path = tmp_path / "upload.txt"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(CommandError, match=message):
        run(str(path), *args)


def test_missing_file_fails_clearly(tmp_path):
    """A path that does not exist is reported as such."""
    with pytest.raises(CommandError, match=r"Cannot read .*nothing\.ris: No such file or directory"):
        run(str(tmp_path / "nothing.ris"))


def test_big_files_report_progress(tmp_path):
    """Files of a thousand entries or more print progress as batches are written."""
    path = tmp_path / "big.ris"
    path.write_text(
        "".join(f"TY  - JOUR\nTI  - Study number {n}\nDO  - 10.5555/big.{n}\nER  - \n" for n in range(1000))
    )
    output = run(str(path))
    assert "  written 500 of 1000 new references\n  written 1000 of 1000 new references\n" in output
    assert Reference.objects.count() == 1000
