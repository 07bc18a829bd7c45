"""The editor's schedule on a review request; approvals made before it went live at approval."""

from django.db import migrations, models
from django.db.models import F


def approved_went_live_at_approval(apps, schema_editor):
    ReviewRequest = apps.get_model("reviews", "ReviewRequest")
    ReviewRequest.objects.filter(state="approved", published_at__isnull=True).update(published_at=F("closed_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0003_audit_append_only"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewrequest",
            name="publish_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="publish at"),
        ),
        migrations.AddField(
            model_name="reviewrequest",
            name="published_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="published"),
        ),
        migrations.AddField(
            model_name="reviewrequest",
            name="unpublish_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="unpublish at"),
        ),
        migrations.RunPython(approved_went_live_at_approval, migrations.RunPython.noop),
    ]
