"""End to end in Chromium: the secretaría minutes a held session, has it approved and downloads the PDF."""

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from juntas.models import Acta, EstadoActa
from tests.sesiones import crear_sesion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretaria_writes_adopts_sends_approves_and_downloads_the_acta(page, login, secretaria):
    sesion = crear_sesion(puntos=2, presentes=4)
    login("secretaria")
    page.goto(f"/reuniones/{sesion.reunion.pk}/acta/")
    page.get_by_role("button", name="Comenzar el acta").click()

    # Two deliberations, autosaved without reloading the page.
    for numero, texto in [
        (1, "La Policía Local informa del dispositivo de verano."),
        (2, "Se debate el ocio nocturno."),
    ]:
        punto = sesion.puntos[numero - 1]
        page.get_by_label(f"Deliberación del punto {numero}").fill(texto)
        estado = page.locator(f"#estado-punto-{punto.pk}")
        estado.get_by_text(re.compile(r"Guardado a las \d\d:\d\d")).wait_for()
        assert estado.get_attribute("aria-live") == "polite"
    assert page.get_by_label("Deliberación del punto 1").input_value().startswith("La Policía Local")

    # An acuerdo adopted on item 2, numbered automatically.
    page.get_by_role("link", name="Adoptar un acuerdo en el punto 2").click()
    page.get_by_label("Título").fill("Plan de ocio nocturno")
    page.get_by_label("Texto del acuerdo").fill("Se acuerda elaborar un plan de ocio nocturno seguro.")
    page.get_by_label("Mayoría").check()
    page.get_by_label("Votos a favor").fill("3")
    page.get_by_label("Votos en contra").fill("1")
    page.get_by_role("button", name="Adoptar el acuerdo").click()
    page.get_by_text(re.compile(r"Acuerdo 1/\d{4} adoptado en el punto 2")).wait_for()
    assert page.get_by_text("Falta", exact=False).count() == 0

    # Sent for conformity with the proposed deadline, then approved in this same session.
    page.get_by_role("button", name="Enviar para conformidad").click()
    page.get_by_text("El acta se ha enviado a los miembros para su conformidad.").wait_for()
    page.get_by_label(re.compile("esta misma sesión")).check()
    page.get_by_role("button", name="Aprobar el acta").click()
    page.get_by_text("El acta ha quedado aprobada.", exact=False).wait_for()
    assert page.locator("textarea").count() == 0
    assert Acta.objects.get().estado == EstadoActa.APROBADA

    with page.expect_download() as descarga:
        page.get_by_role("link", name="Descargar el acta (PDF)").click()
    reader = PdfReader(Path(descarga.value.path()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for expected in [
        "Lugar y tiempo",
        "Salón de Plenos",
        "Asistentes",
        "Orden del día",
        "La Policía Local informa del dispositivo de verano.",
        "Se debate el ocio nocturno.",
        "Se acuerda elaborar un plan de ocio nocturno seguro.",
        "3 a favor, 1 en contra",
        "Esta acta fue aprobada en",
        "Vº Bº El/La Presidente/a",
        "Página 1 de",
    ]:
        assert expected in text, expected


def test_two_editors_never_overwrite_each_other_silently(page, login, secretaria):
    sesion = crear_sesion(puntos=1)
    login("secretaria")
    url = f"/reuniones/{sesion.reunion.pk}/acta/"
    page.goto(url)
    page.get_by_role("button", name="Comenzar el acta").click()
    otra = page.context.new_page()  # a second tab, loaded before the first one saves
    otra.goto(url)

    page.get_by_label("Deliberación del punto 1").fill("Versión de la primera pestaña.")
    page.get_by_text(re.compile(r"Guardado a las")).wait_for()

    campo = otra.get_by_label("Deliberación del punto 1")
    campo.fill("Versión de la segunda pestaña.")
    otra.get_by_text("Conflicto de edición.").wait_for()
    assert otra.get_by_text("Versión de la primera pestaña.").is_visible()
    assert campo.input_value() == "Versión de la segunda pestaña."  # nothing typed is lost

    otra.get_by_role("button", name="Conservar mi texto y sustituir el guardado").click()
    otra.get_by_text(re.compile(r"Guardado a las")).wait_for()
    sesion.puntos[0].refresh_from_db()
    assert sesion.puntos[0].deliberacion == "Versión de la segunda pestaña."
