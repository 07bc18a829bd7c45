"""Chief editors may share previews of drafts (articles.PreviewLink) and revoke them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODES = ["add_previewlink", "change_previewlink", "view_previewlink"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    chief, _ = Group.objects.get_or_create(name="Chief editors")
    chief.permissions.add(*Permission.objects.filter(content_type__app_label="articles", codename__in=CODES))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Chief editors"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="articles", codename__in=CODES))


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0004_review_schedule"),
        ("articles", "0008_previewlink"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
