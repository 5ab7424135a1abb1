import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from coordinacion.choices import AccionAuditoria, Confidencialidad
from coordinacion.models import RegistroAuditoria
from juntas.exportacion import defuse
from tests import factories
from tests.juntas.datos_seguimiento import crear_datos, mas_compromisos

pytestmark = pytest.mark.django_db

CSV_URL = reverse("compromiso_exportar_csv")
XLSX_URL = reverse("compromiso_exportar_xlsx")
CABECERAS = [
    "Acuerdo",
    "Título del acuerdo",
    "Junta",
    "Organismo responsable",
    "Persona responsable",
    "Compromiso",
    "Fecha límite",
    "Estado",
    "Avance (%)",
    "Vencido",
    "Confidencialidad",
    "Fecha de cierre",
]


@pytest.fixture
def datos(policia_local, cnp):
    return crear_datos(policia_local, cnp)


def leer_csv(response) -> list[list[str]]:
    contenido = b"".join(response.streaming_content).decode("utf-8")
    assert contenido.startswith("\ufeff"), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(contenido[1:]), delimiter=";"))


def leer_xlsx(response) -> list[tuple]:
    hoja = load_workbook(io.BytesIO(response.content)).active
    return list(hoja.iter_rows(values_only=True))


def exportaciones():
    return RegistroAuditoria.objects.filter(accion=AccionAuditoria.EXPORTACION)


def test_csv_has_spanish_headers_semicolons_and_one_row_per_visible_compromiso(client, delegado, datos):
    client.force_login(delegado)
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="compromisos-')
    assert "no-store" in response["Cache-Control"]
    filas = leer_csv(response)
    assert filas[0] == CABECERAS
    por_descripcion = {fila[5]: fila for fila in filas[1:]}
    assert set(por_descripcion) == {"Informe de absentismo", "Patrullas en el Norte"}  # no policial row
    patrullas = por_descripcion["Patrullas en el Norte"]
    assert patrullas[0] == datos.reservado.referencia
    assert patrullas[2] == "Junta Local de Seguridad de Villanueva"
    assert patrullas[3] == "Policía Local"
    assert patrullas[6] == datos.patrullas.fecha_limite.isoformat()
    assert patrullas[7:11] == ["Pendiente", "0", "No", "Reservada"]
    cumplido = por_descripcion["Informe de absentismo"]
    assert cumplido[11] == timezone.localdate().isoformat()


def test_xlsx_has_spanish_headers_and_real_dates(client, secretaria, datos):
    client.force_login(secretaria)
    response = client.get(XLSX_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    filas = leer_xlsx(response)
    assert list(filas[0]) == CABECERAS
    por_descripcion = {fila[5]: fila for fila in filas[1:]}
    assert set(por_descripcion) == {"Informe de absentismo", "Patrullas en el Norte", "Dispositivo discreto"}
    dispositivo = por_descripcion["Dispositivo discreto"]
    assert dispositivo[6].date() == datos.dispositivo.fecha_limite  # a date cell, not text
    assert dispositivo[7:11] == ("En curso", 40, "Sí", "Policial")
    hoja = load_workbook(io.BytesIO(response.content)).active
    assert hoja.cell(row=2, column=7).number_format == "DD/MM/YYYY"
    assert hoja.cell(row=2, column=7).is_date


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_exports_honour_the_list_filters(client, secretaria, datos, url):
    client.force_login(secretaria)
    response = client.get(url, {"materia": datos.ocio.pk, "vencido": "on"})
    filas = leer_csv(response) if url == CSV_URL else leer_xlsx(response)
    assert [fila[5] for fila in filas[1:]] == ["Dispositivo discreto"]


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_a_liaison_of_another_body_exports_only_what_it_may_see(client, enlace_otro, datos, url):
    client.force_login(enlace_otro)
    response = client.get(url, {"organismo": datos.patrullas.organismo_id})
    filas = leer_csv(response) if url == CSV_URL else leer_xlsx(response)
    assert len(filas) == 1  # just the headers: Policía Local's rows are out of scope
    response = client.get(url)
    filas = leer_csv(response) if url == CSV_URL else leer_xlsx(response)
    assert [fila[5] for fila in filas[1:]] == ["Informe de absentismo"]


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_cells_that_would_run_as_formulas_are_defused(client, secretaria, datos, url):
    for texto in ['=HYPERLINK("http://mal.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tOculto"]:
        factories.CompromisoFactory(acuerdo=datos.publico, descripcion=texto, confidencialidad=Confidencialidad.PUBLICA)
    factories.CompromisoFactory(acuerdo=datos.publico, descripcion="Texto\x0bcon control")
    client.force_login(secretaria)
    response = client.get(url)
    filas = leer_csv(response) if url == CSV_URL else leer_xlsx(response)
    descripciones = {fila[5] for fila in filas[1:]}
    assert '\'=HYPERLINK("http://mal.example","x")' in descripciones
    assert {"'+1+1", "'-2+3", "'@SUM(A1)", "'\tOculto"} <= descripciones
    assert not any(d.startswith(("=", "+", "-", "@")) for d in descripciones)
    if url == XLSX_URL:
        hoja = load_workbook(io.BytesIO(response.content)).active
        assert all(cell.data_type != "f" for row in hoja.iter_rows() for cell in row)
        assert "Textocon control" in descripciones


def test_defuse_leaves_numbers_dates_and_plain_text_alone():
    assert defuse(-5) == -5
    assert defuse(dt.date(2021, 3, 3)) == dt.date(2021, 3, 3)
    assert defuse("Patrullas") == "Patrullas"
    assert defuse("-menos") == "'-menos"


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_an_export_with_confidential_rows_is_audited(client, delegado, datos, url):
    client.force_login(delegado)
    response = client.get(url, {"q": "a"})
    assert response.status_code == 200
    entrada = exportaciones().get()
    assert entrada.usuario == delegado
    assert entrada.cambios == {
        "exportacion": "compromisos",
        "formato": url.rsplit(".", 1)[1],
        "filas": 2,
        "reservadas_o_policiales": 1,
        "filtros": {"q": "a"},
    }


def test_an_export_of_public_rows_only_is_not_audited(client, administracion, enlace_otro, datos):
    for user in [administracion, enlace_otro]:
        client.force_login(user)
        assert len(leer_csv(client.get(CSV_URL))) == 2
    assert not exportaciones().exists()


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_outsider_and_anonymous_cannot_export(client, outsider, datos, url):
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert not exportaciones().exists()


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_bad_filters_do_not_break_the_export(client, secretaria, datos, url):
    client.force_login(secretaria)
    response = client.get(url, {"anio": "x", "junta": "y" * 5000, "page": "nope"})
    assert response.status_code == 200
    filas = leer_csv(response) if url == CSV_URL else leer_xlsx(response)
    assert len(filas) == 4  # the bad filters are ignored, as on the list page


# session, user, SAVEPOINT, the aggregate (rows and confidential rows), the audit entry
# (SAVEPOINT, INSERT, RELEASE of the service's atomic block), RELEASE, then the rows in one query.
EXPORT_QUERIES = 9


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_exports_run_a_fixed_number_of_queries(client, secretaria, datos, django_assert_num_queries, url):
    client.force_login(secretaria)
    client.get(reverse("inicio"))
    with django_assert_num_queries(EXPORT_QUERIES):
        response = client.get(url)
        filas = leer_csv(response) if url == CSV_URL else leer_xlsx(response)
    mas_compromisos(datos.patrullas.organismo, 60)
    with django_assert_num_queries(EXPORT_QUERIES):
        response = client.get(url)
        filas = leer_csv(response) if url == CSV_URL else leer_xlsx(response)
    assert len(filas) == 1 + 3 + 60
