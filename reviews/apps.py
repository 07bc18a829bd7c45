from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Medical review")

    def ready(self) -> None:
        from . import page_cache  # noqa: F401  (the board page's cache receivers)

        post_migrate.connect(_ensure_default_checklist, sender=self, dispatch_uid="reviews.default_checklist")


def _ensure_default_checklist(sender, using: str = "default", apps=None, **kwargs) -> None:
    from django.apps import apps as global_apps

    from .checklist import ensure_default_checklist

    ensure_default_checklist(apps=apps or global_apps, using=using)
