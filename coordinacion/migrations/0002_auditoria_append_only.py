"""A database guard so the audit log stays append-only even outside the ORM."""

from django.db import migrations

TABLE = "coordinacion_registroauditoria"

POSTGRES_FORWARD = f"""
CREATE OR REPLACE FUNCTION auditoria_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER auditoria_no_update BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION auditoria_append_only();
"""
POSTGRES_BACKWARD = f"""
DROP TRIGGER IF EXISTS auditoria_no_update ON {TABLE};
DROP FUNCTION IF EXISTS auditoria_append_only();
"""
# SQLite guards updates only: the test runner empties tables with DELETE between transactional tests.
SQLITE_FORWARD = f"""
CREATE TRIGGER auditoria_no_update BEFORE UPDATE ON {TABLE}
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS auditoria_no_update;"


def forward(apps, schema_editor):
    sql = {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    sql = {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("coordinacion", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
