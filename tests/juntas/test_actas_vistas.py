"""The acta pages in the browser's terms: who sees, who writes, what bad input gets, how many queries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coordinacion.choices import Confidencialidad
from juntas.models import Acta, Acuerdo, Asistencia, Conformidad, EstadoActa, PuntoOrden, Votacion
from juntas.services import actas as servicio
from tests import factories
from tests.sesiones import crear_sesion

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def sesion(delegado, enlace):
    # The enlace's body (Policía Local) is convened through a person without an account.
    s = crear_sesion(miembros=[delegado])
    factories.ConvocadoFactory(
        reunion=s.reunion, persona=factories.PersonaFactory(organismo=enlace.organismo), asistencia=Asistencia.ASISTE
    )
    return s


@pytest.fixture
def acta(sesion, secretaria):
    return servicio.abrir_acta(actor=secretaria, reunion=sesion.reunion)


def url(name, sesion, **kwargs):
    return reverse(name, kwargs={"pk": sesion.reunion.pk, **kwargs})


def completar(sesion, secretaria, acta):
    for punto in sesion.puntos:
        servicio.guardar_deliberacion(actor=secretaria, punto=punto, texto=f"Deliberación {punto.numero}.", version=1)
    return servicio.adoptar_acuerdo(
        actor=secretaria, punto=sesion.puntos[0], titulo="Refuerzo", texto="Se acuerda.", votacion=Votacion.UNANIMIDAD
    )


def enviar(sesion, secretaria, acta):
    completar(sesion, secretaria, acta)
    return servicio.enviar_acta(actor=secretaria, acta=acta, plazo=timezone.now() + dt.timedelta(days=7))


# Opening the acta


def test_secretaria_starts_the_acta_with_a_post_not_a_get(client, secretaria, sesion):
    client.force_login(secretaria)
    response = client.get(url("acta_detalle", sesion))
    assert response.status_code == 200
    assert "Comenzar el acta" in response.text
    assert not Acta.objects.exists()
    response = client.post(url("acta_detalle", sesion))
    assert response.status_code == 302
    assert Acta.objects.get().reunion == sesion.reunion


@pytest.mark.parametrize("role", ["delegado", "enlace", "administracion"])
def test_others_get_404_while_there_is_no_acta(client, as_user, sesion, role):
    as_user(role)
    assert client.get(url("acta_detalle", sesion)).status_code == 404
    assert client.get(url("acta_pdf", sesion)).status_code == 404


@pytest.mark.parametrize(("role", "status"), [("enlace_otro", 404), ("outsider", 404), ("delegado", 200)])
def test_the_acta_is_visible_with_its_reunion(client, as_user, sesion, acta, role, status):
    as_user(role)
    assert client.get(url("acta_detalle", sesion)).status_code == status


def test_the_page_shows_the_five_elements_and_what_is_missing(client, secretaria, sesion, acta):
    client.force_login(secretaria)
    response = client.get(url("acta_detalle", sesion))
    text = response.text
    assert "Salón de Plenos" in text  # place
    assert "Punto número 2" in text  # agenda
    assert sesion.reunion.convocados.filter(asistencia=Asistencia.ASISTE).first().persona.cargo in text
    assert "Principales puntos de las deliberaciones: falta." in text
    assert "Puntos sin texto de deliberación: 1, 2." in text
    assert "No se ha registrado ningún acuerdo." in text


def test_readers_see_the_text_but_no_editor(client, delegado, secretaria, sesion, acta):
    completar(sesion, secretaria, acta)
    client.force_login(delegado)
    response = client.get(url("acta_detalle", sesion))
    assert "Deliberación 1." in response.text
    assert "<textarea" not in response.text
    assert "Adoptar un acuerdo" not in response.text


def test_acuerdos_the_reader_may_not_see_are_left_out(client, enlace_otro, delegado, secretaria, sesion, acta):
    servicio.adoptar_acuerdo(
        actor=secretaria,
        punto=sesion.puntos[0],
        titulo="Dispositivo discreto",
        texto="Texto policial.",
        votacion=Votacion.ASENTIMIENTO,
        confidencialidad=Confidencialidad.POLICIAL,
    )
    client.force_login(delegado)
    assert "Dispositivo discreto" not in client.get(url("acta_detalle", sesion)).text
    client.force_login(secretaria)
    assert "Dispositivo discreto" in client.get(url("acta_detalle", sesion)).text


# Autosave and optimistic locking


def test_autosave_returns_a_small_status_announced_politely(client, secretaria, sesion, acta):
    client.force_login(secretaria)
    punto = sesion.puntos[0]
    response = client.post(
        url("acta_deliberacion", sesion, punto_pk=punto.pk), {"texto": "Se informa.", "version": 1}, **HTMX
    )
    assert response.status_code == 200
    assert "Guardado a las" in response.text
    assert 'name="version" value="2"' in response.text
    assert "<html" not in response.text
    assert PuntoOrden.objects.get(pk=punto.pk).deliberacion == "Se informa."
    page = client.get(url("acta_detalle", sesion)).text
    assert 'role="status" aria-live="polite"' in page
    assert 'hx-trigger="input changed delay:1s"' in page


def test_a_stale_version_shows_the_conflict_the_saved_text_and_keeps_nothing_lost(client, secretaria, sesion, acta):
    client.force_login(secretaria)
    punto = sesion.puntos[0]
    target = url("acta_deliberacion", sesion, punto_pk=punto.pk)
    client.post(target, {"texto": "Texto de Ana.", "version": 1}, **HTMX)
    response = client.post(target, {"texto": "Texto de Luis.", "version": 1}, **HTMX)
    assert response.status_code == 200
    assert "Conflicto de edición" in response.text
    assert "Texto de Ana." in response.text  # the saved version, to compare
    assert 'name="version" value="1"' in response.text  # still stale: no silent overwrite on the next autosave
    assert PuntoOrden.objects.get(pk=punto.pk).deliberacion == "Texto de Ana."
    # Keeping one's own text is an explicit choice naming the version being replaced.
    response = client.post(target, {"texto": "Texto de Luis.", "version": 1, "forzar": 2}, **HTMX)
    assert "Guardado a las" in response.text
    assert PuntoOrden.objects.get(pk=punto.pk).deliberacion == "Texto de Luis."


def test_without_htmx_a_conflict_returns_the_page_with_the_typed_text(client, secretaria, sesion, acta):
    client.force_login(secretaria)
    punto = sesion.puntos[0]
    target = url("acta_deliberacion", sesion, punto_pk=punto.pk)
    assert client.post(target, {"texto": "Primero.", "version": 1}).status_code == 302
    response = client.post(target, {"texto": "Lo que escribí yo.", "version": 1})
    assert response.status_code == 409
    assert "Lo que escribí yo.</textarea>" in response.text
    assert "Primero." in response.text


def test_remarks_autosave_with_the_acta_version(client, secretaria, sesion, acta):
    client.force_login(secretaria)
    target = url("acta_observaciones", sesion)
    assert "Guardado a las" in client.post(target, {"texto": "Sin incidencias.", "version": 1}, **HTMX).text
    assert "Conflicto de edición" in client.post(target, {"texto": "Otra.", "version": 1}, **HTMX).text
    assert Acta.objects.get().observaciones == "Sin incidencias."


@pytest.mark.parametrize("version", ["abc", "", "-1", "99999999999999"])
def test_a_malformed_version_is_explained_not_a_500(client, secretaria, sesion, acta, version):
    client.force_login(secretaria)
    target = url("acta_deliberacion", sesion, punto_pk=sesion.puntos[0].pk)
    response = client.post(target, {"texto": "Algo.", "version": version}, **HTMX)
    assert response.status_code == 200
    assert "No guardado" in response.text
    response = client.post(target, {"texto": "Algo que no se pierde.", "version": version})
    assert response.status_code == 400
    assert "Algo que no se pierde.</textarea>" in response.text


def test_a_huge_text_is_refused_with_a_message(client, secretaria, sesion, acta):
    client.force_login(secretaria)
    target = url("acta_deliberacion", sesion, punto_pk=sesion.puntos[0].pk)
    response = client.post(target, {"texto": "x" * 60_000, "version": 1}, **HTMX)
    assert "No guardado" in response.text
    assert PuntoOrden.objects.get(pk=sesion.puntos[0].pk).deliberacion == ""


def test_bad_ids_are_404(client, secretaria, sesion, acta):
    client.force_login(secretaria)
    otro = factories.PuntoOrdenFactory()  # a punto of another meeting
    assert (
        client.post(url("acta_deliberacion", sesion, punto_pk=otro.pk), {"texto": "x", "version": 1}).status_code == 404
    )
    assert client.get(url("acta_acuerdo_nuevo", sesion, punto_pk=999999)).status_code == 404
    assert client.get(reverse("acta_detalle", kwargs={"pk": 999999})).status_code == 404
    assert client.get(reverse("acuerdo_certificado", kwargs={"pk": 999999})).status_code == 404


def test_a_sent_acta_refuses_edits_with_a_message(client, secretaria, sesion, acta):
    enviar(sesion, secretaria, acta)
    client.force_login(secretaria)
    target = url("acta_deliberacion", sesion, punto_pk=sesion.puntos[0].pk)
    response = client.post(target, {"texto": "Cambio", "version": 2}, **HTMX)
    assert "volver a borrador" in response.text
    assert PuntoOrden.objects.get(pk=sesion.puntos[0].pk).deliberacion == "Deliberación 1."


# Acuerdos


def acuerdo_data(**overrides):
    return {
        "titulo": "Plan de ocio nocturno",
        "texto": "Se acuerda elaborar un plan.",
        "votacion": Votacion.UNANIMIDAD,
        "confidencialidad": Confidencialidad.RESERVADA,
        **overrides,
    }


def test_secretaria_adopts_an_acuerdo_numbered_automatically(client, secretaria, sesion, acta):
    client.force_login(secretaria)
    materia = factories.MateriaFactory(nombre="Ocio nocturno")
    target = url("acta_acuerdo_nuevo", sesion, punto_pk=sesion.puntos[1].pk)
    assert "5 miembros presentes con voto" in client.get(target).text
    response = client.post(
        target,
        acuerdo_data(
            votacion=Votacion.MAYORIA,
            votos_favor=3,
            votos_contra=1,
            votos_particulares="Voto en contra razonado.",
            materias=[materia.pk],
        ),
    )
    assert response.status_code == 302
    acuerdo = Acuerdo.objects.get()
    assert (acuerdo.numero, acuerdo.punto, acuerdo.votos_particulares) == (
        1,
        sesion.puntos[1],
        "Voto en contra razonado.",
    )
    page = client.get(response.url).text
    assert "Acuerdo 1/" in page and "Voto en contra razonado." in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"texto": ""}, "Este campo es obligatorio."),
        ({"votacion": Votacion.MAYORIA, "votos_favor": 2, "votos_contra": 2}, "deben superar a los votos en contra"),
        (
            {"votacion": Votacion.MAYORIA, "votos_favor": 5, "votos_contra": 1},
            "superan a los miembros presentes con voto",
        ),
        ({"votacion": Votacion.UNANIMIDAD, "votos_contra": 1}, "no tiene votos en contra"),
        ({"votos_favor": "muchos"}, "Introduzca un número entero."),
        ({"votacion": "aclamacion"}, "Escoja una opción válida."),
        ({"materias": ["999999"]}, "Escoja una opción válida."),
    ],
)
def test_bad_acuerdos_get_a_spanish_message_and_keep_what_was_typed(
    client, secretaria, sesion, acta, overrides, message
):
    client.force_login(secretaria)
    factories.MateriaFactory()
    data = acuerdo_data(votos_particulares="Texto que no se pierde.", **overrides)
    response = client.post(url("acta_acuerdo_nuevo", sesion, punto_pk=sesion.puntos[0].pk), data)
    assert response.status_code == 400
    assert message in response.text
    assert "Texto que no se pierde." in response.text
    assert 'value="Plan de ocio nocturno"' in response.text
    assert not Acuerdo.objects.exists()


def test_the_vote_error_sits_next_to_its_field(client, secretaria, sesion, acta):
    client.force_login(secretaria)
    data = acuerdo_data(votacion=Votacion.MAYORIA, votos_favor=1, votos_contra=2)
    response = client.post(url("acta_acuerdo_nuevo", sesion, punto_pk=sesion.puntos[0].pk), data)
    field = response.text.split('id="div_id_votos_favor"')[1].split('id="div_id_votos_contra"')[0]
    assert "deben superar a los votos en contra" in field
    assert "is-invalid" in field


# Approval round


def test_sending_an_incomplete_acta_lists_what_is_missing(client, secretaria, sesion, acta):
    client.force_login(secretaria)
    response = client.post(url("acta_enviar", sesion), {"plazo": "2099-01-01T10:00"})
    assert response.status_code == 400
    assert "Principales puntos de las deliberaciones" in response.text
    assert Acta.objects.get().estado == EstadoActa.BORRADOR


@pytest.mark.parametrize("plazo", ["", "mañana", "2020-01-01T10:00", "2099-13-45T99:99"])
def test_a_bad_deadline_is_explained_next_to_the_field(client, secretaria, sesion, acta, plazo):
    completar(sesion, secretaria, acta)
    client.force_login(secretaria)
    response = client.post(url("acta_enviar", sesion), {"plazo": plazo})
    assert response.status_code == 400
    assert "id_plazo" in response.text and "invalid-feedback" in response.text
    assert Acta.objects.get().estado == EstadoActa.BORRADOR


def test_a_session_runs_from_draft_to_approved(client, secretaria, delegado, sesion, acta):
    completar(sesion, secretaria, acta)
    client.force_login(secretaria)
    assert client.post(url("acta_enviar", sesion), {"plazo": "2099-01-01T10:00"}).status_code == 302
    assert Acta.objects.get().estado == EstadoActa.ENVIADA

    client.force_login(delegado)
    page = client.get(url("acta_detalle", sesion)).text
    assert "Registrar mi respuesta" in page
    response = client.post(url("acta_conformidad", sesion), {"tipo": "reparo", "texto": ""})
    assert response.status_code == 400
    assert "Indique sus reparos." in response.text
    response = client.post(url("acta_conformidad", sesion), {"tipo": "reparo", "texto": "Falta mi intervención."})
    assert response.status_code == 302
    assert Conformidad.objects.get().texto == "Falta mi intervención."

    client.force_login(secretaria)
    page = client.get(url("acta_detalle", sesion)).text
    assert "Falta mi intervención." in page
    assert client.post(url("acta_aprobar", sesion), {"reunion_aprobacion": "abc"}).status_code == 400
    otra = factories.ReunionFactory()
    response = client.post(url("acta_aprobar", sesion), {"reunion_aprobacion": otra.pk})
    assert response.status_code == 400
    assert client.post(url("acta_aprobar", sesion), {"reunion_aprobacion": sesion.reunion.pk}).status_code == 302
    acta = Acta.objects.get()
    assert acta.estado == EstadoActa.APROBADA and acta.aprobada_en_reunion == sesion.reunion

    page = client.get(url("acta_detalle", sesion)).text
    assert "Aprobada" in page and "<textarea" not in page
    response = client.post(
        url("acta_deliberacion", sesion, punto_pk=sesion.puntos[0].pk), {"texto": "Cambio", "version": 2}
    )
    assert response.status_code == 403
    assert client.post(url("acta_aprobar", sesion)).status_code == 403
    assert client.get(url("acta_acuerdo_nuevo", sesion, punto_pk=sesion.puntos[0].pk)).status_code == 403


def test_secretaria_returns_a_sent_acta_to_draft(client, secretaria, sesion, acta):
    enviar(sesion, secretaria, acta)
    client.force_login(secretaria)
    assert client.post(url("acta_devolver", sesion)).status_code == 302
    assert Acta.objects.get().estado == EstadoActa.BORRADOR


def test_a_visible_member_not_convened_gets_403_on_conformity(client, enlace, secretaria, sesion, acta):
    enviar(sesion, secretaria, acta)
    client.force_login(enlace)
    assert client.get(url("acta_detalle", sesion)).status_code == 200
    assert client.post(url("acta_conformidad", sesion), {"tipo": "conformidad"}).status_code == 403


# Query counts: fixed whatever the number of puntos, acuerdos, convocados and replies.


def engordar(sesion, secretaria, miembros):
    for n in range(3, 13):
        factories.PuntoOrdenFactory(reunion=sesion.reunion, numero=n, deliberacion="Texto.")
    for punto in sesion.reunion.puntos.all():
        acuerdo = factories.AcuerdoFactory(reunion=sesion.reunion, punto=punto, numero=100 + punto.numero)
        acuerdo.materias.add(factories.MateriaFactory())
        acuerdo.distritos.add(factories.DistritoFactory())
    for _ in range(10):
        factories.ConvocadoFactory(reunion=sesion.reunion, asistencia=Asistencia.ASISTE)
    for user in miembros:
        factories.ConvocadoFactory(reunion=sesion.reunion, persona=user.persona, asistencia=Asistencia.ASISTE)


@pytest.mark.parametrize("extra", [False, True])
def test_the_draft_page_runs_a_fixed_number_of_queries(
    client, secretaria, sesion, acta, django_assert_num_queries, extra
):
    acuerdo = completar(sesion, secretaria, acta)
    acuerdo.materias.add(factories.MateriaFactory())
    acuerdo.distritos.add(factories.DistritoFactory())
    if extra:
        engordar(sesion, secretaria, [])
    client.force_login(secretaria)
    client.get(url("acta_detalle", sesion))  # the first request after sign-in renews the session
    # session, user, reunión with junta and acta (and the next session, for approval), puntos, visible
    # acuerdos (with their materias' and distritos' names as JSON subqueries), convocados with persona
    # and organismo, the acta's audit history. No SAVEPOINT and RELEASE: reading needs no transaction.
    with django_assert_num_queries(7):
        assert client.get(url("acta_detalle", sesion)).status_code == 200


@pytest.mark.parametrize("extra", [False, True])
def test_the_sent_page_runs_a_fixed_number_of_queries(
    client, secretaria, delegado, sesion, acta, django_assert_num_queries, extra
):
    enviar(sesion, secretaria, acta)
    if extra:
        Acta.objects.filter(pk=acta.pk).update(estado=EstadoActa.BORRADOR)
        engordar(sesion, secretaria, [])
        Acta.objects.filter(pk=acta.pk).update(estado=EstadoActa.ENVIADA)
        for _ in range(5):
            user = factories.UsuarioFactory()
            factories.ConvocadoFactory(reunion=sesion.reunion, persona=user.persona)
            Conformidad.objects.create(acta=acta, usuario=user, tipo="conformidad")
    siguiente = factories.ReunionFactory(junta=sesion.junta, inicio=sesion.reunion.inicio + dt.timedelta(days=30))
    client.force_login(delegado)
    client.get(url("acta_detalle", sesion))
    # session, user, reunión and the next session in one query, puntos, acuerdos (with the names of
    # their materias and distritos), convocados, conformidades with their users, the acta's audit
    # history (no SAVEPOINT and RELEASE: reading needs no transaction)
    with django_assert_num_queries(8):
        assert client.get(url("acta_detalle", sesion)).status_code == 200
    client.force_login(secretaria)
    client.get(url("acta_detalle", sesion))
    # the same: the next session offered for approval came with the reunión
    with django_assert_num_queries(8):
        response = client.get(url("acta_detalle", sesion))
    assert response.context["aprobar_form"].opciones == {sesion.reunion.pk: sesion.reunion, siguiente.pk: siguiente}
