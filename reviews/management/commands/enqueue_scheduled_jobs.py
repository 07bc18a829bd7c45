"""The periodic entry: cron or a systemd timer runs this every minute (README "Background jobs")."""

import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from articles.tasks import expire_publications
from references.tasks import check_reference_health, link_check
from reviews.tasks import open_due_rereviews, publish_due_approvals, send_review_reminders

# The jobs that run on a clock rather than because someone acted. Each is idempotent, so a run
# that overlaps another, or a backlog after the worker was down, does no harm.
SCHEDULED_JOBS = (
    publish_due_approvals,
    expire_publications,
    send_review_reminders,
    open_due_rereviews,
    check_reference_health,
    link_check,
)
logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Queue the periodic jobs (publish approvals whose “publish at” time has come, take answers past "
        "their “unpublish at” time off the site, remind reviewers and escalate overdue reviews, open "
        "re-reviews of answers past their review date). Run it every minute; the task worker runs the jobs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--run-here",
            action="store_true",
            help="Run the jobs in this process instead of queuing them (no worker needed; for debugging).",
        )
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help="Keep going, once every SECONDS, until stopped: the stand-in for cron that `make run` uses.",
        )

    def handle(self, *args, run_here: bool = False, every: int | None = None, verbosity: int = 1, **options):
        if every is not None and every < 1:
            raise CommandError("--every needs a whole number of seconds, at least 1.")
        if every is None:
            self.run_once(run_here=run_here, verbosity=verbosity)
            return
        while True:  # a long-lived process: fresh connections, and one failed round is not the end
            close_old_connections()
            try:
                self.run_once(run_here=run_here, verbosity=verbosity)
            except Exception:
                logger.exception("Queuing the scheduled jobs failed; trying again in %d seconds.", every)
            time.sleep(every)

    def run_once(self, *, run_here: bool, verbosity: int) -> None:
        for job in SCHEDULED_JOBS:
            if run_here:
                outcome = job.call()
                message = f"Ran {job.name}: {outcome}"
            else:
                result = job.enqueue()
                message = f"Queued {job.name} (task {result.id})"
            if verbosity >= 1:
                self.stdout.write(message)
