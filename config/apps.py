"""The project's own app: the admin site it uses, the editorial roles, the rule on control characters in
forms, and commands."""

from django import forms
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .text import validate_no_control_characters


class EditorialAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with ``admin.site`` an EditorialAdminSite."""

    default = False
    default_site = "config.admin_site.EditorialAdminSite"


class ProjectConfig(AppConfig):
    """The project itself as an app, last in INSTALLED_APPS."""

    default = True
    name = "config"
    verbose_name = _("Site configuration")

    def ready(self) -> None:
        # One rule for every form, the admin's included: text with control characters (other than
        # tab and line breaks) is refused with an error next to its field. Django already refuses
        # NUL the same way; both come before any view sees the value.
        if validate_no_control_characters not in forms.CharField.default_validators:
            forms.CharField.default_validators = [*forms.CharField.default_validators, validate_no_control_characters]
        # Sent once per app after migrate and after flush; as the last app, every permission exists by then.
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="config.ensure_roles")


def _ensure_roles(sender, using: str = "default", apps=None, **kwargs) -> None:
    from django.apps import apps as global_apps

    from .roles import ensure_roles

    # flush sends post_migrate without the migration state's apps: the installed ones serve then.
    ensure_roles(apps=apps or global_apps, using=using)
