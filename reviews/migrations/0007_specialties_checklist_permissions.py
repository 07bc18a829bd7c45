"""Data for issue 10: a Specialty for each member's specialty line (so routing works at once), the
default approval checklist, approvals made before declarations were asked, and the chief editors'
permissions to assign reviewers and read the turnaround report."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils.text import slugify

CHECKLIST = [
    "Every cited source supports the statement it is cited for.",
    "Doses, intervals and thresholds are checked against the cited sources.",
    "Red flags and when to seek urgent care are complete for each audience.",
]
NOT_RECORDED = "Not recorded: approved before the board was asked to declare conflicts of interest."
CHIEF_CODES = ["assign_reviewrequest", "view_review_report", "add_topicrouting", "change_topicrouting",
               "delete_topicrouting", "view_topicrouting", "add_specialty", "change_specialty", "view_specialty",
               "add_attestationitem", "change_attestationitem", "view_attestationitem",
               "view_assignment", "view_passagecomment"]  # fmt: skip
BOARD_CODES = ["view_assignment", "view_passagecomment"]
EDITOR_CODES = ["view_assignment", "view_passagecomment"]


def forwards(apps, schema_editor):
    Specialty = apps.get_model("reviews", "Specialty")
    BoardMember = apps.get_model("reviews", "BoardMember")
    for member in BoardMember.objects.exclude(specialty=""):
        name = member.specialty.strip()
        specialty = Specialty.objects.filter(name__iexact=name).first()
        if specialty is None:
            specialty = Specialty.objects.create(name=name, slug=_free_slug(Specialty, name))
        member.specialties.add(specialty)
    AttestationItem = apps.get_model("reviews", "AttestationItem")
    if not AttestationItem.objects.exists():
        for order, text in enumerate(CHECKLIST):
            AttestationItem.objects.create(text=text, order=order)
    apps.get_model("reviews", "ReviewDecision").objects.filter(outcome="approve", conflict_of_interest="").update(
        conflict_of_interest=NOT_RECORDED
    )
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in (("Chief editors", CHIEF_CODES), ("Advisory board", BOARD_CODES), ("Editors", EDITOR_CODES)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="reviews", codename__in=codes))


def _free_slug(Specialty, name: str) -> str:
    base = slugify(name)[:100] or "specialty"
    slug, n = base, 2
    while Specialty.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codes = set(CHIEF_CODES) | set(BOARD_CODES) | set(EDITOR_CODES)
    for group in Group.objects.filter(name__in=["Chief editors", "Advisory board", "Editors"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="reviews", codename__in=codes))


class Migration(migrations.Migration):
    dependencies = [("reviews", "0006_assignment_routing_attestation_comments")]

    operations = [migrations.RunPython(forwards, backwards)]
