import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from coordinacion.choices import Confidencialidad
from juntas.models import Compromiso, EstadoCompromiso
from tests import factories
from tests.juntas.datos_seguimiento import crear_datos, mas_compromisos

pytestmark = pytest.mark.django_db

URL = reverse("panel")


@pytest.fixture
def datos(policia_local, cnp):
    return crear_datos(policia_local, cnp)


def tabla(response, clave: str) -> dict[str, int]:
    """The table alternative of one chart, as {label: count}."""
    html = response.text.split(f'id="tabla-{clave}"')[1].split("</table>")[0]
    filas = re.findall(r'<th scope="row"[^>]*>(.*?)</th><td class="text-end">(\d+)</td>', html)
    return {label: int(total) for label, total in filas}


def test_secretaria_counts_every_compromiso(client, secretaria, datos):
    client.force_login(secretaria)
    response = client.get(URL)
    assert response.status_code == 200
    assert tabla(response, "estado") == {
        "Pendiente": 1,
        "Aceptado": 0,
        "En curso": 1,
        "Cumplido": 1,
        "Bloqueado": 0,
        "Cancelado": 0,
    }
    assert tabla(response, "organismo") == {"Policía Local": 2, "Cuerpo Nacional de Policía": 1}
    assert tabla(response, "distrito") == {"Distrito Norte": 2, "Distrito Sur": 1}
    assert tabla(response, "materia") == {"Ocio nocturno": 2, "Absentismo escolar": 1}
    assert response.context["resumen"] == {"total": 3, "vencidos": 1}
    assert "Dispositivo discreto" in response.text.split('id="h-vencidos"')[1]


def test_delegado_counts_never_include_police_items(client, delegado, datos):
    client.force_login(delegado)
    response = client.get(URL)
    assert response.context["resumen"] == {"total": 2, "vencidos": 0}
    assert tabla(response, "estado")["En curso"] == 0
    assert tabla(response, "organismo") == {"Policía Local": 1, "Cuerpo Nacional de Policía": 1}
    assert tabla(response, "distrito") == {"Distrito Norte": 1, "Distrito Sur": 1}
    assert "Dispositivo discreto" not in response.text
    assert "No hay compromisos vencidos." in response.text


def test_a_delegado_who_chairs_the_junta_counts_its_police_items(client, delegado, datos):
    from juntas.models import CargoJunta

    factories.MiembroJuntaFactory(junta=datos.junta, persona=delegado.persona, cargo=CargoJunta.PRESIDENTE)
    client.force_login(delegado)
    assert client.get(URL).context["resumen"] == {"total": 3, "vencidos": 1}


@pytest.mark.parametrize("role", ["enlace", "enlace_otro", "administracion", "outsider"])
def test_other_roles_are_refused_the_dashboard(client, as_user, datos, role):
    # Liaisons follow their own body elsewhere; administración runs the system, not the board.
    as_user(role)
    assert client.get(URL).status_code == 403


def test_dashboard_link_is_in_the_navigation_only_for_those_who_may_open_it(client, as_user, datos):
    for role, visible in [("secretaria", True), ("delegado", True), ("enlace", False), ("administracion", False)]:
        as_user(role)
        assert (f'href="{URL}"' in client.get(reverse("inicio")).text) is visible, role


def test_filters_apply_to_every_figure(client, secretaria, datos):
    client.force_login(secretaria)
    response = client.get(URL, {"materia": datos.ocio.pk})
    assert response.context["resumen"] == {"total": 2, "vencidos": 1}
    assert tabla(response, "organismo") == {"Policía Local": 2}
    assert tabla(response, "materia") == {"Ocio nocturno": 2}
    datos_json = response.context["datos"]
    assert datos_json["organismo"] == {
        "titulo": "Compromisos por organismo responsable",
        "labels": ["Policía Local"],
        "valores": [2],
    }
    response = client.get(URL, {"organismo": datos.cumplido.organismo_id, "anio": 2021, "junta": datos.junta.pk})
    assert response.context["resumen"] == {"total": 1, "vencidos": 0}
    assert tabla(response, "distrito") == {"Distrito Sur": 1}


def test_closed_per_month_covers_the_last_twelve_months(client, secretaria, datos):
    hace_dos_meses = timezone.now() - dt.timedelta(days=62)
    Compromiso.objects.filter(pk=datos.patrullas.pk).update(
        estado=EstadoCompromiso.CANCELADO, cerrado_en=hace_dos_meses
    )
    factories.CompromisoFactory(
        acuerdo=datos.publico,
        estado=EstadoCompromiso.CANCELADO,
        confidencialidad=Confidencialidad.PUBLICA,
        cerrado_en=timezone.now() - dt.timedelta(days=500),  # too old to show
    )
    client.force_login(secretaria)
    response = client.get(URL)
    meses = tabla(response, "cerrados")
    assert len(meses) == 12
    assert sum(meses.values()) == 2
    assert list(meses.values())[-1] == 1  # this month: the fulfilled CNP compromiso
    assert response.context["datos"]["cerrados"]["valores"] == list(meses.values())


def test_charts_have_an_accessible_name_and_data_but_no_inline_script(client, delegado, datos):
    client.force_login(delegado)
    response = client.get(URL)
    for clave in ["estado", "organismo", "distrito", "materia", "cerrados"]:
        canvas = re.search(rf'<canvas id="grafico-{clave}"[^>]*>', response.text).group(0)
        assert 'role="img"' in canvas
        assert 'aria-label="Gráfico: ' in canvas
        assert f'id="tabla-{clave}"' in response.text
    assert '<script id="panel-datos" type="application/json">' in response.text
    assert "vendor/chartjs/chart.umd.min.js" in response.text
    for script in re.findall(r"<script[^>]*>(.*?)</script>", response.text, flags=re.S):
        assert script.strip() == "" or script.lstrip().startswith("{"), "inline script code"
    assert not re.search(r"\son[a-z]+=", response.text)


@pytest.mark.parametrize(
    "params",
    [{"anio": "dos mil"}, {"junta": "'; drop table"}, {"materia": "9" * 30}, {"organismo": "x" * 10_000}],
)
def test_bad_filters_give_a_spanish_message_not_an_error(client, delegado, datos, params):
    client.force_login(delegado)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "Algunos filtros no son válidos" in response.text
    assert response.context["resumen"]["total"] == 2


# session, user, SAVEPOINT, then: the data version (juntas/recuentos.py), the overdue list, the option
# lists of the four select filters (junta, materia, distrito, organismo) in one UNION, RELEASE.
PANEL_QUERIES = 7
# After a write the figures are counted again: + one query of three groupings in a UNION ALL (by body
# with total, overdue, by-status and closed-per-month counts; by district; by topic).
PANEL_QUERIES_TRAS_ESCRITURA = 8


@pytest.mark.parametrize("role", ["secretaria", "delegado"])
def test_dashboard_runs_a_fixed_number_of_queries(client, as_user, datos, django_assert_num_queries, role):
    as_user(role)
    client.get(URL)
    with django_assert_num_queries(PANEL_QUERIES):
        client.get(URL)
    total = client.get(URL).context["resumen"]["total"]
    mas_compromisos(datos.patrullas.organismo, 40)
    with django_assert_num_queries(PANEL_QUERIES_TRAS_ESCRITURA):
        response = client.get(URL)
    assert response.context["resumen"]["total"] == total + 40
    with django_assert_num_queries(PANEL_QUERIES):
        response_total = client.get(URL).context["resumen"]["total"]
    assert response_total == total + 40


def test_the_dashboard_links_to_the_same_slice_in_the_list(client, delegado, datos):
    client.force_login(delegado)
    response = client.get(URL, {"materia": datos.ocio.pk})
    assert f'href="{reverse("compromiso_lista")}?materia={datos.ocio.pk}"' in response.text


def test_a_compromiso_counts_once_under_each_topic_and_district_of_its_acuerdo_even_when_filtered(client, secretaria):
    norte, sur = factories.DistritoFactory(nombre="Norte"), factories.DistritoFactory(nombre="Sur")
    ocio, ruido = factories.MateriaFactory(nombre="Ocio"), factories.MateriaFactory(nombre="Ruido")
    acuerdo = factories.AcuerdoFactory()
    acuerdo.distritos.set([norte, sur])
    acuerdo.materias.set([ocio, ruido])
    factories.CompromisoFactory(acuerdo=acuerdo)
    client.force_login(secretaria)
    response = client.get(URL)
    assert tabla(response, "materia") == {"Ocio": 1, "Ruido": 1}
    assert tabla(response, "distrito") == {"Norte": 1, "Sur": 1}
    filtrada = client.get(URL, {"distrito": norte.pk})
    assert tabla(filtrada, "materia") == {"Ocio": 1, "Ruido": 1}
    assert tabla(filtrada, "organismo") == {str(acuerdo.compromisos.get().organismo): 1}
