"""PostgreSQL only: the README's backup and restore sequence, run with the real pg_dump and pg_restore.

The demo is loaded into the test database, dumped in the custom format, restored with the README's
flags into a fresh database, and the two are compared: the README's row count per table
(docs/contar_filas.sql), a checksum of every table's rows, the sequences, triggers, constraints and
indexes; and on the copy the append-only audit log and the approved acta still refuse changes.
"""

import io
import os
import re
import subprocess
from pathlib import Path

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg2 import sql

from coordinacion.audit import log_action
from coordinacion.choices import AccionAuditoria
from coordinacion.models import Usuario
from juntas.models import Acta, NotaActuacion

pytestmark = [
    pytest.mark.django_db(transaction=True),  # pg_dump, another process, must see the demo committed
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore back up PostgreSQL"),
]
REPO = Path(__file__).resolve().parent.parent


def _libpq(dbname: str) -> dict:
    ajustes = connection.settings_dict
    return {
        "dbname": dbname,
        "host": ajustes["HOST"] or "127.0.0.1",
        "port": str(ajustes["PORT"] or 5432),
        "user": ajustes["USER"],
        "password": ajustes["PASSWORD"] or "",
    }


def _cliente(programa: str, *argumentos: str) -> str:
    """Run a PostgreSQL client program on the test server; its output, or the test fails with its errors."""
    datos = _libpq("")
    env = {**os.environ, "PGHOST": datos["host"], "PGPORT": datos["port"], "PGUSER": datos["user"]}
    if datos["password"]:
        env["PGPASSWORD"] = datos["password"]
    resultado = subprocess.run([programa, *argumentos], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    assert resultado.returncode == 0, f"{programa} failed:\n{resultado.stderr}"
    return resultado.stdout


def _consulta(dbname: str, consulta, params=()) -> list[tuple]:
    with psycopg2.connect(**_libpq(dbname)) as conexion, conexion.cursor() as cursor:
        cursor.execute(consulta, params)
        filas = cursor.fetchall()
    conexion.close()
    return filas


def _estructura_y_datos(dbname: str) -> dict:
    """Everything a restore must bring back, in comparable form."""
    tablas = [t for (t,) in _consulta(dbname, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    suma = "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {} t"
    return {
        "filas": {t: _consulta(dbname, sql.SQL(suma).format(sql.Identifier(t)))[0] for t in sorted(tablas)},
        "secuencias": _consulta(
            dbname, "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1"
        ),
        "triggers": _consulta(
            dbname,
            "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger"
            " WHERE NOT tgisinternal ORDER BY 1, 2",
        ),
        "restricciones": _consulta(
            dbname,
            # Names and kinds: PostgreSQL re-words a CHECK's text when it parses it again (casts move).
            "SELECT conrelid::regclass::text, conname, contype FROM pg_constraint"
            " WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2",
        ),
        "indices": _consulta(
            dbname, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2"
        ),
    }


@pytest.fixture
def base_restaurada():
    """A database name for the restore, unique to this test database; dropped afterwards."""
    nombre = f"{connection.settings_dict['NAME']}_restaurada"
    _cliente("dropdb", "--if-exists", "--force", nombre)
    yield nombre
    _cliente("dropdb", "--if-exists", "--force", nombre)


def test_pg_dump_and_pg_restore_bring_back_every_row_trigger_and_constraint(settings, tmp_path, base_restaurada):
    servidor = connection.cursor().connection.server_version // 10000
    assert re.search(rf"\b{servidor}\.\d+", _cliente("pg_dump", "--version")), (
        f"pg_dump must be the server's major version ({servidor})"
    )
    settings.DEBUG = True  # the demo loads only with DEBUG on
    call_command("cargar_demo", stdout=io.StringIO())
    # The demo writes no audit entries; these are what any service writes, about demo objects.
    secretaria = Usuario.objects.get(username="secretaria")
    for objeto in [*Acta.objects.all(), *NotaActuacion.objects.all()[:5]]:
        log_action(actor=secretaria, accion=AccionAuditoria.DESCARGA, obj=objeto, cambios={"documento": "prueba"})
    original = connection.settings_dict["NAME"]
    copia = tmp_path / "jls.dump"

    # The README's sequence: dump, check the archive reads, create an empty database, restore.
    _cliente("pg_dump", "--format=custom", "--no-owner", f"--file={copia}", original)
    assert "TABLE DATA public coordinacion_registroauditoria" in _cliente("pg_restore", "--list", str(copia))
    _cliente("createdb", "--template=template0", base_restaurada)
    restaurar = ["--no-owner", "--no-privileges", "--exit-on-error", "--jobs=4", f"--dbname={base_restaurada}"]
    _cliente("pg_restore", *restaurar, str(copia))

    # The README's check: the same row count in every table.
    contar = ["-AtXf", str(REPO / "docs" / "contar_filas.sql")]
    cuentas = _cliente("psql", *contar, original)
    assert cuentas == _cliente("psql", *contar, base_restaurada)
    por_tabla = dict(linea.split("|") for linea in cuentas.splitlines())
    for tabla in ["juntas_acta", "juntas_acuerdo", "juntas_compromiso", "juntas_notaactuacion"]:
        assert int(por_tabla[tabla]) > 0, tabla  # the demo filled them: equal counts are not two zeros
    assert int(por_tabla["coordinacion_registroauditoria"]) > 0

    # And more than counts: the same rows, sequences, triggers, constraints and indexes.
    antes, despues = _estructura_y_datos(original), _estructura_y_datos(base_restaurada)
    assert antes["filas"].keys() == despues["filas"].keys()
    assert [t for t in antes["filas"] if antes["filas"][t] != despues["filas"][t]] == []
    for parte in ["secuencias", "triggers", "restricciones", "indices"]:
        assert antes[parte] == despues[parte], parte
    assert {"auditoria_no_update", "acta_aprobada"} <= {nombre for _, nombre, _ in despues["triggers"]}

    # The guards work on the copy, not only exist: the audit log is append-only, an approved acta
    # frozen, a CHECK constraint still checks.
    with pytest.raises(psycopg2.Error, match="append-only"):
        _consulta(base_restaurada, "UPDATE coordinacion_registroauditoria SET accion = accion RETURNING id")
    with pytest.raises(psycopg2.Error, match="approved minutes cannot change"):
        _consulta(base_restaurada, "UPDATE juntas_acta SET observaciones = 'x' WHERE estado = 'aprobada' RETURNING id")
    with pytest.raises(psycopg2.Error, match="organismo_tipo_valido"):
        _consulta(base_restaurada, "UPDATE coordinacion_organismo SET tipo = 'otro' RETURNING id")
    # Full-text search (its es_unaccent configuration comes with the dump) answers the same.
    busqueda = "SELECT count(*) FROM juntas_acuerdo WHERE busqueda @@ websearch_to_tsquery('es_unaccent', 'policia')"
    assert _consulta(original, busqueda) == _consulta(base_restaurada, busqueda) != [(0,)]
