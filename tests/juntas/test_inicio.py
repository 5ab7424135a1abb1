import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coordinacion.choices import Confidencialidad
from juntas.models import EstadoCompromiso
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def datos(policia_local, cnp):
    reunion = factories.ReunionFactory(titulo="Sesión ordinaria de primavera")
    factories.ConvocadoFactory(reunion=reunion, persona=factories.PersonaFactory(organismo=policia_local))
    publico = factories.AcuerdoFactory(titulo="Acuerdo público", confidencialidad=Confidencialidad.PUBLICA)
    reservado = factories.AcuerdoFactory(titulo="Acuerdo reservado")
    policial = factories.AcuerdoFactory(titulo="Acuerdo policial", confidencialidad=Confidencialidad.POLICIAL)
    factories.CompromisoFactory(acuerdo=reservado, organismo=policia_local, descripcion="Patrullas en el Norte")
    factories.CompromisoFactory(
        acuerdo=policial,
        organismo=policia_local,
        descripcion="Dispositivo discreto",
        confidencialidad=Confidencialidad.POLICIAL,
        fecha_limite=timezone.localdate() - dt.timedelta(days=3),
    )
    factories.CompromisoFactory(acuerdo=publico, organismo=cnp, estado=EstadoCompromiso.CUMPLIDO, avance=100)
    return reunion


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(reverse("inicio"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_liaison_home_lists_own_body_open_compromisos_overdue_flagged(client, enlace, datos):
    client.force_login(enlace)
    response = client.get(reverse("inicio"))
    assert "Patrullas en el Norte" in response.text
    assert "Dispositivo discreto" in response.text
    assert "vencido" in response.text
    assert "Sesión ordinaria de primavera" in response.text  # its body was convened


def test_liaison_of_another_body_sees_neither_reserved_nor_police_items(client, enlace_otro, datos):
    client.force_login(enlace_otro)
    response = client.get(reverse("inicio"))
    assert "Acuerdo público" in response.text
    assert "Acuerdo reservado" not in response.text
    assert "Acuerdo policial" not in response.text
    assert "Sesión ordinaria de primavera" not in response.text


def test_delegado_home_summarises_compromisos_without_police_items(client, delegado, datos):
    client.force_login(delegado)
    response = client.get(reverse("inicio"))
    assert "Acuerdo reservado" in response.text
    assert "Acuerdo policial" not in response.text
    assert "Compromisos por estado" in response.text


def test_secretaria_home_lists_actas_to_approve(client, secretaria, datos):
    factories.ActaFactory(reunion=datos)
    client.force_login(secretaria)
    response = client.get(reverse("inicio"))
    assert "Acuerdo policial" in response.text
    assert "Actas pendientes de aprobación" in response.text


def test_outsider_is_told_they_have_no_role_and_sees_nothing(client, outsider, datos):
    client.force_login(outsider)
    response = client.get(reverse("inicio"))
    assert response.status_code == 200
    assert "no tiene ningún rol" in response.text
    assert "Acuerdo público" not in response.text


# Every count: session, user (joined with persona and organismo), then the view inside the
# ATOMIC_REQUESTS savepoint (SAVEPOINT ... RELEASE) with the queries named per role.
@pytest.mark.parametrize(
    ("role", "queries"),
    [
        # + upcoming reuniones, latest acuerdos, own body's open compromisos
        ("enlace", 7),
        # + upcoming reuniones, latest acuerdos, the data version (the counts by status are cached:
        # tests/juntas/test_recuentos.py counts them again after a write)
        ("delegado", 7),
        # + upcoming reuniones, latest acuerdos, actas not yet approved
        ("secretaria", 7),
        # + upcoming reuniones, latest acuerdos
        ("administracion", 6),
        # nothing else: no role, no data
        ("outsider", 4),
    ],
)
def test_home_runs_a_fixed_number_of_queries(client, as_user, datos, django_assert_num_queries, role, queries):
    as_user(role)
    for _ in range(5):
        factories.CompromisoFactory(organismo=datos.convocados.first().organismo)
        factories.ReunionFactory()
    client.get(reverse("inicio"))  # the first request after sign-in renews the session
    with django_assert_num_queries(queries):
        response = client.get(reverse("inicio"))
    assert response.status_code == 200
