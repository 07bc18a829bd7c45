from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        from . import cache, signals  # noqa: F401  (receivers)
        from .versioning import register_with_reversion

        register_with_reversion()
