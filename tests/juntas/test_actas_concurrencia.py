"""PostgreSQL only: two sessions writing the same acta at the same instant, each on its own connection.

The first request is held inside its transaction right after its write and audit entry, and the second
is let in while it waits; the first commits only once the second is seen blocked on a row lock in
pg_stat_activity. So the two really overlap, every run, with no sleeps deciding the outcome.
"""

import contextlib
import datetime as dt
import threading
import time
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coordinacion.choices import AccionAuditoria, Rol
from coordinacion.models import RegistroAuditoria
from juntas.models import Acta, Acuerdo, EstadoActa, PuntoOrden, Votacion
from juntas.services import actas as servicio
from tests import factories
from tests.sesiones import crear_sesion

pytestmark = [
    pytest.mark.django_db(transaction=True),  # each thread has its own connection and must see committed rows
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between two connections need PostgreSQL"),
]
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def sesion(secretaria):
    s = crear_sesion()
    s.acta = servicio.abrir_acta(actor=secretaria, reunion=s.reunion)
    return s


@pytest.fixture
def clientes(secretaria):
    """Two signed-in secretaría staff, each with their own browser session."""
    otra = factories.UsuarioFactory(username="secretaria_2", rol=Rol.SECRETARIA)
    ana, luis = Client(), Client()
    ana.force_login(secretaria)
    luis.force_login(otra)
    return ana, luis


def _esperar_bloqueado(hilo: threading.Thread, limite_s: float = 20) -> None:
    """Wait until another connection waits for a row lock, or the thread ended without waiting."""
    fin = time.monotonic() + limite_s
    while time.monotonic() < fin and hilo.is_alive():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
        time.sleep(0.02)


def _hilo(nombre, funcion, resultados):
    def cuerpo():
        try:
            resultados[nombre] = funcion()
        finally:
            connection.close()  # this thread's own connection

    hilo = threading.Thread(target=cuerpo, name=nombre)
    hilo.start()
    return hilo


@contextlib.contextmanager
def primero_retenido():
    """The thread named "primero" stops after its audit entry, inside its transaction, until released."""
    escrito, soltar = threading.Event(), threading.Event()
    registrar = servicio.log_action

    def registrar_y_esperar(**kwargs):
        entrada = registrar(**kwargs)
        if threading.current_thread().name == "primero":
            escrito.set()
            assert soltar.wait(20)
        return entrada

    with mock.patch.object(servicio, "log_action", registrar_y_esperar):
        yield escrito, soltar
        soltar.set()  # never leave the first thread waiting if an assertion failed


def _a_la_vez(primero, segundo):
    """Run `primero` until it has written, then `segundo` until it waits for a lock (or ends without
    waiting, which would be the bug), then let both end."""
    resultados = {}
    with primero_retenido() as (escrito, soltar):
        hilo_1 = _hilo("primero", primero, resultados)
        assert escrito.wait(20)
        hilo_2 = _hilo("segundo", segundo, resultados)
        _esperar_bloqueado(hilo_2)
        soltar.set()
        hilo_1.join(20)
        hilo_2.join(20)
    return resultados["primero"], resultados["segundo"]


def _texto_del_punto(sesion):
    """The first punto's deliberation: its URL, and how to read back (text, version) and its audit entries."""
    punto = sesion.puntos[0]
    url = reverse("acta_deliberacion", kwargs={"pk": sesion.reunion.pk, "punto_pk": punto.pk})
    return url, lambda: PuntoOrden.objects.values_list("deliberacion", "version").get(pk=punto.pk), punto


def _observaciones(sesion):
    """The acta's remarks, versioned with the acta itself."""
    url = reverse("acta_observaciones", kwargs={"pk": sesion.reunion.pk})
    return url, lambda: Acta.objects.values_list("observaciones", "version").get(pk=sesion.acta.pk), sesion.acta


@pytest.mark.parametrize("editor", [_texto_del_punto, _observaciones])
def test_two_saves_of_the_same_version_one_wins_the_other_keeps_its_text_and_sees_the_winners(sesion, clientes, editor):
    ana, luis = clientes
    url, guardado, objeto = editor(sesion)

    gana, pierde = _a_la_vez(
        lambda: ana.post(url, {"texto": "Texto de Ana.", "version": 1}, **HTMX),
        lambda: luis.post(url, {"texto": "Texto de Luis.", "version": 1}),  # a plain form post: the page
    )

    assert gana.status_code == 200 and "Guardado a las" in gana.text
    assert pierde.status_code == 409
    assert "Conflicto de edición" in pierde.text
    assert "Texto de Luis.</textarea>" in pierde.text  # their text stays in the box, next to the message
    # The saved version shown to compare is the winner's, with its version for "keep my text":
    # a stale copy read before the winner committed would show the old text and offer version 1.
    assert '<div class="texto-guardado border bg-white p-2 mb-2">Texto de Ana.</div>' in pierde.text
    assert 'name="forzar" value="2"' in pierde.text
    assert guardado() == ("Texto de Ana.", 2)
    entradas = RegistroAuditoria.objects.filter(
        content_type=ContentType.objects.get_for_model(objeto), object_id=str(objeto.pk)
    ).exclude(accion=AccionAuditoria.CREAR)
    assert [e.cambios["version"] for e in entradas] == [[1, 2]]


def _deliberacion(sesion, punto):
    url = reverse("acta_deliberacion", kwargs={"pk": sesion.reunion.pk, "punto_pk": punto.pk})
    return url, {"texto": "Cambio tardío.", "version": 2}, HTMX


def _acuerdo(sesion, punto):
    url = reverse("acta_acuerdo_nuevo", kwargs={"pk": sesion.reunion.pk, "punto_pk": punto.pk})
    datos = {
        "titulo": "Tardío",
        "texto": "Se acuerda tarde.",
        "votacion": "unanimidad",
        "confidencialidad": "reservada",
    }
    return url, datos, {}


def _titulo_del_punto(sesion, punto):
    # The orden del día locks the reunión, which the send locks too (select_for_update of the acta
    # with its reunión): this one held before the acta lock was added, and must keep holding.
    url = reverse("punto_editar", kwargs={"pk": sesion.reunion.pk, "punto_pk": punto.pk})
    return url, {"titulo": "Título tardío", "tipo": "informativo", "descripcion": ""}, {}


@pytest.mark.parametrize("escritura", [_deliberacion, _acuerdo, _titulo_del_punto])
def test_a_change_racing_the_send_for_conformity_is_refused_not_slipped_in_after_the_check(
    sesion, clientes, secretaria, escritura
):
    ana, luis = clientes
    for punto in sesion.puntos:
        servicio.guardar_deliberacion(actor=secretaria, punto=punto, texto=f"Deliberación {punto.numero}.", version=1)
    servicio.adoptar_acuerdo(
        actor=secretaria, punto=sesion.puntos[0], titulo="Refuerzo", texto="Se acuerda.", votacion=Votacion.UNANIMIDAD
    )
    plazo = timezone.localtime(timezone.now() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    punto = sesion.puntos[1]
    url, datos, cabeceras = escritura(sesion, punto)

    envio, cambio = _a_la_vez(
        lambda: ana.post(reverse("acta_enviar", kwargs={"pk": sesion.reunion.pk}), {"plazo": plazo}),
        lambda: luis.post(url, datos, **cabeceras),
    )

    assert envio.status_code == 302
    assert Acta.objects.get(pk=sesion.acta.pk).estado == EstadoActa.ENVIADA
    assert "El acta se ha enviado para conformidad" in cambio.text
    # The members received the acta that was checked and sent, not one changed behind it.
    assert PuntoOrden.objects.values_list("titulo", "deliberacion", "version").get(pk=punto.pk) == (
        "Punto número 2",
        "Deliberación 2.",
        2,
    )
    assert list(Acuerdo.objects.values_list("titulo", flat=True)) == ["Refuerzo"]
