from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferencesConfig(AppConfig):
    name = "references"
    verbose_name = _("Reference library")

    def ready(self) -> None:
        import reversion

        from . import signals  # noqa: F401 (connects the receivers)
        from .models import Reference

        # Editing a reference in the admin, and merging two, are revisions that can be reverted.
        if not reversion.is_registered(Reference):
            reversion.register(Reference)
