import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_publication_review_step"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Figure",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "slug",
                    models.SlugField(
                        help_text="Names the figure in a body: ![](figure:slug). It cannot change once the figure is saved.",
                        max_length=100,
                        unique=True,
                        verbose_name="slug",
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        help_text="For finding the figure in the library.", max_length=200, verbose_name="title"
                    ),
                ),
                (
                    "alt_text",
                    models.CharField(
                        help_text="What the image shows, for readers who cannot see it (read aloud by screen readers).",
                        max_length=300,
                        verbose_name="alternative text",
                    ),
                ),
                (
                    "caption",
                    models.CharField(
                        blank=True,
                        help_text="Shown under the image unless the body gives its own.",
                        max_length=500,
                        verbose_name="caption",
                    ),
                ),
                ("credit", models.CharField(help_text="Who made the image.", max_length=200, verbose_name="credit")),
                (
                    "licence",
                    models.CharField(
                        choices=[
                            ("cc-by-4.0", "CC BY 4.0"),
                            ("cc-by-sa-4.0", "CC BY-SA 4.0"),
                            ("cc-by-nc-4.0", "CC BY-NC 4.0"),
                            ("cc0-1.0", "CC0 (public domain dedication)"),
                            ("public-domain", "Public domain"),
                            ("permission", "Used with permission"),
                            ("all-rights-reserved", "All rights reserved"),
                        ],
                        max_length=30,
                        verbose_name="licence",
                    ),
                ),
                ("image", models.FileField(editable=False, max_length=200, upload_to="", verbose_name="image")),
                (
                    "format",
                    models.CharField(
                        choices=[("jpeg", "JPEG"), ("png", "PNG"), ("webp", "WebP")],
                        editable=False,
                        max_length=10,
                        verbose_name="format",
                    ),
                ),
                ("width", models.PositiveIntegerField(editable=False, verbose_name="width")),
                ("height", models.PositiveIntegerField(editable=False, verbose_name="height")),
                ("version", models.CharField(editable=False, max_length=12)),
                ("renditions", models.JSONField(default=list, editable=False)),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="uploaded"),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="uploaded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "figure",
                "verbose_name_plural": "figures",
                "ordering": ["title"],
            },
        ),
    ]
