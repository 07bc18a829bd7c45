"""Trigram indexes so the editors' admin search (``icontains``) stays fast on PostgreSQL with 100,000+ articles."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS articles_article_question_trgm ON articles_article USING gin (UPPER(question::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS articles_article_slug_trgm ON articles_article USING gin (UPPER(slug::text) gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS articles_article_question_trgm",
    "DROP INDEX IF EXISTS articles_article_slug_trgm",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_publication_search_gin")]

    operations = [migrations.RunPython(forwards, backwards)]
