"""Service tests for reuniones: meeting, orden del día, convocatoria and asistencia, each with its audit entry."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from icalendar import Calendar

from coordinacion.choices import AccionAuditoria
from coordinacion.models import RegistroAuditoria
from juntas.models import Asistencia, Convocado, Derecho, EstadoReunion, PuntoOrden, TipoPunto, TipoReunion
from juntas.services import reuniones as servicio
from tests import factories

pytestmark = pytest.mark.django_db


def ultima_auditoria():
    return RegistroAuditoria.objects.order_by("-id").first()


def numeros(reunion):
    return list(PuntoOrden.objects.filter(reunion=reunion).order_by("numero").values_list("titulo", "numero"))


# The meeting.


def test_creating_a_meeting_records_it_and_audits_the_fields(secretaria, junta):
    inicio = timezone.now() + dt.timedelta(days=12)
    reunion = servicio.crear_reunion(
        actor=secretaria, junta=junta.junta, tipo=TipoReunion.ORDINARIA, titulo="Sesión de primavera", inicio=inicio
    )
    assert reunion.estado == EstadoReunion.PREPARACION
    entrada = ultima_auditoria()
    assert (entrada.accion, entrada.usuario, entrada.object_id) == (AccionAuditoria.CREAR, secretaria, str(reunion.pk))
    assert entrada.cambios["titulo"] == [None, "Sesión de primavera"]


def test_a_meeting_cannot_start_in_the_past_or_end_before_it_starts(secretaria, junta):
    ahora = timezone.now()
    with pytest.raises(ValidationError) as error:
        servicio.crear_reunion(
            actor=secretaria,
            junta=junta.junta,
            tipo=TipoReunion.ORDINARIA,
            titulo="X",
            inicio=ahora - dt.timedelta(days=1),
        )
    assert "inicio" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        servicio.crear_reunion(
            actor=secretaria,
            junta=junta.junta,
            tipo=TipoReunion.ORDINARIA,
            titulo="X",
            inicio=ahora + dt.timedelta(days=1),
            fin=ahora + dt.timedelta(hours=23),
        )
    assert "fin" in error.value.error_dict


def test_editing_audits_only_changed_fields_and_keeps_a_past_start_left_alone(secretaria, junta):
    pasada = factories.ReunionFactory(junta=junta.junta, inicio=timezone.now() - dt.timedelta(days=3))
    servicio.modificar_reunion(
        actor=secretaria, reunion=pasada, datos={"lugar": "Sala de Juntas", "inicio": pasada.inicio}
    )
    assert ultima_auditoria().cambios == {"lugar": ["Salón de Plenos", "Sala de Juntas"]}
    with pytest.raises(ValidationError):
        servicio.modificar_reunion(
            actor=secretaria, reunion=pasada, datos={"inicio": timezone.now() - dt.timedelta(days=1)}
        )


# The orden del día.


def test_puntos_are_numbered_in_order_and_renumbered_after_a_delete(secretaria, reunion):
    a = servicio.anadir_punto(actor=secretaria, reunion=reunion, titulo="Aprobación del acta anterior")
    b = servicio.anadir_punto(actor=secretaria, reunion=reunion, titulo="Absentismo escolar")
    servicio.anadir_punto(actor=secretaria, reunion=reunion, titulo="Ruegos y preguntas", tipo=TipoPunto.RUEGOS)
    assert (a.numero, b.numero, a.urgente) == (1, 2, False)
    servicio.eliminar_punto(actor=secretaria, punto=a)
    assert numeros(reunion) == [("Absentismo escolar", 1), ("Ruegos y preguntas", 2)]
    assert ultima_auditoria().accion == AccionAuditoria.ELIMINAR


def test_moving_a_punto_swaps_it_with_its_neighbour_and_stays_put_at_the_ends(secretaria, reunion):
    a = servicio.anadir_punto(actor=secretaria, reunion=reunion, titulo="A")
    servicio.anadir_punto(actor=secretaria, reunion=reunion, titulo="B")
    c = servicio.anadir_punto(actor=secretaria, reunion=reunion, titulo="C")
    servicio.mover_punto(actor=secretaria, punto=c, direccion=servicio.ARRIBA)
    assert numeros(reunion) == [("A", 1), ("C", 2), ("B", 3)]
    assert ultima_auditoria().cambios == {"numero": [3, 2]}
    servicio.mover_punto(actor=secretaria, punto=a, direccion=servicio.ARRIBA)
    servicio.mover_punto(actor=secretaria, punto=a, direccion=servicio.ABAJO)
    assert numeros(reunion) == [("C", 1), ("A", 2), ("B", 3)]
    with pytest.raises(ValidationError):
        servicio.mover_punto(actor=secretaria, punto=a, direccion="sideways")


def test_a_punto_with_acuerdos_cannot_be_deleted(secretaria, reunion):
    punto = servicio.anadir_punto(actor=secretaria, reunion=reunion, titulo="Con acuerdo")
    factories.AcuerdoFactory(reunion=reunion, punto=punto)
    with pytest.raises(ValidationError):
        servicio.eliminar_punto(actor=secretaria, punto=punto)


def test_editing_a_punto_audits_the_change(secretaria, reunion):
    punto = servicio.anadir_punto(actor=secretaria, reunion=reunion, titulo="Borrador")
    servicio.modificar_punto(actor=secretaria, punto=punto, titulo="Definitivo", tipo=TipoPunto.DELIBERATIVO)
    punto.refresh_from_db()
    assert (punto.titulo, punto.tipo) == ("Definitivo", TipoPunto.DELIBERATIVO)
    assert ultima_auditoria().cambios["titulo"] == ["Borrador", "Definitivo"]


def _en_curso(reunion, junta, presentes):
    """Start the meeting an hour ago, with these members attending."""
    reunion.inicio = timezone.now() - dt.timedelta(hours=1)
    reunion.fin = None
    reunion.save()
    miembros = [junta.presidente, junta.secretario, junta.jefe_pl, junta.comisario, junta.asistente]
    for persona in miembros:
        factories.ConvocadoFactory(
            reunion=reunion,
            persona=persona,
            asistencia=Asistencia.ASISTE if persona in presentes else Asistencia.EXCUSA,
        )


def test_a_punto_added_on_the_day_is_urgent_when_all_members_attend_and_a_majority_voted(secretaria, reunion, junta):
    _en_curso(reunion, junta, [junta.presidente, junta.secretario, junta.jefe_pl, junta.comisario])
    punto = servicio.anadir_punto(
        actor=secretaria, reunion=reunion, titulo="Incidente del fin de semana", votos_urgencia=3
    )
    assert punto.urgente
    assert ultima_auditoria().cambios["votos_urgencia"] == [None, 3]


def test_a_punto_added_on_the_day_is_refused_without_every_member(secretaria, reunion, junta):
    _en_curso(reunion, junta, [junta.presidente, junta.secretario, junta.jefe_pl])
    with pytest.raises(ValidationError) as error:
        servicio.anadir_punto(actor=secretaria, reunion=reunion, titulo="Urgente", votos_urgencia=3)
    assert "17.4" in " ".join(error.value.messages)
    assert not PuntoOrden.objects.filter(reunion=reunion).exists()


def test_a_punto_added_on_the_day_is_refused_without_a_majority(secretaria, reunion, junta):
    _en_curso(reunion, junta, [junta.presidente, junta.secretario, junta.jefe_pl, junta.comisario])
    with pytest.raises(ValidationError) as error:
        servicio.anadir_punto(actor=secretaria, reunion=reunion, titulo="Urgente", votos_urgencia=2)
    assert set(error.value.error_dict) == {"votos_urgencia"}


# The convocatoria.


def test_convocados_get_their_rights_from_the_composition_and_keep_their_attendance(secretaria, reunion, junta, cnp):
    invitada = factories.PersonaFactory(cargo="Directora del IES Norte")
    convocados = servicio.fijar_convocados(
        actor=secretaria,
        reunion=reunion,
        personas=[junta.presidente, junta.jefe_pl, junta.asistente, invitada],
        organismos=[cnp],
    )
    derechos = {str(c): c.derecho for c in convocados}
    assert derechos[str(junta.presidente)] == Derecho.VOZ_Y_VOTO
    assert derechos[str(junta.asistente)] == Derecho.VOZ
    assert derechos[str(invitada)] == Derecho.VOZ
    assert derechos[str(cnp)] == Derecho.VOZ
    Convocado.objects.filter(persona=junta.jefe_pl).update(asistencia=Asistencia.EXCUSA)
    servicio.fijar_convocados(
        actor=secretaria, reunion=reunion, personas=[junta.jefe_pl, junta.secretario], organismos=[]
    )
    filas = {c.persona_id: c.asistencia for c in reunion.convocados.all()}
    assert filas == {junta.jefe_pl.pk: Asistencia.EXCUSA, junta.secretario.pk: Asistencia.PENDIENTE}
    assert "convocados" in ultima_auditoria().cambios


def test_sending_the_convocatoria_mails_each_person_with_the_agenda_and_an_ics(secretaria, reunion, junta, cnp):
    sin_correo = factories.PersonaFactory(email="")
    servicio.anadir_punto(actor=secretaria, reunion=reunion, titulo="Plan Local de Seguridad")
    servicio.fijar_convocados(
        actor=secretaria, reunion=reunion, personas=[junta.presidente, junta.jefe_pl, sin_correo], organismos=[cnp]
    )
    direcciones = servicio.enviar_convocatoria(
        actor=secretaria, reunion=reunion, dominio="jls.example.org", url="https://jls.example.org/r/1/"
    )
    assert sorted(direcciones) == sorted([junta.presidente.email, junta.jefe_pl.email])
    assert len(mail.outbox) == 2
    mensaje = mail.outbox[0]
    assert mensaje.to in ([junta.presidente.email], [junta.jefe_pl.email])
    assert "Sesión ordinaria de otoño" in mensaje.subject
    assert "1. Plan Local de Seguridad" in mensaje.body
    nombre, contenido, tipo = mensaje.attachments[0]
    assert nombre.endswith(".ics") and tipo.startswith("text/calendar")
    evento = Calendar.from_ical(contenido).walk("VEVENT")[0]
    assert str(evento["summary"]) == "Sesión ordinaria de otoño"
    reunion.refresh_from_db()
    assert reunion.estado == EstadoReunion.CONVOCADA and reunion.convocatoria_enviada_en is not None
    notificados = set(reunion.convocados.filter(notificado_en__isnull=False).values_list("persona_id", flat=True))
    assert notificados == {junta.presidente.pk, junta.jefe_pl.pk}
    entrada = ultima_auditoria()
    assert entrada.accion == AccionAuditoria.CAMBIO_ESTADO
    assert sorted(entrada.cambios["destinatarios"][1]) == sorted(direcciones)


def test_a_convocatoria_for_a_meeting_in_the_past_is_refused(secretaria, reunion, junta):
    servicio.fijar_convocados(actor=secretaria, reunion=reunion, personas=[junta.presidente], organismos=[])
    reunion.inicio = timezone.now() - dt.timedelta(minutes=5)
    reunion.fin = None
    reunion.save()
    with pytest.raises(ValidationError) as error:
        servicio.enviar_convocatoria(actor=secretaria, reunion=reunion, dominio="x")
    assert "pasado" in " ".join(error.value.messages)
    assert mail.outbox == []
    reunion.refresh_from_db()
    assert reunion.convocatoria_enviada_en is None


def test_a_convocatoria_without_anyone_to_mail_is_refused(secretaria, reunion):
    with pytest.raises(ValidationError):
        servicio.enviar_convocatoria(actor=secretaria, reunion=reunion, dominio="x")


# The asistencia.


def test_attendance_writes_only_changes_and_audits_them(secretaria, reunion, junta):
    convocados = servicio.fijar_convocados(
        actor=secretaria, reunion=reunion, personas=[junta.presidente, junta.secretario], organismos=[]
    )
    antes = RegistroAuditoria.objects.count()
    marcas = {c.pk: (Asistencia.ASISTE, c.derecho) for c in convocados}
    marcas[convocados[0].pk] = (Asistencia.ASISTE, Derecho.VOZ)
    servicio.registrar_asistencia(actor=secretaria, reunion=reunion, marcas=marcas)
    assert set(reunion.convocados.values_list("asistencia", flat=True)) == {Asistencia.ASISTE}
    assert RegistroAuditoria.objects.count() == antes + 1
    servicio.registrar_asistencia(actor=secretaria, reunion=reunion, marcas=marcas)
    assert RegistroAuditoria.objects.count() == antes + 1  # nothing changed, nothing written


def test_attendance_refuses_unknown_rows_and_values(secretaria, reunion, junta):
    otro = factories.ConvocadoFactory()
    with pytest.raises(ValidationError):
        servicio.registrar_asistencia(
            actor=secretaria, reunion=reunion, marcas={otro.pk: (Asistencia.ASISTE, Derecho.VOZ)}
        )
    (convocado,) = servicio.fijar_convocados(
        actor=secretaria, reunion=reunion, personas=[junta.presidente], organismos=[]
    )
    with pytest.raises(ValidationError):
        servicio.registrar_asistencia(actor=secretaria, reunion=reunion, marcas={convocado.pk: ("quizas", Derecho.VOZ)})


# Once the acta is sent or approved, the orden del día and the attendance it records are frozen.


@pytest.fixture
def acta_aprobada(reunion):
    punto = factories.PuntoOrdenFactory(reunion=reunion, numero=1, titulo="Informe")
    factories.PuntoOrdenFactory(reunion=reunion, numero=2, titulo="Ruegos")
    ahora = timezone.now()
    factories.ActaFactory(reunion=reunion, estado="aprobada", enviada_en=ahora, aprobada_en=ahora)
    return punto


def test_an_approved_actas_orden_del_dia_and_attendance_cannot_change(secretaria, reunion, acta_aprobada):
    punto = acta_aprobada
    intentos = [
        lambda: servicio.anadir_punto(actor=secretaria, reunion=reunion, titulo="Nuevo"),
        lambda: servicio.modificar_punto(actor=secretaria, punto=punto, titulo="Otro", tipo=TipoPunto.INFORMATIVO),
        lambda: servicio.eliminar_punto(actor=secretaria, punto=punto),
        lambda: servicio.mover_punto(actor=secretaria, punto=punto, direccion=servicio.ABAJO),
        lambda: servicio.registrar_asistencia(actor=secretaria, reunion=reunion, marcas={}),
    ]
    for intento in intentos:
        with pytest.raises(PermissionDenied):
            intento()
    assert numeros(reunion) == [("Informe", 1), ("Ruegos", 2)]
