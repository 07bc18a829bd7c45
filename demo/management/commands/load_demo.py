from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from demo.loader import DemoLoader


class Command(BaseCommand):
    help = "Load the original demo content (idempotent). With DEBUG on, also the demo logins."

    def handle(self, *args, **options):
        self.stdout.write("Loading demo content…")
        # The workflow mails the board on every submission (through the task queue); demo loading
        # sends nothing, now or later: its mail jobs go to a queue that nothing runs.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
        ):
            counts = DemoLoader(log=self.stdout.write).run()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {counts['articles']} articles added, {counts['skipped']} already present."
            )
        )
        if settings.DEBUG:
            password = settings.DEMO_PASSWORD
            self.stdout.write("Demo logins (development only):")
            self.stdout.write(f"  editor    / {password}   editors' workspace: /admin/")
            self.stdout.write(f"  reviewer1 / {password}   board dashboard: /review/")
            self.stdout.write(f"  reviewer2 / {password}   board dashboard: /review/")
            self.stdout.write(f"  chief     / {password}   chief editor (superuser): /admin/")
        else:
            self.stdout.write("DEBUG is off: no demo logins were enabled.")
