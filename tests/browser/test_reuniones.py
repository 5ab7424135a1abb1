"""A secretaría runs a meeting's preparation in Chromium: create, agenda by keyboard, convene, attendance."""

import datetime as dt

import pytest
from django.utils import timezone

from juntas.models import Convocado, PuntoOrden, Reunion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretaria_prepares_convenes_and_records_attendance(page, login, secretaria, junta):
    login("secretaria")
    page.get_by_role("link", name="Reuniones").first.click()
    page.get_by_role("link", name="Nueva reunión").click()

    # Create the meeting (the only active Junta comes preselected).
    page.get_by_label("Tipo").select_option("ordinaria")
    page.get_by_label("Título").fill("Sesión ordinaria de primavera")
    page.get_by_label("Lugar").fill("Salón de Plenos")
    inicio = timezone.localtime(timezone.now() + dt.timedelta(days=15)).replace(hour=10, minute=0)
    page.get_by_label("Inicio").fill(inicio.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Guardar").click()
    page.get_by_role("heading", name="Orden del día de Sesión ordinaria de primavera").wait_for()
    reunion = Reunion.objects.get(titulo="Sesión ordinaria de primavera")

    # Two puntos.
    for numero, titulo in enumerate(("Absentismo escolar", "Ocio nocturno"), start=1):
        page.get_by_label("Título").fill(titulo)
        page.get_by_role("button", name="Añadir punto").click()
        page.get_by_text(f"Punto {numero} añadido.").wait_for()
    items = page.locator("#orden-del-dia li strong")
    assert items.all_inner_texts() == ["1. Absentismo escolar", "2. Ocio nocturno"]

    # Reorder by keyboard: focus "Bajar" on the first punto and press Enter (htmx swaps the list).
    bajar = page.get_by_role("button", name="Bajar: Absentismo escolar")
    bajar.focus()
    page.keyboard.press("Enter")
    page.locator("#orden-del-dia li strong").first.filter(has_text="1. Ocio nocturno").wait_for()
    assert page.locator("#orden-del-dia li strong").all_inner_texts() == ["1. Ocio nocturno", "2. Absentismo escolar"]
    # Focus stays on the moved punto's controls ("Bajar" is now disabled, so "Subir").
    assert (
        page.evaluate("document.activeElement.id")
        == f"mover-{PuntoOrden.objects.get(titulo='Absentismo escolar').pk}-arriba"
    )
    assert "ahora es el número 2" in page.get_by_role("status").filter(has_text="número").inner_text()

    # Convene: the Junta's members come proposed; save them and send.
    page.get_by_role("link", name="Convocatoria").click()
    assert page.get_by_label("Alcalde", exact=False).first.is_checked()
    page.get_by_role("button", name="Guardar convocados").click()
    page.get_by_text("Convocados guardados.").wait_for()
    page.get_by_role("button", name="Enviar la convocatoria").click()
    page.get_by_text("Convocatoria enviada a 3 personas.").wait_for()
    assert page.get_by_text("Convocatoria enviada el").is_visible()
    assert Convocado.objects.filter(reunion=reunion, notificado_en__isnull=False).count() == 3

    # Attendance: the quorum updates live as each member is marked present.
    page.get_by_role("link", name="Asistencia y quórum").click()
    quorum = page.locator("#quorum")
    assert "no está válidamente constituida" in quorum.inner_text()
    for cargo in ("Alcalde", "Secretaria de la Junta", "Jefe de la Policía Local"):
        page.get_by_label(f"Asistencia de {cargo}").select_option("asiste")
    page.locator("#quorum").filter(has_text="3 de 3 miembros con voto presentes").wait_for()
    assert "válidamente constituida en primera convocatoria" in page.locator("#quorum").inner_text()
    page.reload()
    assert "válidamente constituida en primera convocatoria" in page.locator("#quorum").inner_text()
