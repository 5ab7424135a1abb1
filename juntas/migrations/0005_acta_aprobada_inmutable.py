"""A database guard: once an acta is approved, neither it, nor its puntos' texts, nor its acuerdos'
content can change, whatever code writes (Ley 40/2015, art. 18; DESIGN §3 "an approved acta never
changes"). The services refuse first with a clear message; these triggers stop anything that slips
past them (raw SQL, a bulk update, a future bug).

Acuerdo.estado and other follow-up fields stay writable: they derive from the compromisos.
Only UPDATE is guarded, like the audit log's trigger: the test runner empties SQLite tables with DELETE.
"""

from django.db import migrations

APROBADA = "aprobada"
ACTA_APROBADA = f"EXISTS (SELECT 1 FROM juntas_acta WHERE reunion_id = OLD.reunion_id AND estado = '{APROBADA}')"
PUNTO_FIELDS = ["deliberacion", "titulo", "numero", "reunion_id"]
ACUERDO_FIELDS = [
    "titulo",
    "texto",
    "numero",
    "anio",
    "reunion_id",
    "votacion",
    "votos_favor",
    "votos_contra",
    "abstenciones",
    "votos_particulares",
]
MSG_PUNTO = "the minutes of this meeting are approved: its agenda items cannot change"
MSG_ACUERDO = "the minutes of this meeting are approved: its agreements cannot change"
MSG_ACTA = "approved minutes cannot change"


def _changed(fields, distinct):
    return " OR ".join(f"NEW.{f} {distinct} OLD.{f}" for f in fields)


POSTGRES_FORWARD = f"""
CREATE OR REPLACE FUNCTION juntas_punto_acta_aprobada() RETURNS trigger AS $$
BEGIN
    IF ({_changed(PUNTO_FIELDS, "IS DISTINCT FROM")}) AND {ACTA_APROBADA} THEN
        RAISE EXCEPTION '{MSG_PUNTO}';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER punto_acta_aprobada BEFORE UPDATE ON juntas_puntoorden
    FOR EACH ROW EXECUTE FUNCTION juntas_punto_acta_aprobada();

CREATE OR REPLACE FUNCTION juntas_acuerdo_acta_aprobada() RETURNS trigger AS $$
BEGIN
    IF ({_changed(ACUERDO_FIELDS, "IS DISTINCT FROM")}) AND {ACTA_APROBADA} THEN
        RAISE EXCEPTION '{MSG_ACUERDO}';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER acuerdo_acta_aprobada BEFORE UPDATE ON juntas_acuerdo
    FOR EACH ROW EXECUTE FUNCTION juntas_acuerdo_acta_aprobada();

CREATE OR REPLACE FUNCTION juntas_acta_aprobada() RETURNS trigger AS $$
BEGIN
    IF OLD.estado = '{APROBADA}' THEN
        RAISE EXCEPTION '{MSG_ACTA}';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER acta_aprobada BEFORE UPDATE ON juntas_acta
    FOR EACH ROW EXECUTE FUNCTION juntas_acta_aprobada();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS punto_acta_aprobada ON juntas_puntoorden;
DROP FUNCTION IF EXISTS juntas_punto_acta_aprobada();
DROP TRIGGER IF EXISTS acuerdo_acta_aprobada ON juntas_acuerdo;
DROP FUNCTION IF EXISTS juntas_acuerdo_acta_aprobada();
DROP TRIGGER IF EXISTS acta_aprobada ON juntas_acta;
DROP FUNCTION IF EXISTS juntas_acta_aprobada();
"""
# SQLite runs one statement per execute; NULL-safe comparison is IS NOT there.
SQLITE_FORWARD = [
    f"""CREATE TRIGGER punto_acta_aprobada BEFORE UPDATE ON juntas_puntoorden FOR EACH ROW
    WHEN ({_changed(PUNTO_FIELDS, "IS NOT")}) AND {ACTA_APROBADA}
    BEGIN SELECT RAISE(ABORT, '{MSG_PUNTO}'); END;""",
    f"""CREATE TRIGGER acuerdo_acta_aprobada BEFORE UPDATE ON juntas_acuerdo FOR EACH ROW
    WHEN ({_changed(ACUERDO_FIELDS, "IS NOT")}) AND {ACTA_APROBADA}
    BEGIN SELECT RAISE(ABORT, '{MSG_ACUERDO}'); END;""",
    f"""CREATE TRIGGER acta_aprobada BEFORE UPDATE ON juntas_acta FOR EACH ROW
    WHEN OLD.estado = '{APROBADA}'
    BEGIN SELECT RAISE(ABORT, '{MSG_ACTA}'); END;""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS punto_acta_aprobada;",
    "DROP TRIGGER IF EXISTS acuerdo_acta_aprobada;",
    "DROP TRIGGER IF EXISTS acta_aprobada;",
]


def _run(schema_editor, postgres, sqlite):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgres)
    elif vendor == "sqlite":
        for statement in sqlite:
            schema_editor.execute(statement)


def forward(apps, schema_editor):
    _run(schema_editor, POSTGRES_FORWARD, SQLITE_FORWARD)


def backward(apps, schema_editor):
    _run(schema_editor, POSTGRES_BACKWARD, SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("juntas", "0004_conformidad")]

    operations = [migrations.RunPython(forward, backward)]
