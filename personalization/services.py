"""Writes to the audiences table."""

from decimal import Decimal

from .models import Audience


def audience_save(
    *,
    slug: str,
    label: str,
    description: str = "",
    disclaimer_title: str,
    disclaimer_text: str,
    target_grade: Decimal | str | None = None,
    is_default: bool = False,
    order: int = 0,
) -> Audience:
    """Create the audience with this slug, or update it. The chief editor's admin does the same by form."""
    audience, _created = Audience.objects.update_or_create(
        slug=slug,
        defaults={
            "label": label,
            "description": description,
            "disclaimer_title": disclaimer_title,
            "disclaimer_text": disclaimer_text,
            "target_grade": Decimal(target_grade) if target_grade is not None else None,
            "is_default": is_default,
            "order": order,
        },
    )
    return audience
