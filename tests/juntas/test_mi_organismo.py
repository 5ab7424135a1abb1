""" "Mi organismo": what a body owes, overdue first. Liaisons see their body; secretaría and delegados pick one."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coordinacion.choices import Confidencialidad
from juntas.models import EstadoCompromiso
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("mi_organismo")


@pytest.fixture
def deudas(policia_local, cnp):
    hoy = timezone.localdate()
    acuerdo = factories.AcuerdoFactory()
    factories.CompromisoFactory(
        acuerdo=acuerdo, organismo=policia_local, descripcion="Pronto", fecha_limite=hoy + dt.timedelta(days=5)
    )
    factories.CompromisoFactory(
        acuerdo=acuerdo, organismo=policia_local, descripcion="Tarde", fecha_limite=hoy + dt.timedelta(days=60)
    )
    factories.CompromisoFactory(
        acuerdo=acuerdo,
        organismo=policia_local,
        descripcion="Vencido",
        fecha_limite=hoy - dt.timedelta(days=2),
        estado=EstadoCompromiso.EN_CURSO,
        avance=40,
    )
    factories.CompromisoFactory(
        acuerdo=acuerdo,
        organismo=policia_local,
        descripcion="Hecho hace tiempo",
        fecha_limite=hoy - dt.timedelta(days=90),
        estado=EstadoCompromiso.CUMPLIDO,
        avance=100,
    )
    factories.CompromisoFactory(
        acuerdo=acuerdo,
        organismo=policia_local,
        descripcion="Secreto policial",
        confidencialidad=Confidencialidad.POLICIAL,
        fecha_limite=hoy + dt.timedelta(days=10),
    )
    factories.CompromisoFactory(acuerdo=acuerdo, organismo=cnp, descripcion="De la CNP")
    return acuerdo


def _descripciones(response):
    return [c.descripcion for c in response.context["pagina"].object_list]


def test_liaison_sees_own_body_overdue_first_then_by_due_date_then_closed(client, enlace, deudas):
    client.force_login(enlace)
    response = client.get(URL)
    assert _descripciones(response) == ["Vencido", "Pronto", "Secreto policial", "Tarde", "Hecho hace tiempo"]
    assert "(vencido)" in response.text and "40 %" in response.text


def test_the_liaison_cannot_look_at_another_body(client, enlace, deudas, cnp):
    client.force_login(enlace)
    response = client.get(URL, {"organismo": cnp.pk})
    assert "De la CNP" not in response.text
    assert response.context["organismo"].nombre == "Policía Local"


def test_secretaria_chooses_a_body(client, secretaria, deudas, policia_local):
    client.force_login(secretaria)
    assert client.get(URL).context["pagina"] is None  # the chooser only
    response = client.get(URL, {"organismo": policia_local.pk})
    assert "Secreto policial" in _descripciones(response)


def test_delegado_chooses_a_body_and_sees_no_police_items(client, delegado, deudas, policia_local):
    client.force_login(delegado)
    response = client.get(URL, {"organismo": policia_local.pk})
    assert "Secreto policial" not in _descripciones(response)
    assert _descripciones(response)[0] == "Vencido"


@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", "-1", ""])
def test_a_bad_body_is_explained_not_a_500(client, secretaria, deudas, value):
    client.force_login(secretaria)
    response = client.get(URL, {"organismo": value, "page": "zz"})
    assert response.status_code == 200
    assert response.context["pagina"] is None


@pytest.mark.parametrize("role", ["administracion", "outsider"])
def test_other_roles_are_forbidden(client, as_user, role):
    as_user(role)
    assert client.get(URL).status_code == 403


def test_nav_offers_my_body_to_liaisons_only(client, enlace, delegado):
    client.force_login(enlace)
    response = client.get(reverse("inicio"))
    assert "Mi organismo" in response.text and "Acuerdos" in response.text
    client.force_login(delegado)
    response = client.get(reverse("inicio"))
    assert "Mi organismo" not in response.text and "Acuerdos" in response.text


# session, user, SAVEPOINT, count, the page of compromisos (with acuerdo and person), RELEASE
def test_liaison_page_runs_a_fixed_number_of_queries(client, enlace, deudas, policia_local, django_assert_num_queries):
    for _ in range(10):
        factories.CompromisoFactory(organismo=policia_local, acuerdo=deudas)
    client.force_login(enlace)
    client.get(URL)
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200


# session, user, SAVEPOINT, the chosen body (form validation), count, the bodies for the select,
# the page of compromisos, RELEASE
def test_chooser_page_runs_a_fixed_number_of_queries(
    client, delegado, deudas, policia_local, django_assert_num_queries
):
    for _ in range(10):
        factories.CompromisoFactory(organismo=policia_local, acuerdo=deudas)
        factories.OrganismoFactory()
    client.force_login(delegado)
    client.get(URL)
    with django_assert_num_queries(8):
        assert client.get(URL, {"organismo": policia_local.pk}).status_code == 200
