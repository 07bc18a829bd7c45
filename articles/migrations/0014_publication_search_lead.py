"""``Publication.search_lead``: the question (A) and summary (B) vector search finds candidates by.

Search used to match ``ts_filter(search_head, '{a,b}')`` behind an expression index, which meant
detoasting a vector of several KB for every row it looked at: a broad search at 100,000 answers
cost tens of milliseconds. ``search_lead`` holds the same lexemes in a few hundred bytes, stored
in the row.

PostgreSQL only: existing rows are filled by rewriting the table once (``ALTER COLUMN ... TYPE
... USING``) rather than updating every row, so no dead row versions are left behind for vacuum
and every index is rebuilt; the table is locked while it is rewritten (about half a minute at
100,000 answers), then analysed. The expression index the lead index replaces is dropped.
SQLite (development) searches with ``icontains`` and only gains the empty column.
"""

import django.contrib.postgres.search
from django.db import migrations

LEAD = (
    "setweight(to_tsvector('english', coalesce(question, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(summary, '')), 'B')"
)


def fill_and_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE articles_publication ALTER COLUMN search_lead TYPE tsvector USING ({LEAD})")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS articles_pub_search_lead_gin ON articles_publication USING gin (search_lead)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS articles_pub_search_head_gin")
    # The rewrite leaves the new column without statistics: gather them now, or the planner guesses
    # how many rows match until autovacuum next analyses the table.
    schema_editor.execute("ANALYZE articles_publication")


def unindex(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS articles_pub_search_lead_gin")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS articles_pub_search_head_gin ON articles_publication "
        "USING gin (ts_filter(search_head, '{a,b}'::\"char\"[]))"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_translations"),
    ]

    operations = [
        migrations.AddField(
            model_name="publication",
            name="search_lead",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill_and_index, unindex, elidable=False),
    ]
