"""Let the chief editors manage partners' API keys and webhooks and read the delivery log.

Editors and board members get nothing here: they cannot see or issue keys. The group may not
exist yet (reviews' 0002_editorial_groups creates it too); whichever runs first creates it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CHIEF_PERMISSIONS = [
    "add_apikey", "change_apikey", "view_apikey",
    "add_webhookendpoint", "change_webhookendpoint", "delete_webhookendpoint", "view_webhookendpoint",
    "view_webhookdelivery",
]  # fmt: skip


def grant(apps, schema_editor):
    app_config = apps.get_app_config("api")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Chief editors")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="api", codename__in=CHIEF_PERMISSIONS))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Chief editors"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="api", codename__in=CHIEF_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
