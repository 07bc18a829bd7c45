"""Writes to the reference library: importing files, adding a reference by its identifier, merging
duplicates, marking newer editions, and storing what the health checks find."""

from .findings import finding_resolve, findings_store, reference_mark_superseded
from .imports import (
    ImportRefusedError,
    ImportResult,
    PlanChangedError,
    reference_create_for_identifier,
    reference_import,
    reference_import_preview,
)
from .merging import reference_merge

__all__ = [
    "ImportRefusedError",
    "ImportResult",
    "PlanChangedError",
    "finding_resolve",
    "findings_store",
    "reference_create_for_identifier",
    "reference_import",
    "reference_import_preview",
    "reference_mark_superseded",
    "reference_merge",
]
