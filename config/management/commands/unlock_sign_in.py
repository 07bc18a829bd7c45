"""Unlock a username or an address locked out after failed sign-ins (django-axes), or list lockouts."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.core.management.base import BaseCommand, CommandError

from config.client_ip import as_address


class Command(BaseCommand):
    help = (
        "Unlock a username or an address that failed to sign in too often; "
        "without arguments, list those with failed attempts."
    )

    def add_arguments(self, parser):
        parser.add_argument("who", nargs="*", help="usernames or IP addresses to unlock")
        parser.add_argument("--all", action="store_true", help="unlock everyone")

    def handle(self, *args, who: list[str], all: bool, **options):
        if all:
            count = reset()
            self.stdout.write(self.style.SUCCESS(f"Unlocked everyone: removed {count} records of failed attempts."))
            return
        if not who:
            attempts = AccessAttempt.objects.order_by("-attempt_time")
            if not attempts:
                self.stdout.write("No failed sign-in attempts are on record.")
            for attempt in attempts:
                self.stdout.write(
                    f"{attempt.username or '-'}  {attempt.ip_address or '-'}  "
                    f"{attempt.failures_since_start} failures, last {attempt.attempt_time:%Y-%m-%d %H:%M} UTC"
                )
            return
        for item in who:
            count = reset(ip=item) if as_address(item) else reset(username=item)
            if not count:
                raise CommandError(f"Nothing to unlock for {item!r}: no failed attempts are on record.")
            self.stdout.write(self.style.SUCCESS(f"Unlocked {item}: removed {count} records of failed attempts."))
