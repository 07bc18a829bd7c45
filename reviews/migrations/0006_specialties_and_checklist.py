"""Data for the managed review: a Specialty for each member's specialty line (so routing works at
once), the default approval checklist, and approvals made before declarations were asked. The
permissions to assign reviewers and read the report are in config/roles.py."""

from django.db import migrations
from django.utils.text import slugify

CHECKLIST = [
    "Every cited source supports the statement it is cited for.",
    "Doses, intervals and thresholds are checked against the cited sources.",
    "Red flags and when to seek urgent care are complete for each audience.",
]
NOT_RECORDED = "Not recorded: approved before the board was asked to declare conflicts of interest."


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


def _free_slug(Specialty, name: str) -> str:
    base = slugify(name)[:100] or "specialty"
    slug, n = base, 2
    while Specialty.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def backwards(apps, schema_editor):
    """The specialties and checklist stay: they are ordinary data once created."""


class Migration(migrations.Migration):
    dependencies = [("reviews", "0005_assignment_routing_attestation_comments")]

    operations = [migrations.RunPython(forwards, backwards)]
