"""Create the groups "Editors", "Advisory board" and "Chief editors" with the permissions each needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    "articles.add_article", "articles.change_article", "articles.view_article",
    "articles.add_articlebody", "articles.change_articlebody", "articles.delete_articlebody", "articles.view_articlebody",
    "articles.add_citation", "articles.change_citation", "articles.delete_citation", "articles.view_citation",
    "articles.add_relatedquestion", "articles.change_relatedquestion", "articles.delete_relatedquestion",
    "articles.view_relatedquestion",
    "articles.view_topic", "articles.view_publication",
    "references.add_reference", "references.change_reference", "references.view_reference",
    "personalization.view_audience",
    "reviews.view_reviewrequest", "reviews.view_reviewdecision", "reviews.view_auditentry", "reviews.view_boardmember",
]  # fmt: skip
BOARD_PERMISSIONS = [
    "reviews.decide_reviewrequest", "reviews.view_reviewrequest", "reviews.view_reviewdecision",
    "reviews.view_auditentry", "articles.view_article", "references.view_reference",
]  # fmt: skip
CHIEF_EXTRA_PERMISSIONS = [
    "articles.retire_article", "articles.delete_article",
    "articles.add_topic", "articles.change_topic", "articles.delete_topic",
    "articles.add_editorialpolicy", "articles.change_editorialpolicy", "articles.view_editorialpolicy",
    "personalization.add_audience", "personalization.change_audience", "personalization.delete_audience",
    "reviews.add_boardmember", "reviews.change_boardmember", "reviews.delete_boardmember",
    "references.delete_reference",
]  # fmt: skip
GROUPS = {
    "Editors": EDITOR_PERMISSIONS,
    "Advisory board": BOARD_PERMISSIONS,
    "Chief editors": EDITOR_PERMISSIONS + CHIEF_EXTRA_PERMISSIONS,
}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("articles", "0001_initial"),
        ("references", "0001_initial"),
        ("personalization", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
