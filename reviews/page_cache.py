"""The advisory-board page in the shared page cache (``articles.page_cache``): its tag and what changes it."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from articles.cache import invalidate

from .models import BoardMember, Specialty

BOARD = "board"


@receiver(post_save, sender=BoardMember)
@receiver(post_delete, sender=BoardMember)
@receiver(post_save, sender=Specialty)
@receiver(post_delete, sender=Specialty)
@receiver(m2m_changed, sender=BoardMember.specialties.through)
def board_changed(sender, **kwargs) -> None:
    """A member joins, leaves or edits their entry or disclosure, or a specialty is renamed."""
    if kwargs.get("action", "post_").startswith("post_"):
        invalidate(BOARD)
