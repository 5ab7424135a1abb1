"""PostgreSQL only: a live gunicorn whose database connection is killed in the middle of a write.

A nota that also moves its compromiso writes four rows in one transaction (the compromiso, its audit
entry, the nota, the nota's audit entry). A trigger added for the test holds the request right after
the last of them, the nota's audit entry, and the test kills that backend from its own connection
with pg_terminate_backend, as a DBA or a failover would. The request must answer the Spanish 503,
leave none of the four rows, and the same worker must serve the same client again without a restart.
"""

import contextlib
import secrets
import threading
import time
import urllib.parse

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse

from coordinacion.models import RegistroAuditoria
from juntas.models import Compromiso, EstadoCompromiso, NotaActuacion
from tests import factories
from tests.servidor import gunicorn, url_de_la_base

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the server process must see the rows the test commits
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_terminate_backend needs PostgreSQL"),
]

BLOQUEO = 7_000_001  # the advisory lock the trigger waits for while the test holds it
CSRF = secrets.token_hex(16)  # a CSRF secret of the right shape, sent as cookie and header


def _filas(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [fila[0] for fila in cursor.fetchall()]


APLICACION = "jls_prueba_gunicorn"  # names the server's connections: earlier tests may leave others open


def _backends_del_servidor() -> list[int]:
    return _filas(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = %s",
        [APLICACION],
    )


def _backend_en_pausa(limite_s: float = 20) -> int:
    """The backend waiting for the test's advisory lock, i.e. held by the trigger mid-transaction."""
    fin = time.monotonic() + limite_s
    while time.monotonic() < fin:
        pids = _filas(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
        )
        if pids:
            return pids[0]
        time.sleep(0.05)
    raise AssertionError("no request reached the paused audit insert")


@contextlib.contextmanager
def pausa_tras_la_auditoria_de(modelo):
    """Hold any transaction right after it inserts an audit entry about `modelo`, until released."""
    content_type = ContentType.objects.get_for_model(modelo).pk
    tabla = RegistroAuditoria._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION prueba_pausa() RETURNS trigger LANGUAGE plpgsql AS $$"
            f" BEGIN PERFORM pg_advisory_xact_lock({BLOQUEO}); RETURN NULL; END $$"
        )
        cursor.execute(
            f"CREATE TRIGGER prueba_pausa AFTER INSERT ON {tabla} FOR EACH ROW"
            f" WHEN (NEW.content_type_id = {content_type}) EXECUTE FUNCTION prueba_pausa()"
        )
        cursor.execute("SELECT pg_advisory_lock(%s)", [BLOQUEO])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [BLOQUEO])
            cursor.execute(f"DROP TRIGGER prueba_pausa ON {tabla}")
            cursor.execute("DROP FUNCTION prueba_pausa()")


def _en_segundo_plano(funcion):
    resultado = {}
    hilo = threading.Thread(target=lambda: resultado.setdefault("valor", funcion()))
    hilo.start()
    return hilo, resultado


def test_a_connection_killed_mid_write_answers_503_leaves_nothing_and_the_next_request_works(
    client, enlace, policia_local, tmp_path
):
    compromiso = factories.CompromisoFactory(organismo=policia_local, descripcion="Patrullas escolares")
    client.force_login(enlace)
    detalle = reverse("compromiso_detalle", args=[compromiso.pk])
    nota_url = reverse("nota_crear", args=[compromiso.pk])
    nota = urllib.parse.urlencode(
        {"texto": "Patrulla a la salida del colegio", "estado_nuevo": "aceptado", "avance": "20"}
        | {"confidencialidad": "reservada"}
    )
    auditados = RegistroAuditoria.objects.filter(
        content_type__in=ContentType.objects.get_for_models(Compromiso, NotaActuacion).values()
    )

    with gunicorn(f"{url_de_la_base()}?application_name={APLICACION}", tmp_path / "gunicorn.log") as servidor:
        servidor.cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}
        assert servidor.pedir("GET", detalle).status == 200  # the worker now holds a persistent connection
        worker, backends = servidor.workers(), _backends_del_servidor()
        assert len(worker) == 1 and len(backends) == 1

        with pausa_tras_la_auditoria_de(NotaActuacion):
            hilo, resultado = _en_segundo_plano(lambda: servidor.pedir("POST", nota_url, nota, {"X-CSRFToken": CSRF}))
            pid = _backend_en_pausa()
            assert pid == backends[0]  # the worker's own persistent connection, mid-transaction
            assert _filas("SELECT pg_terminate_backend(%s)", [pid]) == [True]
            hilo.join(30)
        respuesta = resultado["valor"]
        assert respuesta.status == 503
        assert respuesta.headers["Retry-After"] == "30"
        assert '<html lang="es">' in respuesta.text
        assert "Servicio no disponible temporalmente" in respuesta.text

        # Nothing half-written: the status move, the progress, the nota and both audit entries are gone.
        compromiso.refresh_from_db()
        assert (compromiso.estado, compromiso.avance) == (EstadoCompromiso.PENDIENTE, 0)
        assert not NotaActuacion.objects.exists()
        assert not auditados.exists()

        # The same client, the same worker, no restart: the page and then the same write work.
        assert servidor.pedir("GET", detalle).status == 200
        assert servidor.pedir("POST", nota_url, nota, {"X-CSRFToken": CSRF}).status == 302
        assert servidor.workers() == worker
        assert _backends_del_servidor() != backends  # a new connection replaced the killed one

    compromiso.refresh_from_db()
    assert (compromiso.estado, compromiso.avance) == (EstadoCompromiso.ACEPTADO, 20)
    assert list(NotaActuacion.objects.values_list("texto", flat=True)) == ["Patrulla a la salida del colegio"]
    assert sorted(auditados.values_list("accion", flat=True)) == ["cambio_estado", "crear"]
