"""A liaison works a compromiso through to fulfilment in a real browser; a delegado sees the dashboard change."""

import datetime as dt

import pytest
from django.utils import timezone

from coordinacion.choices import Confidencialidad
from juntas.services.compromisos import crear_compromiso
from tests import factories
from tests.juntas.muestras import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def recuento(page, tabla: str, fila: str) -> str:
    return page.get_by_role("table", name=tabla).get_by_role("row", name=fila).get_by_role("cell").inner_text()


@pytest.fixture
def compromiso(secretaria, policia_local):
    acuerdo = factories.AcuerdoFactory(titulo="Plan de absentismo escolar", fecha=dt.date(2021, 3, 3))
    jefe = factories.PersonaFactory(organismo=policia_local, cargo="Jefe de la Policía Local")
    return crear_compromiso(
        actor=secretaria,
        acuerdo=acuerdo,
        descripcion="Patrullas a la entrada de los colegios",
        organismo=policia_local,
        responsable=jefe,
        fecha_limite=timezone.localdate() + dt.timedelta(days=30),
        confidencialidad=Confidencialidad.RESERVADA,
    )


def test_a_liaison_fulfils_a_compromiso_and_the_delegado_sees_the_dashboard_change(
    page, login, enlace, delegado, compromiso, browser, live_server
):
    # The delegado, in a separate session, opens the dashboard before the liaison starts.
    context = browser.new_context(base_url=live_server.url, locale="es-ES")
    otra = context.new_page()
    otra.set_default_timeout(10_000)
    otra.goto("/accounts/login/")
    otra.get_by_label("Nombre de usuario").fill("delegado")
    otra.get_by_label("Contraseña").fill(factories.PASSWORD)
    otra.get_by_role("button", name="Iniciar sesión").click()
    otra.wait_for_url("**/")
    otra.get_by_role("link", name="Panel").click()
    otra.wait_for_url("**/panel/")
    assert recuento(otra, "Compromisos por estado", "Pendiente") == "1"
    assert recuento(otra, "Compromisos por estado", "Cumplido") == "0"
    cerrados = otra.locator("#tabla-cerrados tbody tr").last  # the current month
    assert cerrados.get_by_role("cell").inner_text() == "0"

    login("enlace_pl")
    page.get_by_role("link", name="Mi organismo").click()
    page.get_by_role("link", name="Patrullas a la entrada de los colegios").click()

    page.get_by_role("button", name="Marcar como «Aceptado»").click()
    page.get_by_text("El compromiso está ahora «Aceptado».").wait_for()

    # The nota goes through htmx: the list updates in place, the page does not reload.
    page.evaluate("window.__sin_recarga = true")
    page.get_by_label("Actuación realizada").fill("Primera semana de patrullas hecha; se adjunta el informe.")
    page.get_by_label("Avance (%)").fill("60")
    page.get_by_label("Adjuntos").set_input_files(
        {"name": "informe-semana-1.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Guardar la nota").click()
    page.get_by_role("link", name="Descargar informe-semana-1.pdf").wait_for()
    assert page.evaluate("window.__sin_recarga") is True
    assert page.get_by_role("status").filter(has_text="Nota añadida.").count() == 1
    assert page.locator("#avance-actual").get_attribute("value") == "60"
    assert page.get_by_label("Actuación realizada").input_value() == ""  # a fresh form for the next nota

    with page.expect_download() as descarga:
        page.get_by_role("link", name="Descargar informe-semana-1.pdf").click()
    assert descarga.value.suggested_filename == "informe-semana-1.pdf"

    page.get_by_role("button", name="Marcar como «Cumplido»").click()
    page.get_by_text("El compromiso está ahora «Cumplido».").wait_for()
    assert page.locator("#avance-actual").get_attribute("value") == "100"

    # The delegado reloads the dashboard: the compromiso moved from Pendiente to Cumplido,
    # and this month's closed count went up, in the tables and in the chart data alike.
    otra.reload()
    assert recuento(otra, "Compromisos por estado", "Pendiente") == "0"
    assert recuento(otra, "Compromisos por estado", "Cumplido") == "1"
    assert cerrados.get_by_role("cell").inner_text() == "1"
    otra.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('grafico-cerrados'))")
    assert otra.evaluate("Chart.getChart(document.getElementById('grafico-cerrados')).data.datasets[0].data").pop() == 1

    # And the acuerdo, derived from its only compromiso, is fulfilled too.
    otra.get_by_role("link", name="Acuerdos").click()
    otra.get_by_role("link", name="Plan de absentismo escolar").click()
    assert otra.locator("#acuerdo-estado").inner_text() == "Cumplido"
    assert otra.get_by_text("Primera semana de patrullas hecha").count() == 1
    context.close()
