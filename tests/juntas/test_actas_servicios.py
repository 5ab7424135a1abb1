"""Services of the acta: each step, each refusal, the audit entry in the same transaction."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from coordinacion.choices import AccionAuditoria, Confidencialidad
from coordinacion.models import RegistroAuditoria
from juntas.models import Acta, Conformidad, EstadoActa, PuntoOrden, TipoConformidad, TipoReunion, Votacion
from juntas.services import actas as servicio
from tests import factories
from tests.sesiones import crear_sesion

pytestmark = pytest.mark.django_db


def plazo():
    return timezone.now() + dt.timedelta(days=10)


@pytest.fixture
def sesion(delegado):
    return crear_sesion(miembros=[delegado])


@pytest.fixture
def acta(sesion, secretaria):
    return servicio.abrir_acta(actor=secretaria, reunion=sesion.reunion)


def completar(sesion, secretaria, acta):
    """Write every deliberation and adopt one acuerdo, so the acta has the five elements."""
    for punto in sesion.puntos:
        servicio.guardar_deliberacion(actor=secretaria, punto=punto, texto=f"Deliberación {punto.numero}.", version=1)
    return servicio.adoptar_acuerdo(
        actor=secretaria,
        punto=sesion.puntos[0],
        titulo="Refuerzo de patrullas",
        texto="Se acuerda reforzar las patrullas nocturnas.",
        votacion=Votacion.UNANIMIDAD,
    )


def entradas(obj, accion):
    return RegistroAuditoria.objects.filter(object_id=str(obj.pk), accion=accion, objeto=str(obj)[:300])


def test_opening_the_acta_creates_a_draft_once_with_its_audit_entry(sesion, secretaria):
    acta = servicio.abrir_acta(actor=secretaria, reunion=sesion.reunion)
    assert acta.estado == EstadoActa.BORRADOR
    assert acta.redactada_por == secretaria
    assert servicio.abrir_acta(actor=secretaria, reunion=sesion.reunion) == acta
    assert entradas(acta, AccionAuditoria.CREAR).count() == 1


def test_only_the_secretaria_opens_or_writes_the_acta(sesion, delegado, acta):
    with pytest.raises(PermissionDenied):
        servicio.abrir_acta(actor=delegado, reunion=sesion.reunion)
    with pytest.raises(PermissionDenied):
        servicio.guardar_deliberacion(actor=delegado, punto=sesion.puntos[0], texto="x", version=1)


def test_saving_a_deliberation_bumps_its_version_and_is_audited(sesion, secretaria, acta):
    punto = servicio.guardar_deliberacion(actor=secretaria, punto=sesion.puntos[0], texto="Se informa.", version=1)
    assert punto.version == 2
    stored = PuntoOrden.objects.get(pk=punto.pk)
    assert (stored.deliberacion, stored.version) == ("Se informa.", 2)
    (entry,) = entradas(punto, AccionAuditoria.MODIFICAR)
    assert entry.cambios == {"version": [1, 2], "deliberacion_caracteres": [0, 11]}


def test_a_stale_version_is_a_conflict_and_overwrites_nothing(sesion, secretaria, acta):
    punto = sesion.puntos[0]
    servicio.guardar_deliberacion(actor=secretaria, punto=punto, texto="Texto de Ana.", version=1)
    otra_copia = PuntoOrden.objects.get(pk=punto.pk)
    otra_copia.version = 1  # a second editor who loaded the page before Ana saved
    with pytest.raises(servicio.ConflictoEdicion) as conflicto:
        servicio.guardar_deliberacion(actor=secretaria, punto=otra_copia, texto="Texto de Luis.", version=1)
    assert conflicto.value.texto_actual == "Texto de Ana."
    assert conflicto.value.version_actual == 2
    assert PuntoOrden.objects.get(pk=punto.pk).deliberacion == "Texto de Ana."


def test_remarks_use_the_acta_version_the_same_way(secretaria, acta):
    servicio.guardar_observaciones(actor=secretaria, acta=acta, texto="Sin incidencias.", version=1)
    with pytest.raises(servicio.ConflictoEdicion):
        servicio.guardar_observaciones(actor=secretaria, acta=acta, texto="Otra cosa.", version=1)
    assert Acta.objects.get(pk=acta.pk).observaciones == "Sin incidencias."


def test_acuerdos_are_numbered_per_junta_and_year(sesion, secretaria, acta):
    def adoptar(punto):
        return servicio.adoptar_acuerdo(
            actor=secretaria, punto=punto, titulo="T", texto="Texto", votacion=Votacion.ASENTIMIENTO
        )

    factories.AcuerdoFactory(reunion=sesion.reunion, numero=7)  # an earlier acuerdo of the same year
    assert adoptar(sesion.puntos[0]).numero == 8
    assert adoptar(sesion.puntos[1]).numero == 9
    otra = crear_sesion(inicio=sesion.reunion.inicio)  # another Junta: its own numbering
    servicio.abrir_acta(actor=secretaria, reunion=otra.reunion)
    assert adoptar(otra.puntos[0]).numero == 1
    siguiente_anio = crear_sesion(junta=sesion.junta, inicio=sesion.reunion.inicio.replace(year=2031))
    servicio.abrir_acta(actor=secretaria, reunion=siguiente_anio.reunion)
    acuerdo = adoptar(siguiente_anio.puntos[0])
    assert (acuerdo.numero, acuerdo.anio) == (1, 2031)


def test_an_acuerdo_records_its_vote_topics_and_dissent(sesion, secretaria, acta):
    materia, distrito = factories.MateriaFactory(nombre="Ocio nocturno"), factories.DistritoFactory()
    acuerdo = servicio.adoptar_acuerdo(
        actor=secretaria,
        punto=sesion.puntos[1],
        titulo="Horario de terrazas",
        texto="Se acuerda proponer el adelanto del cierre.",
        votacion=Votacion.MAYORIA,
        votos_favor=2,
        votos_contra=1,
        abstenciones=1,
        votos_particulares="El representante vecinal vota en contra por el impacto en el comercio.",
        confidencialidad=Confidencialidad.PUBLICA,
        materias=[materia],
        distritos=[distrito],
    )
    assert acuerdo.reunion == sesion.reunion and acuerdo.punto == sesion.puntos[1]
    assert acuerdo.fecha == timezone.localdate(sesion.reunion.inicio)
    assert list(acuerdo.materias.all()) == [materia] and list(acuerdo.distritos.all()) == [distrito]
    assert entradas(acuerdo, AccionAuditoria.CREAR).count() == 1


@pytest.mark.parametrize(
    ("datos", "campo", "mensaje"),
    [
        ({"texto": "   "}, "texto", "Escriba el texto"),
        ({"titulo": ""}, "titulo", "Escriba un título"),
        ({"votacion": Votacion.MAYORIA, "votos_favor": 1, "votos_contra": 2}, "votos_favor", "deben superar"),
        ({"votacion": Votacion.MAYORIA}, "votos_favor", "necesita los votos a favor"),
        (
            {"votacion": Votacion.UNANIMIDAD, "votos_favor": 3, "votos_contra": 1},
            "votos_contra",
            "no tiene votos en contra",
        ),
        # 4 present with a vote (3 + the delegado): 5 votes are too many
        (
            {"votacion": Votacion.MAYORIA, "votos_favor": 3, "votos_contra": 1, "abstenciones": 1},
            "votos_favor",
            "superan",
        ),
        ({"votacion": "aclamacion"}, "votacion", "Indique cómo"),
    ],
)
def test_bad_acuerdos_are_refused_per_field(sesion, secretaria, acta, datos, campo, mensaje):
    base = {"titulo": "Título", "texto": "Texto", "votacion": Votacion.UNANIMIDAD}
    with pytest.raises(ValidationError) as error:
        servicio.adoptar_acuerdo(actor=secretaria, punto=sesion.puntos[0], **{**base, **datos})
    assert campo in error.value.message_dict
    assert any(mensaje in m for m in error.value.message_dict[campo])
    assert not sesion.reunion.acuerdos.exists()


def test_votes_up_to_the_members_present_are_accepted(sesion, secretaria, acta):
    acuerdo = servicio.adoptar_acuerdo(
        actor=secretaria,
        punto=sesion.puntos[0],
        titulo="T",
        texto="Texto",
        votacion=Votacion.MAYORIA,
        votos_favor=2,
        votos_contra=1,
        abstenciones=1,
    )
    assert acuerdo.votos_favor == 2


def test_an_incomplete_acta_cannot_be_sent_and_says_what_is_missing(secretaria, acta):
    with pytest.raises(ValidationError) as error:
        servicio.enviar_acta(actor=secretaria, acta=acta, plazo=plazo())
    assert "Principales puntos de las deliberaciones" in str(error.value)
    assert "Contenido de los acuerdos" in str(error.value)
    assert Acta.objects.get(pk=acta.pk).estado == EstadoActa.BORRADOR


def test_sending_records_when_and_the_deadline_and_freezes_the_text(sesion, secretaria, acta):
    completar(sesion, secretaria, acta)
    limite = plazo()
    acta = servicio.enviar_acta(actor=secretaria, acta=acta, plazo=limite)
    assert acta.estado == EstadoActa.ENVIADA and acta.enviada_en is not None and acta.plazo_conformidad == limite
    assert entradas(acta, AccionAuditoria.CAMBIO_ESTADO).count() == 1
    with pytest.raises(ValidationError, match="volver a borrador"):
        servicio.guardar_deliberacion(actor=secretaria, punto=sesion.puntos[0], texto="Cambio", version=2)


def test_the_deadline_must_be_in_the_future(sesion, secretaria, acta):
    completar(sesion, secretaria, acta)
    with pytest.raises(ValidationError) as error:
        servicio.enviar_acta(actor=secretaria, acta=acta, plazo=timezone.now() - dt.timedelta(hours=1))
    assert "plazo" in error.value.message_dict


def test_convened_members_reply_once_each_and_objections_need_text(sesion, secretaria, delegado, acta):
    completar(sesion, secretaria, acta)
    servicio.enviar_acta(actor=secretaria, acta=acta, plazo=plazo())
    with pytest.raises(ValidationError) as error:
        servicio.registrar_conformidad(actor=delegado, acta=acta, tipo=TipoConformidad.REPARO, texto=" ")
    assert "texto" in error.value.message_dict
    servicio.registrar_conformidad(
        actor=delegado, acta=acta, tipo=TipoConformidad.REPARO, texto="Falta mi intervención."
    )
    servicio.registrar_conformidad(actor=delegado, acta=acta, tipo=TipoConformidad.CONFORMIDAD)
    (respuesta,) = Conformidad.objects.filter(acta=acta)
    assert (respuesta.usuario, respuesta.tipo) == (delegado, TipoConformidad.CONFORMIDAD)
    assert RegistroAuditoria.objects.filter(object_id=str(respuesta.pk), usuario=delegado).count() == 2


def test_members_not_convened_cannot_reply(sesion, secretaria, enlace, acta):
    completar(sesion, secretaria, acta)
    servicio.enviar_acta(actor=secretaria, acta=acta, plazo=plazo())
    with pytest.raises(PermissionDenied):
        servicio.registrar_conformidad(actor=enlace, acta=acta, tipo=TipoConformidad.CONFORMIDAD)


def test_replies_are_refused_before_sending_and_after_the_deadline(sesion, secretaria, delegado, acta):
    with pytest.raises(ValidationError, match="no está abierta"):
        servicio.registrar_conformidad(actor=delegado, acta=acta, tipo=TipoConformidad.CONFORMIDAD)
    completar(sesion, secretaria, acta)
    servicio.enviar_acta(actor=secretaria, acta=acta, plazo=plazo())
    Acta.objects.filter(pk=acta.pk).update(plazo_conformidad=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="plazo"):
        servicio.registrar_conformidad(actor=delegado, acta=acta, tipo=TipoConformidad.CONFORMIDAD)


def test_objections_send_the_acta_back_to_draft_for_changes(sesion, secretaria, acta):
    completar(sesion, secretaria, acta)
    servicio.enviar_acta(actor=secretaria, acta=acta, plazo=plazo())
    acta = servicio.devolver_a_borrador(actor=secretaria, acta=acta)
    assert acta.estado == EstadoActa.BORRADOR
    servicio.guardar_deliberacion(actor=secretaria, punto=sesion.puntos[0], texto="Corregido.", version=2)
    with pytest.raises(ValidationError, match="Solo un acta enviada"):
        servicio.devolver_a_borrador(actor=secretaria, acta=acta)


def test_approval_happens_in_the_same_or_the_next_session(sesion, secretaria, acta):
    completar(sesion, secretaria, acta)
    inicio = sesion.reunion.inicio
    factories.ReunionFactory(junta=sesion.junta, tipo=TipoReunion.COORDINACION, inicio=inicio + dt.timedelta(days=5))
    siguiente = factories.ReunionFactory(junta=sesion.junta, inicio=inicio + dt.timedelta(days=30))
    posterior = factories.ReunionFactory(junta=sesion.junta, inicio=inicio + dt.timedelta(days=60))
    assert servicio.opciones_aprobacion(sesion.reunion) == [sesion.reunion, siguiente]
    with pytest.raises(ValidationError, match="Envíe el acta"):
        servicio.aprobar_acta(actor=secretaria, acta=acta, reunion_aprobacion=sesion.reunion)
    servicio.enviar_acta(actor=secretaria, acta=acta, plazo=plazo())
    with pytest.raises(ValidationError) as error:
        servicio.aprobar_acta(actor=secretaria, acta=acta, reunion_aprobacion=posterior)
    assert "reunion_aprobacion" in error.value.message_dict
    acta = servicio.aprobar_acta(actor=secretaria, acta=acta, reunion_aprobacion=siguiente)
    stored = Acta.objects.get(pk=acta.pk)
    assert stored.estado == EstadoActa.APROBADA and stored.aprobada_en and stored.aprobada_en_reunion == siguiente


def test_an_approved_acta_never_changes_through_the_services(sesion, secretaria, acta):
    acuerdo = completar(sesion, secretaria, acta)
    servicio.enviar_acta(actor=secretaria, acta=acta, plazo=plazo())
    servicio.aprobar_acta(actor=secretaria, acta=acta, reunion_aprobacion=sesion.reunion)
    punto = PuntoOrden.objects.get(pk=sesion.puntos[0].pk)
    refused = [
        lambda: servicio.guardar_deliberacion(actor=secretaria, punto=punto, texto="Cambio", version=punto.version),
        lambda: servicio.guardar_observaciones(actor=secretaria, acta=acta, texto="Cambio", version=acta.version),
        lambda: servicio.adoptar_acuerdo(
            actor=secretaria, punto=punto, titulo="Nuevo", texto="Nuevo", votacion=Votacion.ASENTIMIENTO
        ),
        lambda: servicio.enviar_acta(actor=secretaria, acta=acta, plazo=plazo()),
        lambda: servicio.devolver_a_borrador(actor=secretaria, acta=acta),
        lambda: servicio.aprobar_acta(actor=secretaria, acta=acta, reunion_aprobacion=sesion.reunion),
    ]
    for attempt in refused:
        with pytest.raises(servicio.ActaBloqueada):
            attempt()
    assert PuntoOrden.objects.get(pk=punto.pk).deliberacion == "Deliberación 1."
    assert sesion.reunion.acuerdos.get() == acuerdo
