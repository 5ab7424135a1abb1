import pytest

from tests.juntas.datos_seguimiento import crear_datos

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def recuento(page, tabla: str, fila: str) -> str:
    return page.get_by_role("table", name=tabla).get_by_role("row", name=fila).get_by_role("cell").inner_text()


def test_a_delegado_reads_the_dashboard_and_filters_it(page, login, delegado, policia_local, cnp):
    crear_datos(policia_local, cnp)
    login("delegado")
    page.get_by_role("link", name="Panel").click()
    page.wait_for_url("**/panel/")
    assert page.get_by_role("heading", level=1).inner_text() == "Panel"

    # The table alternative of each chart, with the delegado's counts (police items not counted).
    assert recuento(page, "Compromisos por organismo responsable", "Policía Local") == "1"
    assert recuento(page, "Compromisos por organismo responsable", "Cuerpo Nacional de Policía") == "1"
    assert recuento(page, "Compromisos por estado", "Pendiente") == "1"
    assert page.locator("#resumen-total").inner_text() == "2"

    # Each chart is a canvas with an accessible name, drawn by Chart.js from the page's JSON.
    grafico = page.get_by_role("img", name="Gráfico: Compromisos por organismo responsable", exact=False)
    assert grafico.count() == 1
    assert grafico.evaluate("el => el.tagName") == "CANVAS"
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('grafico-estado'))")
    assert page.evaluate("Chart.getChart(document.getElementById('grafico-organismo')).data.datasets[0].data") == [1, 1]

    # A filter changes both the tables and the charts.
    page.get_by_label("Distrito", exact=True).select_option(label="Distrito Sur")
    page.get_by_role("button", name="Aplicar filtros").click()
    page.wait_for_url("**/panel/?*distrito=*")
    assert page.locator("#resumen-total").inner_text() == "1"
    tabla = page.get_by_role("table", name="Compromisos por organismo responsable")
    assert tabla.get_by_role("row", name="Policía Local").count() == 0
    assert recuento(page, "Compromisos por organismo responsable", "Cuerpo Nacional de Policía") == "1"
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('grafico-organismo'))")
    assert page.evaluate("Chart.getChart(document.getElementById('grafico-organismo')).data.labels") == [
        "Cuerpo Nacional de Policía"
    ]
