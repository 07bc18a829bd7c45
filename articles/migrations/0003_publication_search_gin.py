"""A GIN index on Publication.search_vector for full-text search, on PostgreSQL only.

The index is not declared in ``Publication.Meta.indexes`` because SQLite (the embedded
development database) cannot create it; this migration creates it where it can and does
nothing elsewhere, so the same migration history serves both databases. The search vector
is filled by ``articles.services.article_publish``; rows published before this migration
are filled here too.
"""

from django.db import migrations

INDEX_NAME = "articles_pub_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON articles_publication USING gin (search_vector)"
    )
    schema_editor.execute(
        "UPDATE articles_publication SET search_vector = "
        "setweight(to_tsvector('english', coalesce(question, '')), 'A') || "
        "setweight(to_tsvector('english', coalesce(summary, '')), 'B') || "
        "setweight(to_tsvector('english', coalesce(search_document, '')), 'C') "
        "WHERE search_vector IS NULL"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0002_readerquestion"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
