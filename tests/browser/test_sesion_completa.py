"""A whole session of the Junta in Chromium, as issue 3 asks: from the empty calendar to the signed PDF.

Create the meeting, set two puntos, convene, mark attendance, write both deliberations, adopt an
acuerdo, send the acta for conformity, approve it, then download the PDF and read its text.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader

from juntas.models import Acta, Acuerdo, Convocado, EstadoActa

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_session_runs_end_to_end_from_convocatoria_to_the_approved_pdf(page, login, secretaria, junta):
    login("secretaria")

    # The meeting.
    page.get_by_role("link", name="Reuniones").first.click()
    page.get_by_role("link", name="Nueva reunión").click()
    page.get_by_label("Tipo").select_option("ordinaria")
    page.get_by_label("Título").fill("Sesión ordinaria de otoño")
    page.get_by_label("Lugar").fill("Salón de Plenos")
    inicio = timezone.localtime(timezone.now() + dt.timedelta(days=15)).replace(hour=10, minute=0)
    page.get_by_label("Inicio").fill(inicio.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Fin").fill((inicio + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Guardar").click()

    # Two puntos on the orden del día.
    for numero, titulo in enumerate(("Absentismo escolar", "Ocio nocturno"), start=1):
        page.get_by_label("Título").fill(titulo)
        page.get_by_role("button", name="Añadir punto").click()
        page.get_by_text(f"Punto {numero} añadido.").wait_for()

    # Convene the Junta's members.
    page.get_by_role("link", name="Convocatoria").click()
    page.get_by_role("button", name="Guardar convocados").click()
    page.get_by_text("Convocados guardados.").wait_for()
    page.get_by_role("button", name="Enviar la convocatoria").click()
    page.get_by_text("Convocatoria enviada a 3 personas.").wait_for()
    assert Convocado.objects.filter(notificado_en__isnull=False).count() == 3

    # Attendance, with the live quorum.
    page.get_by_role("link", name="Asistencia y quórum").click()
    for cargo in ("Alcalde", "Secretaria de la Junta", "Jefe de la Policía Local"):
        page.get_by_label(f"Asistencia de {cargo}").select_option("asiste")
    page.locator("#quorum").filter(has_text="válidamente constituida en primera convocatoria").wait_for()

    # The acta: two deliberations, autosaved.
    reunion = Convocado.objects.first().reunion
    page.goto(f"/reuniones/{reunion.pk}/acta/")
    page.get_by_role("button", name="Comenzar el acta").click()
    for numero, texto in [
        (1, "Educación y la Policía Local presentan los datos de absentismo del trimestre."),
        (2, "Se debate el plan de ocio nocturno de las fiestas."),
    ]:
        page.get_by_label(f"Deliberación del punto {numero}").fill(texto)
        page.get_by_text(re.compile(r"Guardado a las \d\d:\d\d")).nth(numero - 1).wait_for()

    # An acuerdo adopted on punto 1, by unanimity of the three present.
    page.get_by_role("link", name="Adoptar un acuerdo en el punto 1").click()
    page.get_by_label("Título").fill("Protocolo de absentismo escolar")
    page.get_by_label("Texto del acuerdo").fill("Se acuerda activar el protocolo conjunto de absentismo escolar.")
    page.get_by_label("Unanimidad").check()
    page.get_by_role("button", name="Adoptar el acuerdo").click()
    page.get_by_text(re.compile(r"Acuerdo 1/\d{4} adoptado en el punto 1")).wait_for()

    # Conformity round, then approval in this same session.
    page.get_by_role("button", name="Enviar para conformidad").click()
    page.get_by_text("El acta se ha enviado a los miembros para su conformidad.").wait_for()
    page.get_by_label(re.compile("esta misma sesión")).check()
    page.get_by_role("button", name="Aprobar el acta").click()
    page.get_by_text("El acta ha quedado aprobada.", exact=False).wait_for()
    assert Acta.objects.get().estado == EstadoActa.APROBADA
    assert Acuerdo.objects.get().punto.titulo == "Absentismo escolar"

    # The PDF carries every art. 18.1 element and the signatures.
    with page.expect_download() as descarga:
        page.get_by_role("link", name="Descargar el acta (PDF)").click()
    reader = PdfReader(Path(descarga.value.path()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for expected in [
        "Sesión ordinaria de otoño",
        "Salón de Plenos",
        "Asistentes",
        "Alcalde",
        "Orden del día",
        "Absentismo escolar",
        "Educación y la Policía Local presentan los datos de absentismo del trimestre.",
        "Se debate el plan de ocio nocturno de las fiestas.",
        "Se acuerda activar el protocolo conjunto de absentismo escolar.",
        "Esta acta fue aprobada en",
        "Vº Bº El/La Presidente/a",
        "Página 1 de",
    ]:
        assert expected in text, expected
