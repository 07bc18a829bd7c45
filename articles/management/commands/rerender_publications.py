"""``manage.py rerender_publications``: render the stored reference lists of every published body again."""

from django.core.management.base import BaseCommand

from articles.services import published_reference_lists_rerender


class Command(BaseCommand):
    help = (
        "Render every published body's reference list again from its frozen entries: fills what older "
        "snapshots lack (stored list HTML, per-citation back-links) and refreshes retraction notes. "
        "The reviewed content does not change. Safe to run again."
    )

    def handle(self, *args, **options) -> None:
        count = published_reference_lists_rerender()
        self.stdout.write(self.style.SUCCESS(f"Rendered {count} published bodies."))
