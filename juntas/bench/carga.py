"""Bulk loading for the benchmark data: COPY on PostgreSQL, executemany elsewhere (SQLite in tests).

Rows carry their primary keys, assigned by the generator, so children can point at parents without
reading them back; the sequences are moved past the loaded ids afterwards. Raw inserts also keep
the generator's creado_en dates, which bulk_create would overwrite with auto_now_add.
"""

import contextlib
import datetime as dt
import io
import json

from django.core.management.color import no_style
from django.db import connection


def siguiente_id(model) -> int:
    """The first free primary key of a table (the generator numbers new rows from it)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")  # noqa: S608 - our table
        return cursor.fetchone()[0]


def insertar(model, columnas: list[str], filas: list[tuple]) -> int:
    """Insert rows (tuples in the order of `columnas`, which are column names) into model's table."""
    if not filas:
        return 0
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columnas)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.StringIO("".join(_linea_copy(fila) for fila in filas))
            cursor.cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN", buffer)
        else:
            campos = {field.column: field for field in model._meta.concrete_fields}
            preparadas = [
                tuple(campos[c].get_db_prep_save(v, connection) for c, v in zip(columnas, fila, strict=True))
                for fila in filas
            ]
            marcas = ", ".join(["%s"] * len(columnas))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marcas})", preparadas)  # noqa: S608
    return len(filas)


def reiniciar_secuencias(models) -> None:
    """Move each table's id sequence past the ids the generator assigned (PostgreSQL; no-op on SQLite)."""
    sql = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)


def _linea_copy(fila: tuple) -> str:
    return "\t".join(_valor_copy(v) for v in fila) + "\n"


def _valor_copy(value) -> str:
    """One value in COPY's text format: \\N for NULL, backslash escapes for the separators."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


@contextlib.contextmanager
def indices_aplazados(models):
    """On PostgreSQL, drop the tables' secondary indexes and foreign keys, and restore them at the end.

    One sorted build per index is far cheaper than updating it row by row (the GIN indexes of the
    search vectors above all), and one join per foreign key is far cheaper than a deferred check per
    row. Indexes that back a constraint (primary keys, unique) stay. DDL is transactional in
    PostgreSQL: inside the generator's transaction, a failure restores everything.
    """
    if connection.vendor != "postgresql":
        yield
        return
    tablas = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        # Run the checks already queued (rows written earlier in the transaction): PostgreSQL refuses
        # to alter a table with pending checks.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
            "AND i.tablename = ANY(%s) AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype IN ('p', 'u', 'x'))",
            [tablas],
        )
        indices = cursor.fetchall()
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)",
            [tablas],
        )
        claves = cursor.fetchall()
        for tabla, nombre, _definicion in claves:
            cursor.execute(f"ALTER TABLE {tabla} DROP CONSTRAINT {connection.ops.quote_name(nombre)}")
        for nombre, _definicion in indices:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(nombre)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _nombre, definicion in indices:
            cursor.execute(definicion)
        for tabla, nombre, definicion in claves:
            cursor.execute(f"ALTER TABLE {tabla} ADD CONSTRAINT {connection.ops.quote_name(nombre)} {definicion}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's default for its foreign keys
