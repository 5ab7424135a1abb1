"""Compromiso pages: create/edit by the secretaría, the detail with status moves and the inline notas,
and attachment downloads. Every bad input gets a Spanish message next to its field and keeps what was typed."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from coordinacion.choices import AccionAuditoria, Confidencialidad, Rol
from coordinacion.models import RegistroAuditoria
from juntas.models import Adjunto, Compromiso, EstadoCompromiso, NotaActuacion
from tests import factories
from tests.juntas import muestras as m

pytestmark = pytest.mark.django_db
E = EstadoCompromiso


@pytest.fixture
def jefe_pl(policia_local):
    return factories.PersonaFactory(organismo=policia_local, cargo="Jefe de la Policía Local")


@pytest.fixture
def acuerdo(policia_local, cnp):
    """A reservada acuerdo where both Policía Local and CNP hold compromisos (so both see both)."""
    acuerdo = factories.AcuerdoFactory(fecha=dt.date(2021, 3, 3), titulo="Mesa de absentismo")
    factories.CompromisoFactory(acuerdo=acuerdo, organismo=cnp, descripcion="Compromiso de CNP")
    return acuerdo


@pytest.fixture
def compromiso(acuerdo, policia_local, jefe_pl):
    return factories.CompromisoFactory(
        acuerdo=acuerdo, organismo=policia_local, responsable=jefe_pl, descripcion="Patrullas escolares"
    )


def _url(name, obj):
    return reverse(name, args=[obj.pk])


def _terminos(persona, **overrides):
    data = {
        "descripcion": "Reforzar la vigilancia en el parque",
        "organismo": persona.organismo_id,
        "responsable": persona.pk,
        "fecha_limite": "2021-06-30",
        "confidencialidad": "reservada",
    }
    return {**data, **overrides}


# Creating and editing (secretaría)


def test_secretaria_creates_a_compromiso_from_the_acuerdo(client, secretaria, acuerdo, jefe_pl):
    client.force_login(secretaria)
    response = client.post(_url("compromiso_crear", acuerdo), _terminos(jefe_pl))
    compromiso = Compromiso.objects.get(descripcion="Reforzar la vigilancia en el parque")
    assert response.status_code == 302 and response.url == _url("compromiso_detalle", compromiso)
    assert compromiso.responsable == jefe_pl and compromiso.estado == E.PENDIENTE


def test_a_due_date_before_the_acuerdo_is_explained_and_the_form_kept(client, secretaria, acuerdo, jefe_pl):
    client.force_login(secretaria)
    response = client.post(_url("compromiso_crear", acuerdo), _terminos(jefe_pl, fecha_limite="2021-03-01"))
    assert response.status_code == 400
    assert "La fecha límite no puede ser anterior a la fecha del acuerdo (03/03/2021)." in response.text
    assert "Reforzar la vigilancia en el parque" in response.text  # nothing typed is lost
    assert not Compromiso.objects.filter(descripcion__startswith="Reforzar").exists()


def test_a_person_of_another_body_is_refused(client, secretaria, acuerdo, cnp, jefe_pl):
    client.force_login(secretaria)
    response = client.post(_url("compromiso_crear", acuerdo), _terminos(jefe_pl, organismo=cnp.pk))
    assert response.status_code == 400
    assert "no pertenece a Cuerpo Nacional de Policía" in response.text


@pytest.mark.parametrize(
    ("field", "value"),
    [("fecha_limite", "30/02/2021"), ("responsable", "99999999999999999999"), ("organismo", "x"), ("descripcion", "")],
)
def test_malformed_terms_get_a_message_not_a_500(client, secretaria, acuerdo, jefe_pl, field, value):
    client.force_login(secretaria)
    response = client.post(_url("compromiso_crear", acuerdo), _terminos(jefe_pl, **{field: value}))
    assert response.status_code == 400
    assert "is-invalid" in response.text


def test_secretaria_edits_terms_and_only_changes_are_audited(client, secretaria, compromiso, jefe_pl):
    antes = compromiso.fecha_limite.isoformat()
    client.force_login(secretaria)
    data = _terminos(jefe_pl, descripcion=compromiso.descripcion, fecha_limite="2021-09-30")
    response = client.post(_url("compromiso_editar", compromiso), data)
    assert response.status_code == 302
    compromiso.refresh_from_db()
    assert compromiso.fecha_limite == dt.date(2021, 9, 30)
    entrada = RegistroAuditoria.objects.get(accion=AccionAuditoria.MODIFICAR, object_id=str(compromiso.pk))
    assert entrada.cambios == {"fecha_limite": [antes, "2021-09-30"]}


def test_the_edit_form_shows_current_terms(client, secretaria, compromiso):
    client.force_login(secretaria)
    response = client.get(_url("compromiso_editar", compromiso))
    assert "Patrullas escolares" in response.text
    assert f'value="{compromiso.fecha_limite.isoformat()}"' in response.text


# The detail page


def test_the_liaison_is_offered_to_accept_report_and_write(client, enlace, compromiso):
    client.force_login(enlace)
    response = client.get(_url("compromiso_detalle", compromiso))
    assert "Marcar como «Aceptado»" in response.text
    assert "Comunicar un problema" in response.text
    assert 'hx-post="' + _url("nota_crear", compromiso) in response.text
    assert 'value="policial"' in response.text  # a police body may write police-only notas


def test_report_a_problem_preselects_blocked(client, enlace, compromiso):
    client.force_login(enlace)
    response = client.get(_url("compromiso_detalle", compromiso) + "?reportar=1")
    assert '<option value="bloqueado" selected>' in response.text


def test_a_non_police_liaison_is_not_offered_the_police_level(client, acuerdo):
    servicios = factories.OrganismoFactory(nombre="Servicios Sociales")
    usuario = factories.UsuarioFactory(rol=Rol.ENLACE, persona=factories.PersonaFactory(organismo=servicios))
    compromiso = factories.CompromisoFactory(acuerdo=acuerdo, organismo=servicios)
    client.force_login(usuario)
    response = client.get(_url("compromiso_detalle", compromiso))
    assert 'name="confidencialidad"' in response.text
    assert 'value="policial"' not in response.text


def test_the_delegado_reads_but_gets_no_form(client, delegado, compromiso):
    client.force_login(delegado)
    response = client.get(_url("compromiso_detalle", compromiso))
    assert response.status_code == 200
    assert "Patrullas escolares" in response.text
    assert "nueva-nota" not in response.text and "Marcar como" not in response.text


def test_another_bodys_visible_compromiso_is_read_only_for_a_liaison(client, enlace_otro, compromiso):
    client.force_login(enlace_otro)
    assert client.get(_url("compromiso_detalle", compromiso)).status_code == 200
    assert client.post(_url("compromiso_estado", compromiso), {"estado": "aceptado"}).status_code == 403
    assert (
        client.post(_url("nota_crear", compromiso), {"texto": "x", "confidencialidad": "reservada"}).status_code == 403
    )
    compromiso.refresh_from_db()
    assert compromiso.estado == E.PENDIENTE and not compromiso.notas.exists()


def test_another_bodys_police_compromiso_is_404_for_a_liaison(client, enlace_otro, compromiso):
    compromiso.confidencialidad = Confidencialidad.POLICIAL
    compromiso.save()
    client.force_login(enlace_otro)
    assert client.get(_url("compromiso_detalle", compromiso)).status_code == 404
    assert client.post(_url("nota_crear", compromiso), {"texto": "x"}).status_code == 404


def test_bad_compromiso_ids_are_404(client, secretaria):
    client.force_login(secretaria)
    assert client.get("/compromisos/99999999999999999999999/").status_code == 404
    assert client.post("/compromisos/99999999999999999999999/notas/", {"texto": "x"}).status_code == 404
    assert client.get("/adjuntos/99999999999999999999999/").status_code == 404


# Status moves


def test_the_liaison_accepts_with_one_click(client, enlace, compromiso):
    client.force_login(enlace)
    response = client.post(_url("compromiso_estado", compromiso), {"estado": "aceptado"}, follow=True)
    compromiso.refresh_from_db()
    assert compromiso.estado == E.ACEPTADO
    assert "El compromiso está ahora «Aceptado»." in response.text


@pytest.mark.parametrize(
    ("estado", "message"),
    [
        ("cumplido", "Un compromiso no puede pasar de «Pendiente» a «Cumplido»."),
        ("cancelado", "Solo la secretaría puede pasar un compromiso de «Pendiente» a «Cancelado»."),
        ("inventado", "Elija un estado válido."),
        ("", "Elija un estado válido."),
    ],
)
def test_a_move_not_allowed_is_explained(client, enlace, compromiso, estado, message):
    client.force_login(enlace)
    response = client.post(_url("compromiso_estado", compromiso), {"estado": estado}, follow=True)
    assert message in response.text
    compromiso.refresh_from_db()
    assert compromiso.estado == E.PENDIENTE


def test_status_moves_are_post_only(client, enlace, compromiso):
    client.force_login(enlace)
    assert client.get(_url("compromiso_estado", compromiso)).status_code == 405
    assert client.get(_url("nota_crear", compromiso)).status_code == 405


# Notas


def test_a_nota_without_js_redirects_back_with_a_message(client, enlace, compromiso):
    client.force_login(enlace)
    data = {"texto": "Primera patrulla realizada", "confidencialidad": "reservada", "avance": "20"}
    response = client.post(_url("nota_crear", compromiso), data, follow=True)
    assert "Nota añadida." in response.text
    assert "Primera patrulla realizada" in response.text
    compromiso.refresh_from_db()
    assert compromiso.avance == 20


def test_a_nota_with_htmx_returns_the_list_and_the_status_panel(client, enlace, compromiso):
    client.force_login(enlace)
    data = {
        "texto": "Aceptamos y empezamos",
        "estado_nuevo": "aceptado",
        "confidencialidad": "reservada",
        "archivos": m.upload("Informe ñ.pdf", m.PDF),
    }
    response = client.post(_url("nota_crear", compromiso), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.text  # a fragment, not a page
    assert 'id="notas"' in response.text and "Aceptamos y empezamos" in response.text
    assert (
        'id="compromiso-estado" class="card card-body mb-4" aria-labelledby="h-estado" hx-swap-oob="true"'
        in response.text
    )
    assert "Nota añadida." in response.text
    assert "Descargar Informe ñ.pdf" in response.text
    compromiso.refresh_from_db()
    assert compromiso.estado == E.ACEPTADO


def test_a_wrong_file_type_with_htmx_keeps_the_text(client, enlace, compromiso):
    client.force_login(enlace)
    data = {"texto": "Texto largo que no debe perderse", "confidencialidad": "reservada"}
    data["archivos"] = m.upload("informe.pdf", m.EXE)
    response = client.post(_url("nota_crear", compromiso), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "El contenido de informe.pdf no es un PDF" in response.text
    assert "Texto largo que no debe perderse" in response.text
    assert "La nota no se ha guardado." in response.text
    assert not NotaActuacion.objects.exists()


def test_an_oversized_file_without_js_is_explained(client, enlace, compromiso, settings):
    settings.ADJUNTO_MAX_BYTES = 100
    client.force_login(enlace)
    data = {"texto": "Con anexo", "confidencialidad": "reservada", "archivos": m.upload("grande.pdf", m.PDF * 3)}
    response = client.post(_url("nota_crear", compromiso), data)
    assert response.status_code == 400
    assert "el límite es 100\xa0bytes" in response.text
    assert "Con anexo" in response.text
    assert not Adjunto.objects.exists()


def test_progress_over_100_is_explained(client, enlace, compromiso):
    client.force_login(enlace)
    data = {"texto": "Avance", "confidencialidad": "reservada", "avance": "150"}
    response = client.post(_url("nota_crear", compromiso), data)
    assert response.status_code == 400
    assert "Asegúrese de que este valor es menor o igual a 100." in response.text
    compromiso.refresh_from_db()
    assert compromiso.avance == 0


def test_a_stale_status_choice_gets_the_transition_message(client, enlace, compromiso):
    client.force_login(enlace)
    data = {"texto": "Terminado", "estado_nuevo": "cumplido", "confidencialidad": "reservada"}
    response = client.post(_url("nota_crear", compromiso), data)
    assert response.status_code == 400
    assert "Un compromiso no puede pasar de «Pendiente» a «Cumplido»." in response.text
    assert "Terminado" in response.text


def test_a_non_police_liaison_cannot_force_the_police_level(client, acuerdo):
    servicios = factories.OrganismoFactory(nombre="Servicios Sociales")
    usuario = factories.UsuarioFactory(rol=Rol.ENLACE, persona=factories.PersonaFactory(organismo=servicios))
    compromiso = factories.CompromisoFactory(acuerdo=acuerdo, organismo=servicios)
    client.force_login(usuario)
    response = client.post(_url("nota_crear", compromiso), {"texto": "x", "confidencialidad": "policial"})
    assert response.status_code == 400
    assert not NotaActuacion.objects.exists()


def test_the_secretaria_adds_notas_too(client, secretaria, compromiso):
    client.force_login(secretaria)
    data = {"texto": "Recordatorio enviado", "confidencialidad": "policial"}
    assert client.post(_url("nota_crear", compromiso), data).status_code == 302
    assert compromiso.notas.get().autor == secretaria


# Attachments


@pytest.fixture
def adjunto(compromiso, enlace):
    from juntas.services.compromisos import registrar_nota

    nota = registrar_nota(
        actor=enlace, compromiso=compromiso, texto="Informe", archivos=[m.upload('Informe ñandú "final".pdf', m.PDF)]
    )
    return nota.adjuntos.get()


def test_downloads_stream_the_file_as_an_attachment(client, delegado, adjunto):
    client.force_login(delegado)
    response = client.get(_url("adjunto_descargar", adjunto))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == m.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Informe%20%C3%B1and%C3%BA%20%22final%22.pdf" in disposition
    tipo = ContentType.objects.get_for_model(Adjunto)
    entrada = RegistroAuditoria.objects.get(accion=AccionAuditoria.DESCARGA, content_type=tipo)
    assert entrada.usuario == delegado and entrada.object_id == str(adjunto.pk)


def test_attachments_are_not_under_media_url(adjunto, settings):
    assert not adjunto.archivo.name.startswith(settings.MEDIA_URL)
    assert "Informe" not in adjunto.archivo.name


def test_attachments_of_a_hidden_nota_are_404(client, delegado, compromiso):
    nota = factories.NotaActuacionFactory(compromiso=compromiso, confidencialidad=Confidencialidad.POLICIAL)
    adjunto = factories.AdjuntoFactory(nota=nota)
    client.force_login(delegado)
    assert client.get(_url("adjunto_descargar", adjunto)).status_code == 404
    assert not RegistroAuditoria.objects.filter(accion=AccionAuditoria.DESCARGA).exists()


def test_a_missing_file_is_404_not_500(client, secretaria, adjunto):
    adjunto.archivo.storage.delete(adjunto.archivo.name)
    client.force_login(secretaria)
    assert client.get(_url("adjunto_descargar", adjunto)).status_code == 404


# Query counts


# session, user, SAVEPOINT, compromiso (with acuerdo, junta, body, person), its notas (with author,
# person, body), their adjuntos, the compromiso's audit history, RELEASE
@pytest.mark.parametrize("role", ["secretaria", "delegado", "enlace", "enlace_otro"])
def test_the_detail_runs_a_fixed_number_of_queries(client, as_user, compromiso, django_assert_num_queries, role):
    as_user(role)
    for _ in range(5):
        nota = factories.NotaActuacionFactory(compromiso=compromiso)
        factories.AdjuntoFactory(nota=nota)
        factories.AdjuntoFactory(nota=nota)
    url = _url("compromiso_detalle", compromiso)
    client.get(url)
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200


# session, user, SAVEPOINT, acuerdo, the choices of bodies and persons, RELEASE
def test_the_create_form_runs_a_fixed_number_of_queries(client, secretaria, acuerdo, django_assert_num_queries):
    for _ in range(5):
        factories.PersonaFactory()
    client.force_login(secretaria)
    url = _url("compromiso_crear", acuerdo)
    client.get(url)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


# session, user, SAVEPOINT, compromiso, the choices of bodies and persons, RELEASE
def test_the_edit_form_runs_a_fixed_number_of_queries(client, secretaria, compromiso, django_assert_num_queries):
    for _ in range(5):
        factories.PersonaFactory()
    client.force_login(secretaria)
    url = _url("compromiso_editar", compromiso)
    client.get(url)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


# session, user, SAVEPOINT, adjunto (with its nota, compromiso, acuerdo, scoped by visibility),
# SAVEPOINT, content type of Adjunto, audit INSERT, RELEASE (the download service), RELEASE
def test_a_download_runs_a_fixed_number_of_queries(client, delegado, adjunto, django_assert_num_queries):
    client.force_login(delegado)
    url = _url("adjunto_descargar", adjunto)
    client.get(url)
    ContentType.objects.clear_cache()
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200
