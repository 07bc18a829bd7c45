"""``manage.py import_retraction_watch FILE``: store the retractions of the Retraction Watch CSV file
on the references of the library they concern; the whole file or nothing."""

import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from references.checks.retraction_watch import import_retraction_watch


class Command(BaseCommand):
    help = (
        "Read the Retraction Watch database (the CSV file Crossref distributes) and store a finding on every "
        "reference whose DOI or PMID a row names as the original paper. Wrong columns, an encoding other than "
        "UTF-8 or a broken row: nothing is stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the CSV file (retraction_watch.csv)")

    def handle(self, *args, file: Path, **options) -> None:
        try:
            size = file.stat().st_size
            stream = file.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}") from error
        started = time.monotonic()
        rows = 0

        def tick(count: int) -> None:
            nonlocal rows
            rows += count
            if count and rows % 10000 == 0:
                done = stream.tell()
                elapsed = time.monotonic() - started
                left = elapsed / done * (size - done) if done else 0
                self.stdout.write(f"  read {rows} rows ({100 * done // max(size, 1)}%), about {round(left)} s left")

        with stream:
            try:
                result = import_retraction_watch(stream, tick=tick)
            except ValidationError as error:
                raise CommandError(f"{file}: {' '.join(error.messages)} Nothing was stored.") from error
        for finding in result.findings:
            self.stdout.write(self.style.WARNING(f"  {finding.reference.citation_key}: {finding.describe()}"))
        for nature, count in sorted(result.unknown_natures.items()):
            self.stdout.write(f"  note: {count} row(s) with the unknown nature “{nature}” were left out")
        self.stdout.write(
            self.style.SUCCESS(
                f"Read {result.rows} rows in {time.monotonic() - started:.1f} s: {result.matched} concern the library, "
                f"{len(result.findings)} new findings."
            )
        )
