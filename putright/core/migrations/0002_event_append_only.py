"""The database itself refuses to change or delete an event: the record is append-only."""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER core_event_no_update BEFORE UPDATE ON core_event
       BEGIN SELECT RAISE(ABORT, 'core_event is append-only'); END;""",
    # No DELETE trigger on SQLite: Django empties SQLite tables with DELETE when a test
    # database is flushed. The ORM refuses deletes (EventQuerySet) on every database, and
    # production runs on PostgreSQL, where the database refuses them too.
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS core_event_no_update;",
]
POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION core_event_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'core_event is append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER core_event_no_update_or_delete BEFORE UPDATE OR DELETE ON core_event
       FOR EACH ROW EXECUTE FUNCTION core_event_append_only();""",
    # TRUNCATE skips row triggers; test databases are flushed with it, so it stays allowed.
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS core_event_no_update_or_delete ON core_event;",
    "DROP FUNCTION IF EXISTS core_event_append_only();",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
