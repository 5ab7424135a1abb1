"""View tests for the secretaría's steps: orden del día, convocatoria and asistencia with quorum."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from juntas.models import Asistencia, Convocado, Derecho, EstadoReunion, PuntoOrden, TipoPunto
from juntas.services import reuniones as servicio
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def marcada(html: str, pk: int) -> bool:
    """Whether the personas checkbox with this value is checked."""
    tag = re.search(rf'<input[^>]*name="personas"[^>]*value="{pk}"[^>]*>', html)
    assert tag, f"no checkbox for {pk}"
    return " checked" in tag.group(0)


def titulos(reunion):
    return list(PuntoOrden.objects.filter(reunion=reunion).order_by("numero").values_list("titulo", flat=True))


@pytest.fixture
def con_puntos(reunion, secretaria):
    for titulo in ("Lectura del acta anterior", "Absentismo escolar", "Ruegos y preguntas"):
        servicio.anadir_punto(actor=secretaria, reunion=reunion, titulo=titulo)
    return reunion


# Orden del día.


def test_the_secretaria_adds_a_punto_from_the_agenda_page(client, as_user, reunion):
    as_user("secretaria")
    response = client.post(
        reverse("punto_crear", kwargs={"pk": reunion.pk}),
        {"titulo": "Plan Local de Seguridad", "tipo": TipoPunto.DELIBERATIVO, "descripcion": "Borrador 2026"},
    )
    assert response.status_code == 302
    assert titulos(reunion) == ["Plan Local de Seguridad"]
    page = client.get(response.url)
    assert "1. Plan Local de Seguridad" in page.text


def test_an_empty_title_is_refused_by_the_field_and_the_description_is_kept(client, as_user, reunion):
    as_user("secretaria")
    response = client.post(
        reverse("punto_crear", kwargs={"pk": reunion.pk}),
        {"titulo": "", "tipo": "informativo", "descripcion": "Texto largo escrito"},
    )
    assert response.status_code == 200
    assert "Este campo es obligatorio" in response.text
    assert "Texto largo escrito" in response.text
    assert not PuntoOrden.objects.filter(reunion=reunion).exists()


def test_a_null_byte_in_a_punto_is_a_field_error_not_a_500(client, as_user, reunion):
    as_user("secretaria")
    response = client.post(reverse("punto_crear", kwargs={"pk": reunion.pk}), {"titulo": "Nulo\x00", "tipo": "x\x00"})
    assert response.status_code == 200
    assert "is-invalid" in response.text


def test_moving_with_htmx_returns_the_agenda_with_focus_target_and_an_announcement(client, as_user, con_puntos):
    as_user("secretaria")
    ultimo = PuntoOrden.objects.get(reunion=con_puntos, titulo="Ruegos y preguntas")
    response = client.post(
        reverse("punto_mover", kwargs={"pk": con_puntos.pk, "punto_pk": ultimo.pk}), {"direccion": "arriba"}, **HTMX
    )
    assert response.status_code == 200
    assert titulos(con_puntos) == ["Lectura del acta anterior", "Ruegos y preguntas", "Absentismo escolar"]
    assert '<section id="orden-del-dia"' in response.text and "<html" not in response.text
    assert f'data-enfoque="mover-{ultimo.pk}-arriba"' in response.text
    assert "ahora es el número 2" in response.text


def test_moving_without_javascript_redirects_back_to_the_punto(client, as_user, con_puntos):
    as_user("secretaria")
    primero = PuntoOrden.objects.get(reunion=con_puntos, numero=1)
    response = client.post(
        reverse("punto_mover", kwargs={"pk": con_puntos.pk, "punto_pk": primero.pk}), {"direccion": "abajo"}
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#punto-{primero.pk}")
    assert titulos(con_puntos)[1] == "Lectura del acta anterior"


def test_a_bad_direction_changes_nothing(client, as_user, con_puntos):
    as_user("secretaria")
    primero = PuntoOrden.objects.get(reunion=con_puntos, numero=1)
    response = client.post(
        reverse("punto_mover", kwargs={"pk": con_puntos.pk, "punto_pk": primero.pk}), {"direccion": "x"}, **HTMX
    )
    assert response.status_code == 200
    assert titulos(con_puntos)[0] == "Lectura del acta anterior"


def test_editing_and_deleting_a_punto(client, as_user, con_puntos):
    as_user("secretaria")
    punto = PuntoOrden.objects.get(reunion=con_puntos, numero=2)
    url = reverse("punto_editar", kwargs={"pk": con_puntos.pk, "punto_pk": punto.pk})
    assert 'value="Absentismo escolar"' in client.get(url).text
    assert client.post(url, {"titulo": "Absentismo escolar en el Norte", "tipo": "deliberativo"}).status_code == 302
    url = reverse("punto_eliminar", kwargs={"pk": con_puntos.pk, "punto_pk": punto.pk})
    assert "Absentismo escolar en el Norte" in client.get(url).text
    assert client.post(url).status_code == 302
    assert titulos(con_puntos) == ["Lectura del acta anterior", "Ruegos y preguntas"]


def test_a_punto_of_another_meeting_is_a_404(client, as_user, con_puntos):
    as_user("secretaria")
    ajeno = factories.PuntoOrdenFactory()
    for name in ("punto_editar", "punto_eliminar"):
        assert client.get(reverse(name, kwargs={"pk": con_puntos.pk, "punto_pk": ajeno.pk})).status_code == 404
    assert (
        client.post(
            reverse("punto_mover", kwargs={"pk": con_puntos.pk, "punto_pk": ajeno.pk}), {"direccion": "abajo"}
        ).status_code
        == 404
    )


def test_deleting_a_punto_with_acuerdos_shows_why_not(client, as_user, con_puntos):
    as_user("secretaria")
    punto = PuntoOrden.objects.get(reunion=con_puntos, numero=1)
    factories.AcuerdoFactory(reunion=con_puntos, punto=punto)
    response = client.post(reverse("punto_eliminar", kwargs={"pk": con_puntos.pk, "punto_pk": punto.pk}), follow=True)
    assert "no se puede eliminar" in response.text
    assert len(titulos(con_puntos)) == 3


def test_an_urgent_punto_without_every_member_is_refused_with_a_clear_message(client, as_user, reunion, junta):
    reunion.inicio, reunion.fin = timezone.now() - dt.timedelta(minutes=30), None
    reunion.save()
    factories.ConvocadoFactory(reunion=reunion, persona=junta.presidente, asistencia=Asistencia.ASISTE)
    as_user("secretaria")
    page = client.get(reverse("reunion_orden", kwargs={"pk": reunion.pk}))
    assert "votos_urgencia" in page.text
    response = client.post(
        reverse("punto_crear", kwargs={"pk": reunion.pk}),
        {"titulo": "Incidente", "tipo": "informativo", "votos_urgencia": 1},
    )
    assert response.status_code == 200
    assert "art. 17.4" in response.text
    assert 'value="Incidente"' in response.text


# Session, user, SAVEPOINT, the meeting (with its Junta), its puntos, the carried-over compromisos, RELEASE.
def test_the_agenda_page_runs_a_fixed_number_of_queries(client, as_user, con_puntos, django_assert_num_queries):
    as_user("secretaria")
    for i in range(5):
        factories.PuntoOrdenFactory(reunion=con_puntos, numero=20 + i, tipo=TipoPunto.SEGUIMIENTO)
        factories.CompromisoFactory(
            acuerdo=factories.AcuerdoFactory(
                reunion=factories.ReunionFactory(junta=con_puntos.junta, inicio=timezone.now() - dt.timedelta(days=30))
            )
        )
    url = reverse("reunion_orden", kwargs={"pk": con_puntos.pk})
    client.get(url)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


# Convocatoria.


def test_the_convocatoria_proposes_the_junta_members_until_saved(client, as_user, reunion, junta):
    otra = factories.PersonaFactory(cargo="Directora del IES Norte")
    as_user("secretaria")
    page = client.get(reverse("convocatoria", kwargs={"pk": reunion.pk})).text
    for persona in (junta.presidente, junta.secretario, junta.jefe_pl, junta.comisario, junta.asistente):
        assert marcada(page, persona.pk)
    assert not marcada(page, otra.pk)
    assert f'value="{otra.pk}"' in page
    assert "Propuesta: los miembros actuales de la Junta" in page


def test_saving_and_sending_the_convocatoria(client, as_user, reunion, junta, cnp):
    as_user("secretaria")
    url = reverse("convocatoria", kwargs={"pk": reunion.pk})
    personas = [junta.presidente.pk, junta.secretario.pk, junta.asistente.pk]
    assert client.post(url, {"personas": personas, "organismos": [cnp.pk]}).status_code == 302
    derechos = dict(
        Convocado.objects.filter(reunion=reunion, persona__isnull=False).values_list("persona_id", "derecho")
    )
    assert derechos == {
        junta.presidente.pk: Derecho.VOZ_Y_VOTO,
        junta.secretario.pk: Derecho.VOZ_Y_VOTO,
        junta.asistente.pk: Derecho.VOZ,
    }
    response = client.post(reverse("convocatoria_enviar", kwargs={"pk": reunion.pk}), follow=True)
    assert "Convocatoria enviada a 3 personas" in response.text
    assert "Convocatoria enviada el" in response.text
    assert len(mail.outbox) == 3
    reunion.refresh_from_db()
    assert reunion.estado == EstadoReunion.CONVOCADA


def test_short_notice_is_warned_before_and_after_sending(client, as_user, reunion, junta):
    reunion.inicio, reunion.fin = timezone.now() + dt.timedelta(days=3), None
    reunion.save()
    factories.ConvocadoFactory(reunion=reunion, persona=junta.presidente)
    as_user("secretaria")
    page = client.get(reverse("convocatoria", kwargs={"pk": reunion.pk}))
    assert "exigen 10 días de antelación" in page.text
    response = client.post(reverse("convocatoria_enviar", kwargs={"pk": reunion.pk}), follow=True)
    assert "con menos antelación" in response.text


def test_sending_for_a_meeting_that_already_started_is_refused_in_spanish(client, as_user, reunion, junta):
    reunion.inicio, reunion.fin = timezone.now() - dt.timedelta(hours=1), None
    reunion.save()
    factories.ConvocadoFactory(reunion=reunion, persona=junta.presidente)
    as_user("secretaria")
    response = client.post(reverse("convocatoria_enviar", kwargs={"pk": reunion.pk}), follow=True)
    assert "empieza en el pasado" in response.text
    assert mail.outbox == []


def test_bad_ids_in_the_convocados_form_are_field_errors(client, as_user, reunion):
    as_user("secretaria")
    response = client.post(
        reverse("convocatoria", kwargs={"pk": reunion.pk}),
        {"personas": ["999999", "x", "1\x00", str(2**70)], "organismos": ["-1"]},
    )
    assert response.status_code == 200
    assert "is-invalid" in response.text
    assert not Convocado.objects.filter(reunion=reunion).exists()


# Session, user, SAVEPOINT, the meeting (with its Junta), convocados, members' cargos, candidate persons,
# bodies, puntos, RELEASE.
def test_the_convocatoria_page_runs_a_fixed_number_of_queries(
    client, as_user, reunion, junta, django_assert_num_queries
):
    factories.ConvocadoFactory(reunion=reunion, persona=junta.presidente)
    for _ in range(5):
        factories.ConvocadoFactory(reunion=reunion)
        factories.PersonaFactory()
        factories.PuntoOrdenFactory(reunion=reunion)
    as_user("secretaria")
    url = reverse("convocatoria", kwargs={"pk": reunion.pk})
    client.get(url)
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200


# Asistencia.


@pytest.fixture
def convocada(reunion, junta, secretaria):
    servicio.fijar_convocados(
        actor=secretaria,
        reunion=reunion,
        personas=[junta.presidente, junta.secretario, junta.jefe_pl, junta.comisario, junta.asistente],
        organismos=[],
    )
    return {c.persona_id: c for c in reunion.convocados.all()}


def marcar(convocados, presentes, junta):
    datos = {}
    for persona_id, c in convocados.items():
        datos[f"asistencia_{c.pk}"] = Asistencia.ASISTE if persona_id in presentes else Asistencia.AUSENTE
        datos[f"derecho_{c.pk}"] = c.derecho
    return datos


def test_marking_attendance_shows_the_live_quorum(client, as_user, reunion, junta, convocada):
    as_user("secretaria")
    url = reverse("asistencia", kwargs={"pk": reunion.pk})
    assert "no está válidamente constituida" in client.get(url).text
    presentes = {junta.presidente.pk, junta.secretario.pk, junta.jefe_pl.pk}
    response = client.post(url, marcar(convocada, presentes, junta), follow=True)
    assert "válidamente constituida en primera convocatoria" in response.text
    assert "3 de 4 miembros con voto presentes" in response.text


def test_htmx_autosave_returns_only_the_quorum_panel(client, as_user, reunion, junta, convocada):
    as_user("secretaria")
    presentes = {junta.presidente.pk, junta.jefe_pl.pk, junta.comisario.pk}
    response = client.post(
        reverse("asistencia", kwargs={"pk": reunion.pk}), marcar(convocada, presentes, junta), **HTMX
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="quorum"')
    assert "Secretario no presente" in response.text
    assert "no está válidamente constituida" in response.text
    assert Convocado.objects.filter(reunion=reunion, asistencia=Asistencia.ASISTE).count() == 3


def test_tampered_attendance_values_are_field_errors_and_nothing_is_saved(client, as_user, reunion, junta, convocada):
    as_user("secretaria")
    datos = marcar(convocada, {junta.presidente.pk}, junta)
    datos[f"asistencia_{convocada[junta.presidente.pk].pk}"] = "quizas"
    response = client.post(reverse("asistencia", kwargs={"pk": reunion.pk}), datos)
    assert response.status_code == 200
    assert "is-invalid" in response.text
    assert not Convocado.objects.filter(reunion=reunion, asistencia=Asistencia.ASISTE).exists()


# Session, user, SAVEPOINT, the meeting (with its Junta), convocados, members for the quorum, RELEASE.
def test_the_attendance_page_runs_a_fixed_number_of_queries(
    client, as_user, reunion, junta, convocada, django_assert_num_queries
):
    for _ in range(5):
        factories.ConvocadoFactory(reunion=reunion)
        factories.MiembroJuntaFactory(junta=junta.junta)
    as_user("secretaria")
    url = reverse("asistencia", kwargs={"pk": reunion.pk})
    client.get(url)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
