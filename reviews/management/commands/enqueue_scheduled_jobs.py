"""The periodic entry: cron or a systemd timer runs this every minute (README "Background jobs")."""

from django.core.management.base import BaseCommand

from articles.tasks import expire_publications
from reviews.tasks import publish_due_approvals

# The jobs that run on a clock rather than because someone acted. Each is idempotent, so a run
# that overlaps another, or a backlog after the worker was down, does no harm.
SCHEDULED_JOBS = (publish_due_approvals, expire_publications)


class Command(BaseCommand):
    help = (
        "Queue the periodic jobs (publish approvals whose “publish at” time has come, take answers past "
        "their “unpublish at” time off the site). Run it every minute; the task worker runs the jobs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--run-here",
            action="store_true",
            help="Run the jobs in this process instead of queuing them (no worker needed; for debugging).",
        )

    def handle(self, *args, run_here: bool = False, verbosity: int = 1, **options):
        for job in SCHEDULED_JOBS:
            if run_here:
                outcome = job.call()
                message = f"Ran {job.name}: {outcome}"
            else:
                result = job.enqueue()
                message = f"Queued {job.name} (task {result.id})"
            if verbosity >= 1:
                self.stdout.write(message)
