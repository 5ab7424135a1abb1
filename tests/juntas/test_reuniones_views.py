"""View tests for reuniones: list, detail, create and edit, the .ics, and the follow-up include."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from coordinacion.choices import Confidencialidad
from juntas import consultas
from juntas.consultas import reuniones_derivadas
from juntas.models import EstadoCompromiso, Reunion, TipoPunto, TipoReunion
from tests import factories

pytestmark = pytest.mark.django_db


def fecha(delta: dt.timedelta) -> str:
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%dT%H:%M")


# The list.


@pytest.fixture
def varias(junta, policia_local):
    ahora = timezone.now()
    futura = factories.ReunionFactory(junta=junta.junta, titulo="Sesión futura", inicio=ahora + dt.timedelta(days=30))
    pasada = factories.ReunionFactory(
        junta=junta.junta,
        titulo="Sesión pasada",
        inicio=ahora - dt.timedelta(days=400),
        tipo=TipoReunion.EXTRAORDINARIA,
    )
    mesa = factories.ReunionFactory(
        titulo="Mesa de absentismo", tipo=TipoReunion.MESA, inicio=ahora + dt.timedelta(days=3)
    )
    factories.ConvocadoFactory(reunion=futura, persona=factories.PersonaFactory(organismo=policia_local))
    return futura, pasada, mesa


@pytest.mark.parametrize("role", ["secretaria", "delegado", "administracion"])
def test_staff_delegados_and_administration_see_every_meeting(client, as_user, varias, role):
    as_user(role)
    response = client.get(reverse("reunion_lista"))
    assert response.status_code == 200
    for titulo in ("Sesión futura", "Sesión pasada", "Mesa de absentismo"):
        assert titulo in response.text


def test_a_liaison_sees_only_meetings_their_body_was_called_to(client, as_user, varias):
    as_user("enlace")
    response = client.get(reverse("reunion_lista"))
    assert "Sesión futura" in response.text
    assert "Sesión pasada" not in response.text and "Mesa de absentismo" not in response.text
    as_user("enlace_otro")
    assert "Sesión futura" not in client.get(reverse("reunion_lista")).text


def test_the_list_filters_by_when_type_board_and_year(client, as_user, varias, junta):
    futura, pasada, mesa = varias
    as_user("secretaria")
    url = reverse("reunion_lista")
    proximas = client.get(url, {"periodo": "proximas"}).text
    assert "Sesión futura" in proximas and "Mesa de absentismo" in proximas and "Sesión pasada" not in proximas
    assert proximas.index("Mesa de absentismo") < proximas.index("Sesión futura")  # soonest first
    assert "Sesión pasada" in client.get(url, {"periodo": "pasadas"}).text
    por_tipo = client.get(url, {"tipo": TipoReunion.MESA}).text
    assert "Mesa de absentismo" in por_tipo and "Sesión futura" not in por_tipo
    por_junta = client.get(url, {"junta": junta.junta.pk}).text
    assert "Mesa de absentismo" not in por_junta and "Sesión futura" in por_junta
    por_anio = client.get(url, {"anio": pasada.inicio.year}).text
    assert "Sesión pasada" in por_anio and "Sesión futura" not in por_anio


@pytest.mark.parametrize(
    "params",
    [
        {"anio": "dos mil"},
        {"anio": "99999999999999999999"},
        {"anio": "2025.5"},
        {"junta": "9999999"},
        {"junta": "abc"},
        {"tipo": "<script>"},
        {"periodo": "siempre"},
        {"page": "-3"},
        {"page": "x" * 5000},
        {"tipo": "ordinaria\x00"},
        {"junta": "1\x00"},
        {"anio": "2026\x00"},
    ],
)
def test_bad_filter_params_are_reported_and_ignored_never_a_500(client, as_user, varias, params):
    as_user("secretaria")
    response = client.get(reverse("reunion_lista"), params)
    assert response.status_code == 200
    assert "Sesión futura" in response.text
    if "page" not in params:
        assert "invalid-feedback" in response.text


def test_the_list_paginates_and_keeps_the_filters(client, as_user, junta):
    for i in range(25):
        factories.ReunionFactory(junta=junta.junta, titulo=f"Reunión número {i:02d}")
    as_user("secretaria")
    response = client.get(reverse("reunion_lista"), {"junta": junta.junta.pk})
    assert "Página 1 de 2" in response.text
    assert f"junta={junta.junta.pk}&amp;page=2" in response.text
    assert client.get(reverse("reunion_lista"), {"junta": junta.junta.pk, "page": 2}).status_code == 200


# Session, user, SAVEPOINT, juntas for the filter's choices, count, the page of meetings (with their
# Junta), RELEASE.
@pytest.mark.parametrize("role", ["secretaria", "enlace"])
def test_the_list_runs_a_fixed_number_of_queries(
    client, as_user, varias, policia_local, django_assert_num_queries, role
):
    as_user(role)
    for _ in range(5):
        reunion = factories.ReunionFactory()
        factories.ConvocadoFactory(reunion=reunion, persona=factories.PersonaFactory(organismo=policia_local))
    client.get(reverse("reunion_lista"))
    with django_assert_num_queries(7):
        response = client.get(reverse("reunion_lista"), {"tipo": TipoReunion.ORDINARIA})
    assert response.status_code == 200


def test_the_navigation_offers_meetings_to_every_role(client, as_user):
    for role in ("secretaria", "delegado", "enlace", "administracion"):
        as_user(role)
        assert f'href="{reverse("reunion_lista")}"' in client.get(reverse("inicio")).text


# The detail.


@pytest.fixture
def sesion(junta, policia_local, cnp):
    """A follow-up session with an acuerdo of origin, a seguimiento punto, convocados and an acuerdo."""
    anterior = factories.ReunionFactory(junta=junta.junta, inicio=timezone.now() - dt.timedelta(days=90))
    origen = factories.AcuerdoFactory(reunion=anterior, titulo="Crear la mesa de absentismo")
    factories.CompromisoFactory(acuerdo=origen, organismo=policia_local, descripcion="Patrullas escolares")
    policial = factories.AcuerdoFactory(
        reunion=anterior, titulo="Operativo", confidencialidad=Confidencialidad.POLICIAL
    )
    factories.CompromisoFactory(
        acuerdo=policial, organismo=cnp, descripcion="Dispositivo discreto", confidencialidad=Confidencialidad.POLICIAL
    )
    factories.CompromisoFactory(
        acuerdo=origen, organismo=policia_local, descripcion="Ya cumplido", estado=EstadoCompromiso.CUMPLIDO, avance=100
    )
    reunion = factories.ReunionFactory(junta=junta.junta, titulo="Seguimiento del absentismo", acuerdo_origen=origen)
    factories.PuntoOrdenFactory(reunion=reunion, numero=1, titulo="Seguimiento de acuerdos", tipo=TipoPunto.SEGUIMIENTO)
    factories.PuntoOrdenFactory(reunion=reunion, numero=2, titulo="Ruegos y preguntas", tipo=TipoPunto.RUEGOS)
    factories.ConvocadoFactory(reunion=reunion, persona=junta.jefe_pl)
    factories.ConvocadoFactory(reunion=reunion, persona=junta.presidente)
    factories.AcuerdoFactory(reunion=reunion, titulo="Ampliar la mesa", confidencialidad=Confidencialidad.PUBLICA)
    return reunion


def test_the_detail_shows_origin_agenda_carry_over_convocados_and_acuerdos(client, as_user, sesion):
    as_user("secretaria")
    response = client.get(reverse("reunion_detalle", kwargs={"pk": sesion.pk}))
    text = response.text
    assert "Crear la mesa de absentismo" in text  # the acuerdo it stems from
    assert "1. Seguimiento de acuerdos" in text and "2. Ruegos y preguntas" in text
    assert "Patrullas escolares" in text and "Dispositivo discreto" in text  # carried over, open
    assert "Ya cumplido" not in text
    assert "Jefe de la Policía Local" in text
    assert "Ampliar la mesa" in text
    assert reverse("reunion_editar", kwargs={"pk": sesion.pk}) in text


def test_the_detail_lists_the_most_urgent_carried_over_compromisos_and_links_to_all(
    client, as_user, sesion, policia_local, monkeypatch
):
    monkeypatch.setattr(consultas, "ARRASTRADOS_MOSTRADOS", 2)
    hoy = timezone.localdate()
    origen = sesion.acuerdo_origen
    factories.CompromisoFactory(
        acuerdo=origen, organismo=policia_local, descripcion="El más urgente", fecha_limite=hoy - dt.timedelta(days=400)
    )
    factories.CompromisoFactory(
        acuerdo=origen,
        organismo=policia_local,
        descripcion="El menos urgente",
        fecha_limite=hoy + dt.timedelta(days=900),
    )
    as_user("secretaria")
    response = client.get(reverse("reunion_detalle", kwargs={"pk": sesion.pk}))
    arrastrados = response.context["arrastrados"]
    assert arrastrados.total == 4 and len(arrastrados.filas) == 2  # Patrullas, Dispositivo and the two above
    assert "El más urgente" in response.text and "El menos urgente" not in response.text
    enlace = f"{reverse('compromiso_lista')}?seguimiento={sesion.pk}"
    assert enlace in response.text
    # The link lists every one of them, and only those (not the fulfilled one).
    lista = client.get(enlace)
    assert {c.descripcion for c in lista.context["pagina"].object_list} == {
        "Patrullas escolares",
        "Dispositivo discreto",
        "El más urgente",
        "El menos urgente",
    }


def test_the_detail_links_to_the_list_only_when_it_leaves_compromisos_out(client, as_user, sesion):
    as_user("secretaria")
    response = client.get(reverse("reunion_detalle", kwargs={"pk": sesion.pk}))
    assert response.context["arrastrados"].total == 2
    assert "?seguimiento=" not in response.text


def test_the_detail_hides_what_a_liaison_may_not_see_and_offers_no_management(client, as_user, sesion):
    as_user("enlace")
    text = client.get(reverse("reunion_detalle", kwargs={"pk": sesion.pk})).text
    assert "Patrullas escolares" in text
    assert "Dispositivo discreto" not in text  # a CNP police compromiso
    assert reverse("reunion_editar", kwargs={"pk": sesion.pk}) not in text


def test_a_liaison_of_a_body_not_called_gets_404_and_bad_ids_too(client, as_user, sesion):
    as_user("enlace_otro")
    assert client.get(reverse("reunion_detalle", kwargs={"pk": sesion.pk})).status_code == 404
    as_user("secretaria")
    assert client.get(reverse("reunion_detalle", kwargs={"pk": 9999999})).status_code == 404
    assert client.get(f"/reuniones/{2**63 + 5}/").status_code == 404
    assert client.get("/reuniones/abc/").status_code == 404


# Session, user, the meeting (with Junta, convocante and the Junta's members for the quorum as a JSON
# subquery), its puntos, its convocados (with persona and body), the acuerdos adopted and the acuerdo
# of origin in one query, the most urgent carried-over compromisos with their total, the meeting's
# audit history. No SAVEPOINT and RELEASE: a read-only page runs outside a transaction.
@pytest.mark.parametrize("role", ["secretaria", "enlace"])
def test_the_detail_runs_a_fixed_number_of_queries(
    client, as_user, sesion, junta, policia_local, django_assert_num_queries, role
):
    as_user(role)
    for i in range(4):
        factories.PuntoOrdenFactory(reunion=sesion, numero=10 + i, tipo=TipoPunto.SEGUIMIENTO)
        factories.ConvocadoFactory(reunion=sesion, persona=factories.PersonaFactory(organismo=policia_local))
        factories.AcuerdoFactory(reunion=sesion)
        factories.CompromisoFactory(acuerdo=sesion.acuerdo_origen, organismo=policia_local)
        factories.MiembroJuntaFactory(junta=junta.junta)
    url = reverse("reunion_detalle", kwargs={"pk": sesion.pk})
    client.get(url)
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200


def test_the_follow_up_include_lists_the_meetings_an_acuerdo_led_to_as_the_user_sees_them(sesion, enlace, enlace_otro):
    acuerdo = sesion.acuerdo_origen
    html = render_to_string("juntas/reuniones/_derivadas.html", {"reuniones": reuniones_derivadas(enlace, acuerdo)})
    assert "Seguimiento del absentismo" in html
    assert reverse("reunion_detalle", kwargs={"pk": sesion.pk}) in html
    html = render_to_string(
        "juntas/reuniones/_derivadas.html", {"reuniones": reuniones_derivadas(enlace_otro, acuerdo)}
    )
    assert "Seguimiento del absentismo" not in html


# Create and edit.


def test_the_secretaria_creates_a_meeting_and_is_taken_to_its_agenda(client, as_user, junta):
    as_user("secretaria")
    response = client.post(
        reverse("reunion_crear"),
        {
            "junta": junta.junta.pk,
            "tipo": TipoReunion.ORDINARIA,
            "titulo": "Sesión ordinaria de invierno",
            "modalidad": "presencial",
            "lugar": "Salón de Plenos",
            "inicio": fecha(dt.timedelta(days=20)),
            "fin": fecha(dt.timedelta(days=20, hours=2)),
        },
    )
    reunion = Reunion.objects.get(titulo="Sesión ordinaria de invierno")
    assert response.status_code == 302
    assert response.url == reverse("reunion_orden", kwargs={"pk": reunion.pk})


@pytest.mark.parametrize(
    ("inicio", "fin", "campo", "mensaje"),
    [
        (dt.timedelta(days=-2), None, "inicio", "no puede estar en el pasado"),
        (dt.timedelta(days=5), dt.timedelta(days=4), "fin", "debe ser posterior al inicio"),
    ],
)
def test_bad_dates_get_a_spanish_message_by_the_field_and_keep_what_was_typed(
    client, as_user, junta, inicio, fin, campo, mensaje
):
    as_user("secretaria")
    datos = {
        "junta": junta.junta.pk,
        "tipo": TipoReunion.ORDINARIA,
        "titulo": "Título que no se pierde",
        "modalidad": "presencial",
        "lugar": "Sala 3",
        "inicio": fecha(inicio),
        "fin": fecha(fin) if fin else "",
    }
    response = client.post(reverse("reunion_crear"), datos)
    assert response.status_code == 200
    assert mensaje in response.text
    assert f'id="error_1_id_{campo}"' in response.text  # crispy puts it by the field
    assert 'value="Título que no se pierde"' in response.text and 'value="Sala 3"' in response.text
    assert not Reunion.objects.filter(titulo="Título que no se pierde").exists()


@pytest.mark.parametrize(
    "datos",
    [
        {"junta": "x", "tipo": "nada", "titulo": "a" * 5000, "inicio": "ayer", "fin": "31/02"},
        {"junta": "1\x00", "tipo": "ordinaria", "titulo": "Nulo\x00", "inicio": "2030-01-01T10:00\x00"},
        {"junta": str(2**70), "acuerdo_origen": "-5", "convocante": "1e3", "enlace_telematico": "javascript:alert(1)"},
    ],
)
def test_garbage_in_the_create_form_is_a_form_error_not_a_500(client, as_user, datos):
    as_user("secretaria")
    response = client.post(reverse("reunion_crear"), datos)
    assert response.status_code == 200
    assert "is-invalid" in response.text
    assert not Reunion.objects.exists()


def test_the_secretaria_edits_a_meeting(client, as_user, reunion):
    as_user("secretaria")
    url = reverse("reunion_editar", kwargs={"pk": reunion.pk})
    form = client.get(url)
    assert 'value="Sesión ordinaria de otoño"' in form.text
    datos = {
        "junta": reunion.junta_id,
        "tipo": reunion.tipo,
        "titulo": "Sesión ordinaria de otoño (aplazada)",
        "modalidad": "mixta",
        "lugar": "Sala de Juntas",
        "enlace_telematico": "https://meet.example.org/jls",
        "inicio": fecha(dt.timedelta(days=22)),
        "fin": "",
    }
    assert client.post(url, datos).status_code == 302
    reunion.refresh_from_db()
    assert (reunion.titulo, reunion.modalidad) == ("Sesión ordinaria de otoño (aplazada)", "mixta")


def test_editing_a_held_meeting_keeps_its_start_and_warns_to_resend_after_a_change(client, as_user, junta):
    celebrada = factories.ReunionFactory(
        junta=junta.junta, inicio=timezone.now() - dt.timedelta(days=2, seconds=17), fin=None
    )
    as_user("secretaria")
    url = reverse("reunion_editar", kwargs={"pk": celebrada.pk})
    datos = {
        "junta": junta.junta.pk,
        "tipo": celebrada.tipo,
        "titulo": celebrada.titulo,
        "modalidad": "presencial",
        "lugar": "Sala de Juntas",
        "inicio": timezone.localtime(celebrada.inicio).strftime("%Y-%m-%dT%H:%M"),
    }
    assert client.post(url, datos).status_code == 302  # a past start left alone is not "moved to the past"
    celebrada.refresh_from_db()
    assert celebrada.lugar == "Sala de Juntas"
    futura = factories.ReunionFactory(junta=junta.junta, convocatoria_enviada_en=timezone.now())
    datos.update(titulo=futura.titulo, inicio=fecha(dt.timedelta(days=40)), lugar="Otro sitio")
    response = client.post(reverse("reunion_editar", kwargs={"pk": futura.pk}), datos, follow=True)
    assert "vuelva a enviarla" in response.text


def test_other_roles_cannot_create_or_edit(client, as_user, reunion, policia_local):
    factories.ConvocadoFactory(reunion=reunion, persona=factories.PersonaFactory(organismo=policia_local))
    for role in ("delegado", "enlace", "administracion"):
        as_user(role)
        assert client.post(reverse("reunion_crear"), {}).status_code == 403
        assert client.post(reverse("reunion_editar", kwargs={"pk": reunion.pk}), {}).status_code == 403


# The .ics download.


def test_the_ics_download_is_a_valid_event_with_the_agenda(client, as_user, sesion):
    as_user("delegado")
    response = client.get(reverse("reunion_ics", kwargs={"pk": sesion.pk}))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    evento = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(evento["summary"]) == "Seguimiento del absentismo"
    assert evento.decoded("dtstart") == sesion.inicio.replace(microsecond=0)
    assert "1. Seguimiento de acuerdos" in str(evento["description"])
    assert str(evento["uid"]) == f"reunion-{sesion.pk}@testserver"
