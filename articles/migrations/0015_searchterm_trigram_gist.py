"""The vocabulary's trigram index becomes GiST, PostgreSQL only (SQLite has no pg_trgm).

"Did you mean" now asks for the words nearest a misspelling (``ORDER BY word <-> %s LIMIT n``),
which a GiST index answers by walking them in order and stopping there; a GIN index can only list
every word above a similarity threshold, in no order, so a LIMIT kept an arbitrary few of them.
"""

from django.db import migrations


def gist(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS articles_searchterm_word_trgm_gist ON articles_searchterm USING gist (word gist_trgm_ops)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS articles_searchterm_word_trgm")


def gin(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS articles_searchterm_word_trgm ON articles_searchterm USING gin (word gin_trgm_ops)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS articles_searchterm_word_trgm_gist")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_publication_search_lead"),
    ]

    operations = [
        migrations.RunPython(gist, gin, elidable=False),
    ]
