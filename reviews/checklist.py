"""The approval checklist a new site starts with; the chief editor edits, reorders and deactivates it."""

DEFAULT_CHECKLIST = [
    "Every cited source supports the statement it is cited for.",
    "Doses, intervals and thresholds are checked against the cited sources.",
    "Red flags and when to seek urgent care are complete for each audience.",
]


def ensure_default_checklist(*, apps, using: str = "default", **kwargs) -> None:
    """Give an empty checklist table the defaults (a new database, or a test database after a flush).
    Statements are deactivated, never deleted, so a site that has a checklist keeps exactly its own."""
    try:
        AttestationItem = apps.get_model("reviews", "AttestationItem")
    except LookupError:  # migrated back before the checklist existed
        return
    if not AttestationItem.objects.using(using).exists():
        AttestationItem.objects.using(using).bulk_create(
            AttestationItem(text=text, order=order) for order, text in enumerate(DEFAULT_CHECKLIST)
        )
