"""Writes to the audiences and languages tables."""

from decimal import Decimal

from .models import Audience, Language


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


def language_save(*, code: str, name: str, native_name: str, search_config: str = "simple", order: int = 0) -> Language:
    """Create the (non-default) language with this code, or update it; the chief editor's admin does the same."""
    language = Language(code=code, name=name, native_name=native_name, search_config=search_config, order=order)
    language.full_clean(exclude=["code"], validate_unique=False)
    language, _created = Language.objects.update_or_create(
        code=code,
        defaults={"name": name, "native_name": native_name, "search_config": search_config, "order": order},
    )
    return language
