from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ProjectConfig(AppConfig):
    """The project itself as an app, last in INSTALLED_APPS: it keeps the editorial roles in shape."""

    name = "config"
    verbose_name = "Clinical Answers"

    def ready(self) -> None:
        # Sent once per app after migrate and after flush; as the last app, every permission exists by then.
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="config.ensure_roles")


def _ensure_roles(sender, using: str = "default", apps=None, **kwargs) -> None:
    from django.apps import apps as global_apps

    from .roles import ensure_roles

    # flush sends post_migrate without the migration state's apps: the installed ones serve then.
    ensure_roles(apps=apps or global_apps, using=using)
