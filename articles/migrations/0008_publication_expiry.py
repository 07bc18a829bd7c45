from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_previewlink"),
    ]

    operations = [
        migrations.AddField(
            model_name="publication",
            name="expired_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="expired"),
        ),
        migrations.AddField(
            model_name="publication",
            name="unpublish_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="unpublish at"),
        ),
        migrations.AddIndex(
            model_name="publication",
            index=models.Index(
                condition=models.Q(("expired_at__isnull", True)),
                fields=["unpublish_at"],
                name="publication_unexpired_end_idx",
            ),
        ),
    ]
