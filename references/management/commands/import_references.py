"""``manage.py import_references FILE``: import a RIS, BibTeX, PubMed or CSL-JSON file, whole or not at all."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from references.importers import FORMATS, decode_file
from references.planning import ImportPlan
from references.services import ImportRefusedError, reference_import

PROGRESS_FROM = 1000  # entries; smaller files import too fast for progress lines to help


class Command(BaseCommand):
    help = (
        "Import references from a RIS, BibTeX, PubMed (MEDLINE/.nbib) or CSL-JSON file. The format is "
        "detected from the content. Entries with a DOI or PMID already in the library fill that "
        "reference's empty fields. If the file is malformed or any entry is refused, nothing is imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the file to import")
        parser.add_argument("--dry-run", action="store_true", help="check the file and show the plan; write nothing")
        parser.add_argument("--format", choices=sorted(FORMATS), help="skip detection and read the file as this format")

    def handle(self, *args, file: Path, dry_run: bool, format: str | None, **options) -> None:
        try:
            text = decode_file(file.read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}") from error
        except ValidationError as error:
            raise CommandError(f"{file}: {error.message}") from error

        try:
            result = reference_import(text=text, dry_run=dry_run, file_format=format, progress=self._progress)
        except ImportRefusedError as error:
            self._print_plan(error.plan)
            raise CommandError(f"{file}: {error.message}") from error
        except ValidationError as error:
            raise CommandError(f"{file}: {' '.join(error.messages)} Nothing was imported.") from error

        self._print_plan(result.plan)
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Imported {file}: {len(result.created)} added, {len(result.merged)} merged.")
            )

    def _progress(self, done: int, total: int) -> None:
        if total >= PROGRESS_FROM:
            self.stdout.write(f"  written {done} of {total} new references")

    def _print_plan(self, plan: ImportPlan) -> None:
        total = len(plan.entries)
        self.stdout.write(
            f"{plan.format_label}: {total} {'entry' if total == 1 else 'entries'}: {len(plan.adds)} to add, "
            f"{len(plan.merges)} to merge, {len(plan.refusals)} refused."
        )
        for entry in plan.entries:
            if entry.action != "add" or entry.notes:
                self.stdout.write(f"  {entry.summary()}")
            for note in entry.notes:
                self.stdout.write(f"    note: {note}")
