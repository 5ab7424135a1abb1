"""Full-text search on PostgreSQL: Spanish stemming that ignores accents, and GIN indexes.

Each searched table gets a `busqueda` tsvector column (unknown to the ORM: juntas/search/postgres.py
reads it), filled by a trigger on insert and on update of its source columns, and a GIN index on
it. A trigger rather than a GENERATED column because PostgreSQL refuses ALTER COLUMN TYPE on a
column a generated one depends on, which would break later migrations that widen a CharField.
SQLite gets nothing here: the fallback in juntas/search/fallback.py needs no schema.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CONFIG = "es_unaccent"

# table -> [(column, weight)]: A for titles, B for the body, C for side text.
DOCUMENTS = {
    "juntas_reunion": [("titulo", "A")],
    "juntas_puntoorden": [("titulo", "A"), ("descripcion", "B"), ("deliberacion", "B")],
    "juntas_acta": [("observaciones", "B")],
    "juntas_acuerdo": [("titulo", "A"), ("texto", "B"), ("votos_particulares", "C")],
    "juntas_compromiso": [("descripcion", "B")],
    "juntas_notaactuacion": [("texto", "B")],
}

CREATE_CONFIG = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = spanish);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG}
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
    END IF;
END
$$;
"""


def vector_sql(columns, prefix=""):
    return " || ".join(
        f"setweight(to_tsvector('{CONFIG}', coalesce({prefix}{column}, '')), '{weight}')" for column, weight in columns
    )


def table_sql(table, columns):
    names = ", ".join(column for column, _weight in columns)
    return f"""
ALTER TABLE {table} ADD COLUMN busqueda tsvector;
CREATE FUNCTION {table}_busqueda() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.busqueda := {vector_sql(columns, "NEW.")};
    RETURN NEW;
END
$$;
CREATE TRIGGER {table}_busqueda BEFORE INSERT OR UPDATE OF {names} ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_busqueda();
UPDATE {table} SET busqueda = {vector_sql(columns)};
CREATE INDEX {table}_busqueda_gin ON {table} USING gin (busqueda);
"""


def drop_table_sql(table):
    return f"""
DROP TRIGGER IF EXISTS {table}_busqueda ON {table};
DROP FUNCTION IF EXISTS {table}_busqueda();
DROP INDEX IF EXISTS {table}_busqueda_gin;
ALTER TABLE {table} DROP COLUMN IF EXISTS busqueda;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_CONFIG)
    for table, columns in DOCUMENTS.items():
        schema_editor.execute(table_sql(table, columns))


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in DOCUMENTS:
        schema_editor.execute(drop_table_sql(table))
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG};")


class Migration(migrations.Migration):
    dependencies = [("juntas", "0005_acta_aprobada_inmutable")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(forward, backward),
    ]
