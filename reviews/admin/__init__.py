"""The review app's admin: the workflow inside the article admin, the board, and the records."""

from . import board, records, workflow  # noqa: F401  (each registers its admin classes)
