"""Data for the managed review: a Specialty for each member's specialty line (so routing works at
once) and approvals made before declarations were asked. The default approval checklist comes from
reviews.checklist after migrate; the permissions to assign reviewers and read the report are in
config/roles.py."""

from django.db import migrations
from django.utils.text import slugify

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
