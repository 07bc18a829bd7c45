"""The public version history (PublishedVersion), with one row for each approved snapshot that
exists already: its review facts and what it contains. Earlier approvals left no record, so
these rows carry no change summary; a snapshot still on its first approval is marked first."""

import django.db.models.deletion
import lxml.html
from django.db import migrations, models


def _headings(html):
    # Top-level h2 headings, as articles.outline reads sections (kept here so this migration
    # does not change when that module does).
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [" ".join(h.text_content().split()) for h in root.xpath("./h2[not(contains(@class, 'callout-title'))]")]


def backfill(apps, schema_editor):
    Publication = apps.get_model("articles", "Publication")
    PublishedBody = apps.get_model("articles", "PublishedBody")
    PublishedVersion = apps.get_model("articles", "PublishedVersion")
    rows = []
    for publication in Publication.objects.filter(status="approved").iterator():
        sections, references = [], {}
        for body in PublishedBody.objects.filter(publication=publication).order_by("audience_id"):
            for heading in _headings(body.html):
                if heading and heading not in sections:
                    sections.append(heading)
            for entry in body.references:
                references.setdefault(entry["key"], {k: entry.get(k) for k in ("key", "title", "year")})
        rows.append(
            PublishedVersion(
                article_id=publication.article_id,
                revision_id=publication.revision_id,
                content_hash=publication.content_hash,
                published_at=publication.published_at,
                last_reviewed=publication.last_reviewed,
                reviewers=publication.reviewers,
                is_first=publication.first_approved_at == publication.published_at,
                outline={"sections": sections, "references": list(references.values())},
            )
        )
    PublishedVersion.objects.bulk_create(rows)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0009_citation_override_reason'),
    ]

    operations = [
        migrations.CreateModel(
            name='PublishedVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('revision_id', models.PositiveBigIntegerField(help_text='The django-reversion revision that was approved.')),
                ('content_hash', models.CharField(max_length=64)),
                ('published_at', models.DateTimeField(verbose_name='published')),
                ('last_reviewed', models.DateField(blank=True, null=True, verbose_name='approved')),
                ('reviewers', models.JSONField(blank=True, default=list)),
                ('change_summary', models.TextField(blank=True, verbose_name='change summary')),
                ('substantive', models.BooleanField(default=False, verbose_name='changes medical advice')),
                ('is_first', models.BooleanField(default=False, verbose_name='first publication')),
                ('outline', models.JSONField(blank=True, default=dict)),
                ('changes', models.JSONField(blank=True, default=dict)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='published_versions', to='articles.article')),
            ],
            options={
                'verbose_name': 'published version',
                'verbose_name_plural': 'published versions',
                'indexes': [models.Index(fields=['article', '-published_at'], name='articles_pu_article_9e1f90_idx')],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
