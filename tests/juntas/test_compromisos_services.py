"""The compromiso services: validation in Spanish, status moves from juntas/transitions.py, audit, e-mail."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from coordinacion.choices import AccionAuditoria, Confidencialidad, Rol
from coordinacion.models import RegistroAuditoria
from juntas.models import Adjunto, EstadoAcuerdo, EstadoCompromiso, NotaActuacion
from juntas.services import compromisos as services
from tests import factories
from tests.juntas import muestras as m

pytestmark = pytest.mark.django_db
E = EstadoCompromiso


@pytest.fixture
def acuerdo():
    return factories.AcuerdoFactory(fecha=dt.date(2021, 3, 3))


@pytest.fixture
def jefe_pl(policia_local):
    return factories.PersonaFactory(organismo=policia_local, cargo="Jefe de la Policía Local")


@pytest.fixture
def compromiso(acuerdo, policia_local, jefe_pl):
    return factories.CompromisoFactory(acuerdo=acuerdo, organismo=policia_local, responsable=jefe_pl)


def _auditoria(obj, accion):
    tipo = ContentType.objects.get_for_model(obj)
    return RegistroAuditoria.objects.filter(content_type=tipo, object_id=str(obj.pk), accion=accion)


def _terminos(acuerdo, organismo, responsable, **overrides):
    data = {
        "actor": None,
        "acuerdo": acuerdo,
        "descripcion": "Patrullas a la salida de los centros",
        "organismo": organismo,
        "responsable": responsable,
        "fecha_limite": dt.date(2021, 6, 30),
        "confidencialidad": Confidencialidad.RESERVADA,
    }
    return {**data, **overrides}


def test_secretaria_creates_a_compromiso_and_the_acuerdo_is_under_way(secretaria, acuerdo, policia_local, jefe_pl):
    compromiso = services.crear_compromiso(**_terminos(acuerdo, policia_local, jefe_pl, actor=secretaria))
    acuerdo.refresh_from_db()
    assert compromiso.estado == E.PENDIENTE
    assert acuerdo.estado == EstadoAcuerdo.EN_CURSO
    entrada = _auditoria(compromiso, AccionAuditoria.CREAR).get()
    assert entrada.usuario == secretaria
    assert entrada.cambios["organismo"] == [None, str(policia_local.pk)]
    assert _auditoria(acuerdo, AccionAuditoria.CAMBIO_ESTADO).get().cambios == {
        "estado": ["sin_compromisos", "en_curso"]
    }


@pytest.mark.parametrize("role", ["delegado", "enlace", "enlace_otro", "administracion", "outsider"])
def test_only_the_secretaria_creates_compromisos(request, role, acuerdo, policia_local, jefe_pl):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.crear_compromiso(**_terminos(acuerdo, policia_local, jefe_pl, actor=user))


def test_the_responsible_person_must_belong_to_the_responsible_body(secretaria, acuerdo, policia_local, cnp):
    de_cnp = factories.PersonaFactory(organismo=cnp, cargo="Comisario")
    with pytest.raises(ValidationError) as error:
        services.crear_compromiso(**_terminos(acuerdo, policia_local, de_cnp, actor=secretaria))
    assert error.value.message_dict["responsable"] == [
        "Comisario no pertenece a Policía Local. Elija una persona del organismo responsable."
    ]


def test_the_due_date_cannot_be_before_the_acuerdo(secretaria, acuerdo, policia_local, jefe_pl):
    with pytest.raises(ValidationError) as error:
        services.crear_compromiso(
            **_terminos(acuerdo, policia_local, jefe_pl, actor=secretaria, fecha_limite=dt.date(2021, 3, 2))
        )
    assert error.value.message_dict["fecha_limite"] == [
        "La fecha límite no puede ser anterior a la fecha del acuerdo (03/03/2021)."
    ]
    assert not acuerdo.compromisos.exists()


def test_a_police_only_compromiso_must_go_to_a_police_body(secretaria, acuerdo):
    servicios = factories.OrganismoFactory(nombre="Servicios Sociales")
    persona = factories.PersonaFactory(organismo=servicios)
    with pytest.raises(ValidationError) as error:
        services.crear_compromiso(
            **_terminos(acuerdo, servicios, persona, actor=secretaria, confidencialidad=Confidencialidad.POLICIAL)
        )
    assert "confidencialidad" in error.value.message_dict


def test_editing_audits_only_the_changed_fields(secretaria, compromiso):
    before = compromiso.descripcion
    services.editar_compromiso(
        actor=secretaria,
        compromiso=compromiso,
        descripcion=before,
        organismo=compromiso.organismo,
        responsable=compromiso.responsable,
        fecha_limite=dt.date(2021, 9, 30),
        confidencialidad=compromiso.confidencialidad,
    )
    compromiso.refresh_from_db()
    assert compromiso.fecha_limite == dt.date(2021, 9, 30)
    entrada = _auditoria(compromiso, AccionAuditoria.MODIFICAR).get()
    assert set(entrada.cambios) == {"fecha_limite"}


def test_editing_without_changes_writes_nothing(secretaria, compromiso):
    services.editar_compromiso(
        actor=secretaria,
        compromiso=compromiso,
        descripcion=compromiso.descripcion,
        organismo=compromiso.organismo,
        responsable=compromiso.responsable,
        fecha_limite=compromiso.fecha_limite,
        confidencialidad=compromiso.confidencialidad,
    )
    assert not _auditoria(compromiso, AccionAuditoria.MODIFICAR).exists()


def test_the_liaison_accepts_and_fulfils_and_the_acuerdo_follows(enlace, compromiso):
    services.cambiar_estado_compromiso(actor=enlace, compromiso=compromiso, estado=E.ACEPTADO)
    services.cambiar_estado_compromiso(actor=enlace, compromiso=compromiso, estado=E.CUMPLIDO)
    compromiso.refresh_from_db()
    compromiso.acuerdo.refresh_from_db()
    assert compromiso.estado == E.CUMPLIDO
    assert compromiso.avance == 100
    assert compromiso.cerrado_en is not None
    assert compromiso.acuerdo.estado == EstadoAcuerdo.CUMPLIDO
    cambios = [e.cambios["estado"] for e in _auditoria(compromiso, AccionAuditoria.CAMBIO_ESTADO).order_by("id")]
    assert cambios == [["pendiente", "aceptado"], ["aceptado", "cumplido"]]


def test_a_move_not_in_the_table_gets_a_spanish_message(enlace, compromiso):
    with pytest.raises(ValidationError) as error:
        services.cambiar_estado_compromiso(actor=enlace, compromiso=compromiso, estado=E.CUMPLIDO)
    assert error.value.message_dict["estado"] == ["Un compromiso no puede pasar de «Pendiente» a «Cumplido»."]
    compromiso.refresh_from_db()
    assert compromiso.estado == E.PENDIENTE


def test_only_the_secretaria_cancels(enlace, secretaria, compromiso):
    with pytest.raises(ValidationError) as error:
        services.registrar_nota(actor=enlace, compromiso=compromiso, texto="No procede", estado_nuevo=E.CANCELADO)
    assert error.value.message_dict["estado_nuevo"] == [
        "Solo la secretaría puede pasar un compromiso de «Pendiente» a «Cancelado»."
    ]
    services.registrar_nota(
        actor=secretaria, compromiso=compromiso, texto="Acuerdo sin objeto", estado_nuevo=E.CANCELADO
    )
    compromiso.acuerdo.refresh_from_db()
    assert compromiso.acuerdo.estado == EstadoAcuerdo.CANCELADO


def test_blocking_needs_a_reason_so_the_quick_move_refuses_it(enlace, compromiso):
    with pytest.raises(ValidationError) as error:
        services.cambiar_estado_compromiso(actor=enlace, compromiso=compromiso, estado=E.BLOQUEADO)
    assert "explique el motivo" in error.value.messages[0]


def test_reporting_a_problem_blocks_with_a_nota(enlace, compromiso):
    nota = services.registrar_nota(
        actor=enlace, compromiso=compromiso, texto="Falta personal en verano", estado_nuevo=E.BLOQUEADO
    )
    compromiso.refresh_from_db()
    assert (nota.estado_anterior, nota.estado_nuevo) == (E.PENDIENTE, E.BLOQUEADO)
    assert compromiso.estado == E.BLOQUEADO
    compromiso.acuerdo.refresh_from_db()
    assert compromiso.acuerdo.estado == EstadoAcuerdo.BLOQUEADO


@pytest.mark.parametrize("role", ["enlace_otro", "delegado", "administracion", "outsider"])
def test_only_the_responsible_body_and_the_secretaria_act(request, role, compromiso):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.cambiar_estado_compromiso(actor=user, compromiso=compromiso, estado=E.ACEPTADO)
    with pytest.raises(PermissionDenied):
        services.registrar_nota(actor=user, compromiso=compromiso, texto="Intento")


def test_a_nota_updates_progress_and_audits_it(enlace, compromiso):
    compromiso.estado = E.EN_CURSO
    compromiso.save()
    services.registrar_nota(actor=enlace, compromiso=compromiso, texto="Mitad hecha", avance=50)
    compromiso.refresh_from_db()
    assert compromiso.avance == 50
    assert _auditoria(compromiso, AccionAuditoria.MODIFICAR).get().cambios == {"avance": [0, 50]}


@pytest.mark.parametrize("avance", [101, -1])
def test_progress_outside_0_100_is_refused(enlace, compromiso, avance):
    with pytest.raises(ValidationError) as error:
        services.registrar_nota(actor=enlace, compromiso=compromiso, texto="x", avance=avance)
    assert error.value.message_dict["avance"] == ["El avance debe ser un número entero entre 0 y 100."]
    assert not NotaActuacion.objects.exists()


def test_a_liaison_of_a_non_police_body_cannot_write_policial_notas(acuerdo):
    servicios = factories.OrganismoFactory(nombre="Servicios Sociales")
    usuario = factories.UsuarioFactory(rol=Rol.ENLACE, persona=factories.PersonaFactory(organismo=servicios))
    compromiso = factories.CompromisoFactory(acuerdo=acuerdo, organismo=servicios)
    with pytest.raises(ValidationError) as error:
        services.registrar_nota(
            actor=usuario, compromiso=compromiso, texto="x", confidencialidad=Confidencialidad.POLICIAL
        )
    assert "Solo la secretaría y los cuerpos policiales" in error.value.message_dict["confidencialidad"][0]


def test_a_police_liaison_may_write_policial_notas(enlace, compromiso):
    nota = services.registrar_nota(
        actor=enlace, compromiso=compromiso, texto="Dispositivo", confidencialidad=Confidencialidad.POLICIAL
    )
    assert nota.confidencialidad == Confidencialidad.POLICIAL


def test_attachments_are_stored_under_generated_names(enlace, compromiso):
    nota = services.registrar_nota(
        actor=enlace, compromiso=compromiso, texto="Informe", archivos=[m.upload("Informe de mayo.pdf", m.PDF)]
    )
    adjunto = nota.adjuntos.get()
    assert adjunto.nombre_original == "Informe de mayo.pdf"
    assert adjunto.tipo_mime == "application/pdf"
    assert adjunto.tamano == len(m.PDF)
    assert "Informe" not in adjunto.archivo.name and adjunto.archivo.name.endswith(".pdf")
    assert _auditoria(nota, AccionAuditoria.CREAR).get().cambios["adjuntos"] == [None, ["Informe de mayo.pdf"]]


def test_a_bad_attachment_saves_nothing(enlace, compromiso):
    with pytest.raises(ValidationError) as error:
        services.registrar_nota(
            actor=enlace,
            compromiso=compromiso,
            texto="Informe",
            estado_nuevo=E.ACEPTADO,
            archivos=[m.upload("bueno.pdf", m.PDF), m.upload("malo.pdf", m.EXE)],
        )
    assert "malo.pdf" in error.value.message_dict["archivos"][0]
    compromiso.refresh_from_db()
    assert compromiso.estado == E.PENDIENTE
    assert not NotaActuacion.objects.exists() and not Adjunto.objects.exists()


def test_the_secretaria_is_emailed_once_after_commit(django_capture_on_commit_callbacks, enlace, compromiso):
    factories.UsuarioFactory(rol=Rol.SECRETARIA, email="secretaria1@ayto.example")
    factories.UsuarioFactory(rol=Rol.SECRETARIA, email="secretaria2@ayto.example")
    factories.UsuarioFactory(rol=Rol.SECRETARIA, email="")
    factories.UsuarioFactory(rol=Rol.SECRETARIA, email="baja@ayto.example", is_active=False)
    factories.UsuarioFactory(rol=Rol.DELEGADO, email="delegado@ayto.example")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.cambiar_estado_compromiso(actor=enlace, compromiso=compromiso, estado=E.ACEPTADO)
        assert mail.outbox == []  # nothing is sent before the commit
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    mensaje = mail.outbox[0]
    assert sorted(mensaje.to) == ["secretaria1@ayto.example", "secretaria2@ayto.example"]
    assert "Pendiente → Aceptado" in mensaje.subject
    assert compromiso.descripcion in mensaje.body


def test_police_only_details_stay_out_of_the_email(django_capture_on_commit_callbacks, enlace, compromiso):
    compromiso.confidencialidad = Confidencialidad.POLICIAL
    compromiso.save()
    factories.UsuarioFactory(rol=Rol.SECRETARIA, email="secretaria1@ayto.example")
    with django_capture_on_commit_callbacks(execute=True):
        services.cambiar_estado_compromiso(actor=enlace, compromiso=compromiso, estado=E.ACEPTADO)
    assert compromiso.descripcion not in mail.outbox[0].body
    assert "nivel policial" in mail.outbox[0].body


def test_notas_without_a_status_change_send_no_email(django_capture_on_commit_callbacks, enlace, compromiso):
    factories.UsuarioFactory(rol=Rol.SECRETARIA, email="secretaria1@ayto.example")
    with django_capture_on_commit_callbacks(execute=True):
        services.registrar_nota(actor=enlace, compromiso=compromiso, texto="Seguimos")
    assert mail.outbox == []


def test_a_mail_failure_never_breaks_the_change(django_capture_on_commit_callbacks, enlace, compromiso, settings):
    settings.EMAIL_BACKEND = "tests.juntas.test_compromisos_services.BrokenBackend"
    factories.UsuarioFactory(rol=Rol.SECRETARIA, email="secretaria1@ayto.example")
    with django_capture_on_commit_callbacks(execute=True):
        services.cambiar_estado_compromiso(actor=enlace, compromiso=compromiso, estado=E.ACEPTADO)
    compromiso.refresh_from_db()
    assert compromiso.estado == E.ACEPTADO


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("SMTP down")


def test_a_reopened_compromiso_is_no_longer_closed(secretaria, compromiso):
    services.cambiar_estado_compromiso(actor=secretaria, compromiso=compromiso, estado=E.ACEPTADO)
    services.cambiar_estado_compromiso(actor=secretaria, compromiso=compromiso, estado=E.CUMPLIDO)
    services.cambiar_estado_compromiso(actor=secretaria, compromiso=compromiso, estado=E.EN_CURSO)
    compromiso.refresh_from_db()
    assert compromiso.cerrado_en is None
    compromiso.acuerdo.refresh_from_db()
    assert compromiso.acuerdo.estado == EstadoAcuerdo.EN_CURSO


def test_downloads_of_reserved_attachments_are_audited(enlace, compromiso):
    nota = factories.NotaActuacionFactory(compromiso=compromiso)
    adjunto = factories.AdjuntoFactory(nota=nota)
    services.registrar_descarga(actor=enlace, adjunto=adjunto)
    assert _auditoria(adjunto, AccionAuditoria.DESCARGA).count() == 1


def test_downloads_of_public_attachments_are_not_audited(enlace, policia_local):
    acuerdo = factories.AcuerdoFactory(confidencialidad=Confidencialidad.PUBLICA)
    compromiso = factories.CompromisoFactory(
        acuerdo=acuerdo, organismo=policia_local, confidencialidad=Confidencialidad.PUBLICA
    )
    nota = factories.NotaActuacionFactory(compromiso=compromiso, confidencialidad=Confidencialidad.PUBLICA)
    adjunto = factories.AdjuntoFactory(nota=nota)
    services.registrar_descarga(actor=enlace, adjunto=adjunto)
    assert not _auditoria(adjunto, AccionAuditoria.DESCARGA).exists()
