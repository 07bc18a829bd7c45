"""On PostgreSQL, refuse UPDATE and DELETE on the audit trail in the database itself."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION reviews_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The review audit trail is append-only (% refused).', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER reviews_auditentry_append_only
    BEFORE UPDATE OR DELETE ON reviews_auditentry
    FOR EACH ROW EXECUTE FUNCTION reviews_auditentry_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS reviews_auditentry_append_only ON reviews_auditentry;
DROP FUNCTION IF EXISTS reviews_auditentry_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0002_editorial_groups")]

    operations = [migrations.RunPython(forwards, backwards)]
