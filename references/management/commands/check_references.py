"""``manage.py check_references``: ask Crossref and PubMed about retractions and corrections, and check links."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from references.checks.progress import Progress
from references.checks.runner import Summary, check_links, check_sources, links_due, sources_due
from references.models import Reference


class Command(BaseCommand):
    help = (
        "Check the library's references: Crossref (by DOI) and PubMed (by PMID) for retractions, corrections "
        "and expressions of concern, and each web address for broken or moved links. Findings are stored on "
        "the references; a reference whose check fails is left as it was and tried again next time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--only", choices=["sources", "links"], help="run only the identifier checks, or only the link checks"
        )
        parser.add_argument(
            "keys", nargs="*", metavar="KEY", help="citation keys to check (default: the whole library)"
        )
        parser.add_argument(
            "--due", action="store_true", help="only references not checked within CITATION_CHECK_INTERVAL_DAYS"
        )
        parser.add_argument("--limit", type=int, help="check at most this many references of each kind")

    def handle(self, *args, only: str | None, keys: list[str], due: bool, limit: int | None, **options) -> None:
        from django.conf import settings

        if limit is not None and limit < 1:
            raise CommandError("--limit needs a whole number, at least 1.")
        days = settings.CITATION_CHECK_INTERVAL_DAYS if due else None
        failed = False
        if only in (None, "sources"):
            references = self._select(sources_due(older_than_days=days), keys, limit)
            self.stdout.write(f"Identifiers: {len(references)} references to ask Crossref and PubMed about.")
            progress = Progress(len(references), self.stdout.write)
            summary = check_sources(references, tick=progress.step)
            failed |= self._report("Identifiers", summary)
        if only in (None, "links"):
            references = self._select(links_due(older_than_days=days), keys, limit)
            self.stdout.write(f"Links: {len(references)} web addresses to check.")
            progress = Progress(len(references), self.stdout.write)
            summary = check_links(references, tick=progress.step)
            failed |= self._report("Links", summary)
        if failed:
            raise CommandError("Some references could not be checked (see above); run the command again later.")

    def _select(self, references, keys: list[str], limit: int | None) -> list[Reference]:
        if keys:
            wanted = {key.lower() for key in keys}
            known = set(Reference.objects.filter(citation_key__in=wanted).values_list("citation_key", flat=True))
            unknown = sorted(wanted - known)
            if unknown:
                raise CommandError(f"No reference has the key(s) {', '.join(unknown)}.")
            references = references.filter(citation_key__in=wanted)
        return list(references[:limit] if limit else references)

    def _report(self, title: str, summary: Summary) -> bool:
        for key, finding in summary.findings:
            self.stdout.write(self.style.WARNING(f"  {key}: {finding}"))
        for key, reason in summary.skipped:
            self.stdout.write(f"  skipped {key}: {reason}")
        for key, note in summary.notes:
            self.stdout.write(f"  note {key}: {note}")
        for key, error in summary.errors:
            self.stderr.write(f"  failed {key}: {error}")
        style = self.style.ERROR if summary.errors else self.style.SUCCESS
        self.stdout.write(style(f"{title}: {summary.as_text()}."))
        return bool(summary.errors)
