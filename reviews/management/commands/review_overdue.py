from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.selectors import overdue_publications
from reviews.tasks import mail_board_of_overdue


class Command(BaseCommand):
    help = "List approved articles past their next review date; with --notify, queue a reminder mail to the board."

    def add_arguments(self, parser):
        parser.add_argument(
            "--notify", action="store_true", help="Queue a mail to every active board member with the list."
        )

    def handle(self, *args, notify: bool = False, **options):
        today = timezone.localdate()
        overdue = overdue_publications(limit=None)
        if not overdue:
            self.stdout.write(self.style.SUCCESS("No approved article is overdue for review."))
            return
        self.stdout.write(f"{len(overdue)} article(s) overdue for review:")
        for publication in overdue:
            days = (today - publication.next_review_due).days
            self.stdout.write(
                f"  {publication.next_review_due:%Y-%m-%d}  {days:>4} days late  {publication.question}  "
                f"({publication.get_absolute_url()})"
            )
        if notify:
            mail_board_of_overdue.enqueue()
            self.stdout.write(self.style.SUCCESS("Queued the reminder to the board; the task worker sends it."))
