import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from juntas.consultas import compromisos_arrastrados
from juntas.models import EstadoCompromiso
from tests import factories
from tests.juntas.datos_seguimiento import crear_datos, mas_compromisos

pytestmark = pytest.mark.django_db

URL = reverse("compromiso_lista")
TODOS = {"Informe de absentismo", "Patrullas en el Norte", "Dispositivo discreto"}


@pytest.fixture
def datos(policia_local, cnp):
    return crear_datos(policia_local, cnp)


def visibles(response) -> set[str]:
    return {texto for texto in TODOS if texto in response.text}


@pytest.mark.parametrize(
    ("role", "esperado"),
    [
        ("secretaria", TODOS),
        ("delegado", {"Informe de absentismo", "Patrullas en el Norte"}),
        ("enlace", TODOS),  # Policía Local: its own reservada and policial compromisos
        ("enlace_otro", {"Informe de absentismo"}),  # CNP: pública only
        ("administracion", {"Informe de absentismo"}),
    ],
)
def test_each_role_sees_only_the_compromisos_it_may_see(client, as_user, datos, role, esperado):
    as_user(role)
    response = client.get(URL)
    assert response.status_code == 200
    assert visibles(response) == esperado
    # The count says no more than the rows: hidden items are not counted either.
    assert f"{len(esperado)} compromiso" in response.text


def test_it_rejects_an_account_without_role(client, outsider, datos):
    client.force_login(outsider)
    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_overdue_rows_are_flagged_with_text_and_show_the_columns(client, secretaria, datos):
    client.force_login(secretaria)
    response = client.get(URL)
    fila = response.text.split("Dispositivo discreto")[1].split("</tr>")[0]
    assert "(vencido)" in fila
    assert "En curso" in fila
    assert "40 %" in fila
    assert datos.policial.referencia in response.text.split("Dispositivo discreto")[0].rsplit("<tr>", 1)[1]
    assert "Policía Local" in response.text
    fila_futura = response.text.split("Patrullas en el Norte")[1].split("</tr>")[0]
    assert "(vencido)" not in fila_futura


@pytest.mark.parametrize(
    ("params", "esperado"),
    [
        (lambda d: {"estado": EstadoCompromiso.CUMPLIDO}, {"Informe de absentismo"}),
        (lambda d: {"junta": d.junta.pk}, TODOS),
        (lambda d: {"anio": 2021}, TODOS),
        (lambda d: {"anio": 2020}, set()),
        (lambda d: {"materia": d.ocio.pk}, {"Patrullas en el Norte", "Dispositivo discreto"}),
        (lambda d: {"distrito": d.sur.pk}, {"Informe de absentismo"}),
        (lambda d: {"organismo": d.patrullas.organismo_id}, {"Patrullas en el Norte", "Dispositivo discreto"}),
        (lambda d: {"vencido": "on"}, {"Dispositivo discreto"}),
        (lambda d: {"q": "PATRULLAS"}, {"Patrullas en el Norte"}),
        (lambda d: {"materia": d.ocio.pk, "vencido": "on"}, {"Dispositivo discreto"}),
    ],
)
def test_filters_narrow_the_list(client, secretaria, datos, params, esperado):
    client.force_login(secretaria)
    response = client.get(URL, params(datos))
    assert response.status_code == 200
    assert visibles(response) == esperado


def test_filters_never_reveal_hidden_rows(client, enlace_otro, datos):
    client.force_login(enlace_otro)
    response = client.get(URL, {"organismo": datos.patrullas.organismo_id})
    assert visibles(response) == set()
    assert "0 compromisos" in response.text


@pytest.mark.parametrize(
    ("params", "mensaje"),
    [
        ({"anio": "abc"}, "Introduzca un número entero."),
        ({"anio": "99999999999999999999"}, "Asegúrese de que este valor es menor o igual a 2100."),
        ({"anio": "1"}, "Asegúrese de que este valor es mayor o igual a 1990."),
        ({"junta": "x"}, "Escoja una opción válida."),
        ({"organismo": "99999999999999999999999"}, "Escoja una opción válida."),
        ({"materia": "-1"}, "Escoja una opción válida."),
        ({"distrito": "1e9"}, "Escoja una opción válida."),
        ({"estado": "roto"}, "Escoja una opción válida."),
        ({"q": "x" * 5000}, "Asegúrese de que este valor tenga menos de 200 caracteres"),
    ],
)
def test_bad_filter_values_get_a_spanish_message_not_an_error(client, secretaria, datos, params, mensaje):
    client.force_login(secretaria)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "Algunos filtros no son válidos" in response.text
    assert mensaje in response.text
    # The invalid filter is ignored; the list still shows what the user may see.
    assert visibles(response) == TODOS


@pytest.mark.parametrize("page", ["abc", "0", "-3", "99999999999999999999", "2"])
def test_bad_page_numbers_fall_back_to_a_real_page(client, secretaria, datos, page):
    client.force_login(secretaria)
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert visibles(response) == TODOS


def test_it_paginates_and_keeps_the_filters_in_page_links(client, secretaria, datos):
    mas_compromisos(datos.patrullas.organismo, 30)
    client.force_login(secretaria)
    response = client.get(URL, {"q": "Compromiso"})
    assert "Página 1 de 2" in response.text
    assert "?q=Compromiso&amp;page=2" in response.text
    segunda = client.get(URL, {"q": "Compromiso", "page": 2})
    assert "Página 2 de 2" in segunda.text


def test_export_links_carry_the_current_filters_but_not_the_page(client, secretaria, datos):
    client.force_login(secretaria)
    response = client.get(URL, {"materia": datos.ocio.pk, "page": "1"})
    assert f'{reverse("compromiso_exportar_csv")}?materia={datos.ocio.pk}"' in response.text
    assert f'{reverse("compromiso_exportar_xlsx")}?materia={datos.ocio.pk}"' in response.text
    assert "Exportar CSV" in response.text


def test_navigation_offers_the_list_to_every_role(client, as_user, datos):
    for role in ["secretaria", "delegado", "enlace", "administracion"]:
        as_user(role)
        assert f'href="{URL}"' in client.get(reverse("inicio")).text


# session, user (with persona and organismo), SAVEPOINT, then: the data version (the count of visible
# filtered rows is cached: juntas/recuentos.py), the page of rows (acuerdo, junta and organismo
# joined), the option lists of the four select filters (junta, materia, distrito, organismo) in one
# UNION, RELEASE.
LIST_QUERIES = 7
# The first request for some filters, or the first after a write: + the count of visible filtered rows.
LIST_QUERIES_COUNTING = 8


@pytest.mark.parametrize("role", ["secretaria", "delegado", "enlace", "enlace_otro", "administracion"])
def test_list_runs_a_fixed_number_of_queries(client, as_user, datos, django_assert_num_queries, role):
    as_user(role)
    client.get(URL)  # the first request after sign-in renews the session
    with django_assert_num_queries(LIST_QUERIES):
        client.get(URL)
    total = client.get(URL).context["pagina"].paginator.count
    mas_compromisos(datos.patrullas.organismo, 40)
    with django_assert_num_queries(LIST_QUERIES_COUNTING):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.context["pagina"].paginator.count == total + 40  # counted again after the write
    with django_assert_num_queries(LIST_QUERIES):
        client.get(URL, {"page": 2})  # another page of the same filters: the same count


def test_filtered_list_checks_the_chosen_options_against_the_loaded_ones(
    client, secretaria, datos, django_assert_num_queries
):
    client.force_login(secretaria)
    mas_compromisos(datos.patrullas.organismo, 40)
    params = {"junta": datos.junta.pk, "materia": datos.ocio.pk, "distrito": datos.norte.pk, "anio": 2021}
    client.get(URL)
    # the fixed list queries, counting (first request for these filters): the chosen junta, materia
    # and distrito are checked against the options that the one UNION query read for the selects
    with django_assert_num_queries(LIST_QUERIES_COUNTING):
        response = client.get(URL, params)
    assert visibles(response) == {"Patrullas en el Norte", "Dispositivo discreto"}


def test_what_was_typed_in_a_bad_filter_is_kept(client, secretaria, datos):
    client.force_login(secretaria)
    response = client.get(URL, {"anio": "20x1", "q": "patrullas"})
    assert 'value="20x1"' in response.text
    assert 'value="patrullas"' in response.text
    assert visibles(response) == {"Patrullas en el Norte"}  # the valid filter still applies


# The follow-up filter, linked from a reunión's seguimiento punto.


def listados(response) -> set[str]:
    return {c.descripcion for c in response.context["pagina"].object_list}


@pytest.fixture
def seguimiento(junta, policia_local):
    """Two sessions of one Junta: compromisos of the first, still open or not, seen from the second."""
    ahora = timezone.now()
    anterior = factories.ReunionFactory(junta=junta.junta, inicio=ahora - dt.timedelta(days=60))
    acuerdo = factories.AcuerdoFactory(reunion=anterior)
    factories.CompromisoFactory(acuerdo=acuerdo, organismo=policia_local, descripcion="Abierto de antes")
    factories.CompromisoFactory(
        acuerdo=acuerdo,
        organismo=policia_local,
        descripcion="Cumplido de antes",
        estado=EstadoCompromiso.CUMPLIDO,
        avance=100,
    )
    posterior = factories.ReunionFactory(junta=junta.junta, inicio=ahora)
    factories.CompromisoFactory(
        acuerdo=factories.AcuerdoFactory(reunion=posterior), organismo=policia_local, descripcion="Abierto de hoy"
    )
    otra_junta = factories.AcuerdoFactory(reunion=factories.ReunionFactory(inicio=ahora - dt.timedelta(days=60)))
    factories.CompromisoFactory(acuerdo=otra_junta, organismo=policia_local, descripcion="Abierto de otra Junta")
    return posterior


def test_the_follow_up_filter_lists_what_the_meeting_carries_over(client, secretaria, seguimiento):
    client.force_login(secretaria)
    response = client.get(reverse("compromiso_lista"), {"seguimiento": seguimiento.pk})
    assert listados(response) == {"Abierto de antes"}
    assert {c.descripcion for c in compromisos_arrastrados(secretaria, seguimiento)} == {"Abierto de antes"}


def test_the_follow_up_filter_of_a_meeting_the_user_may_not_see_lists_nothing(
    client, enlace, seguimiento, policia_local
):
    client.force_login(enlace)
    # The liaison's body was not called to this meeting: its date must not be probed through the list.
    response = client.get(reverse("compromiso_lista"), {"seguimiento": seguimiento.pk})
    assert listados(response) == set()
    factories.ConvocadoFactory(reunion=seguimiento, organismo=policia_local)
    response = client.get(reverse("compromiso_lista"), {"seguimiento": seguimiento.pk})
    assert listados(response) == {"Abierto de antes"}
