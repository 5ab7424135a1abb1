"""Writes of a reunión: the meeting itself, its orden del día, the convocatoria and the asistencia."""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coordinacion.audit import changed_fields, log_action
from coordinacion.choices import AccionAuditoria
from coordinacion.models import Organismo, Persona
from juntas.calendario import ics_reunion
from juntas.consultas import quorum_reunion
from juntas.models import (
    Acta,
    Acuerdo,
    Asistencia,
    CargoJunta,
    Convocado,
    Derecho,
    EstadoReunion,
    Junta,
    MiembroJunta,
    Modalidad,
    PuntoOrden,
    Reunion,
    TipoPunto,
)
from juntas.quorum import urgencia_admisible
from juntas.services.actas import exigir_acta_editable

CAMPOS_REUNION = (
    "junta",
    "tipo",
    "titulo",
    "modalidad",
    "lugar",
    "enlace_telematico",
    "inicio",
    "fin",
    "convocante",
    "acuerdo_origen",
)
ARRIBA, ABAJO = "arriba", "abajo"


def _validar_fechas(*, inicio: dt.datetime, fin: dt.datetime | None, comprobar_pasado: bool) -> None:
    errores = {}
    if comprobar_pasado and inicio < timezone.now():
        errores["inicio"] = _("The start cannot be in the past.")
    if fin is not None and fin <= inicio:
        errores["fin"] = _("The end must be after the start.")
    if errores:
        raise ValidationError(errores)


def _al_minuto(valor: dt.datetime) -> dt.datetime:
    return valor.replace(second=0, microsecond=0)


def _estado(obj, campos: Iterable[str]) -> dict:
    return {campo: getattr(obj, campo) for campo in campos}


# The meeting.


@transaction.atomic
def crear_reunion(
    *,
    actor,
    junta: Junta,
    tipo: str,
    titulo: str,
    inicio: dt.datetime,
    fin: dt.datetime | None = None,
    modalidad: str = Modalidad.PRESENCIAL,
    lugar: str = "",
    enlace_telematico: str = "",
    convocante: Persona | None = None,
    acuerdo_origen: Acuerdo | None = None,
) -> Reunion:
    _validar_fechas(inicio=inicio, fin=fin, comprobar_pasado=True)
    reunion = Reunion(
        junta=junta,
        tipo=tipo,
        titulo=titulo,
        inicio=inicio,
        fin=fin,
        modalidad=modalidad,
        lugar=lugar,
        enlace_telematico=enlace_telematico,
        convocante=convocante,
        acuerdo_origen=acuerdo_origen,
    )
    reunion.full_clean()
    reunion.save()
    log_action(
        actor=actor,
        accion=AccionAuditoria.CREAR,
        obj=reunion,
        cambios=changed_fields({}, _estado(reunion, CAMPOS_REUNION)),
    )
    return reunion


@transaction.atomic
def modificar_reunion(*, actor, reunion: Reunion, datos: dict[str, object]) -> Reunion:
    """datos holds some of CAMPOS_REUNION. A start moved into the past is refused; one left alone is not."""
    desconocidos = set(datos) - set(CAMPOS_REUNION)
    if desconocidos:
        raise ValueError(f"Not meeting fields: {sorted(desconocidos)}")
    antes = _estado(reunion, CAMPOS_REUNION)
    for campo, valor in datos.items():
        setattr(reunion, campo, valor)
    # Forms carry minutes only: a start equal to the minute is the stored one, untouched.
    if _al_minuto(reunion.inicio) == _al_minuto(antes["inicio"]):
        reunion.inicio = antes["inicio"]
    if reunion.fin and antes["fin"] and _al_minuto(reunion.fin) == _al_minuto(antes["fin"]):
        reunion.fin = antes["fin"]
    _validar_fechas(inicio=reunion.inicio, fin=reunion.fin, comprobar_pasado=reunion.inicio != antes["inicio"])
    reunion.full_clean()
    cambios = changed_fields(antes, _estado(reunion, CAMPOS_REUNION))
    if cambios:
        reunion.save(update_fields=list(cambios))
        log_action(actor=actor, accion=AccionAuditoria.MODIFICAR, obj=reunion, cambios=cambios)
    return reunion


# The orden del día. Every write locks the meeting row, so two staff reordering at once queue up
# instead of colliding on the (reunion, numero) unique constraint.


def _bloquear(reunion: Reunion) -> Reunion:
    return Reunion.objects.select_for_update().select_related("junta").get(pk=reunion.pk)


def _bloquear_acta(reunion: Reunion) -> Reunion:
    """Lock the meeting for a change that the acta records (orden del día, asistencia).

    Once the acta is sent or approved those facts are part of it: an approved acta never changes.
    """
    reunion = _bloquear(reunion)
    exigir_acta_editable(Acta.objects.filter(reunion=reunion).first())
    return reunion


def _puntos(reunion: Reunion) -> list[PuntoOrden]:
    return list(PuntoOrden.objects.filter(reunion=reunion).order_by("numero"))


@transaction.atomic
def anadir_punto(
    *,
    actor,
    reunion: Reunion,
    titulo: str,
    tipo: str = TipoPunto.INFORMATIVO,
    descripcion: str = "",
    votos_urgencia: int | None = None,
) -> PuntoOrden:
    """Append a punto. Once the meeting has started it is an urgent item, admitted only under art. 17.4."""
    reunion = _bloquear_acta(reunion)
    urgente = timezone.now() >= reunion.inicio
    if urgente:
        todos, mayoria = urgencia_admisible(quorum_reunion(reunion), votos_urgencia)
        errores = {}
        if not todos:
            errores["__all__"] = _(
                "An item not on the agenda can only be added once the meeting has started if every member "
                "with a vote attends (Ley 40/2015, art. 17.4)."
            )
        if not mayoria:
            errores["votos_urgencia"] = _("A majority of the members present must declare the item urgent.")
        if errores:
            raise ValidationError(errores)
    puntos = _puntos(reunion)
    punto = PuntoOrden(
        reunion=reunion,
        numero=(puntos[-1].numero + 1) if puntos else 1,
        titulo=titulo,
        tipo=tipo,
        descripcion=descripcion,
        urgente=urgente,
    )
    punto.full_clean()
    punto.save()
    cambios = changed_fields({}, _estado(punto, ("numero", "titulo", "tipo", "descripcion", "urgente")))
    if urgente:
        cambios["votos_urgencia"] = [None, votos_urgencia]
    log_action(actor=actor, accion=AccionAuditoria.CREAR, obj=punto, cambios=cambios)
    return punto


@transaction.atomic
def modificar_punto(*, actor, punto: PuntoOrden, titulo: str, tipo: str, descripcion: str = "") -> PuntoOrden:
    _bloquear_acta(punto.reunion)
    antes = _estado(punto, ("titulo", "tipo", "descripcion"))
    punto.titulo, punto.tipo, punto.descripcion = titulo, tipo, descripcion
    punto.full_clean()
    cambios = changed_fields(antes, _estado(punto, ("titulo", "tipo", "descripcion")))
    if cambios:
        punto.save(update_fields=list(cambios))
        log_action(actor=actor, accion=AccionAuditoria.MODIFICAR, obj=punto, cambios=cambios)
    return punto


@transaction.atomic
def eliminar_punto(*, actor, punto: PuntoOrden) -> None:
    reunion = _bloquear_acta(punto.reunion)
    if punto.acuerdos.exists():
        raise ValidationError(_("This item has agreements adopted under it and cannot be deleted."))
    log_action(
        actor=actor,
        accion=AccionAuditoria.ELIMINAR,
        obj=punto,
        cambios=changed_fields(
            _estado(punto, ("numero", "titulo", "tipo")), dict.fromkeys(("numero", "titulo", "tipo"))
        ),
    )
    numero = punto.numero
    punto.delete()
    # Close the gap, lowest first, so each punto moves into a slot that is already free.
    for siguiente in PuntoOrden.objects.filter(reunion=reunion, numero__gt=numero).order_by("numero"):
        siguiente.numero -= 1
        siguiente.save(update_fields=["numero"])


@transaction.atomic
def mover_punto(*, actor, punto: PuntoOrden, direccion: str) -> PuntoOrden:
    """Swap a punto with its neighbour above or below; at either end it stays put."""
    if direccion not in (ARRIBA, ABAJO):
        raise ValidationError({"direccion": _("Choose up or down.")})
    puntos = _puntos(_bloquear_acta(punto.reunion))
    indice = next(i for i, p in enumerate(puntos) if p.pk == punto.pk)
    vecino_indice = indice - 1 if direccion == ARRIBA else indice + 1
    if not 0 <= vecino_indice < len(puntos):
        return puntos[indice]
    actual, vecino = puntos[indice], puntos[vecino_indice]
    numero_actual, numero_vecino = actual.numero, vecino.numero
    # A free number in between keeps the (reunion, numero) unique constraint satisfied at every step.
    actual.numero = puntos[-1].numero + 1
    actual.save(update_fields=["numero"])
    vecino.numero = numero_actual
    vecino.save(update_fields=["numero"])
    actual.numero = numero_vecino
    actual.save(update_fields=["numero"])
    log_action(
        actor=actor, accion=AccionAuditoria.MODIFICAR, obj=actual, cambios={"numero": [numero_actual, numero_vecino]}
    )
    return actual


# The convocatoria.


def derechos_por_persona(junta: Junta) -> dict[int, str]:
    """Voice and vote for the Junta's active members, voice only for attendees (cargo asistente)."""
    return {
        persona_id: Derecho.VOZ if cargo == CargoJunta.ASISTENTE else Derecho.VOZ_Y_VOTO
        for persona_id, cargo in MiembroJunta.objects.activos().filter(junta=junta).values_list("persona_id", "cargo")
    }


@transaction.atomic
def fijar_convocados(
    *, actor, reunion: Reunion, personas: Iterable[Persona], organismos: Iterable[Organismo]
) -> list[Convocado]:
    """Make the convocados exactly these persons and bodies. Rows kept keep their attendance.

    A person who is not a member of the Junta, and a body called as a whole, has voice but no vote.
    """
    reunion = _bloquear(reunion)
    personas = {p.pk: p for p in personas}
    organismos = {o.pk: o for o in organismos}
    actuales = list(reunion.convocados.select_related("persona", "organismo"))
    antes = sorted(str(c) for c in actuales)
    fuera = [
        c.pk
        for c in actuales
        if (c.persona_id and c.persona_id not in personas) or (not c.persona_id and c.organismo_id not in organismos)
    ]
    Convocado.objects.filter(pk__in=fuera).delete()
    ya_personas = {c.persona_id for c in actuales if c.persona_id}
    ya_organismos = {c.organismo_id for c in actuales if not c.persona_id}
    derechos = derechos_por_persona(reunion.junta)
    nuevos = [
        Convocado(reunion=reunion, persona=p, organismo_id=p.organismo_id, derecho=derechos.get(pk, Derecho.VOZ))
        for pk, p in personas.items()
        if pk not in ya_personas
    ] + [
        Convocado(reunion=reunion, organismo=o, derecho=Derecho.VOZ)
        for pk, o in organismos.items()
        if pk not in ya_organismos
    ]
    Convocado.objects.bulk_create(nuevos)
    resultado = list(reunion.convocados.select_related("persona", "organismo"))
    despues = sorted(str(c) for c in resultado)
    if antes != despues:
        log_action(actor=actor, accion=AccionAuditoria.MODIFICAR, obj=reunion, cambios={"convocados": [antes, despues]})
    return resultado


@transaction.atomic
def enviar_convocatoria(*, actor, reunion: Reunion, dominio: str, url: str = "") -> list[str]:
    """E-mail the convocatoria, with the orden del día and an .ics, to every convocado with an address.

    Returns the addresses. Sending again (after a change) is allowed and records the new time.
    """
    reunion = _bloquear(reunion)
    ahora = timezone.now()
    if reunion.estado == EstadoReunion.CANCELADA:
        raise ValidationError(_("This meeting is cancelled; it cannot be convened."))
    if reunion.inicio <= ahora:
        raise ValidationError(_("The meeting starts in the past; change its date before convening it."))
    convocados = list(reunion.convocados.select_related("persona", "organismo"))
    destinatarios = [c for c in convocados if c.persona_id and c.persona.email]
    if not destinatarios:
        raise ValidationError(_("No convened person has an e-mail address; choose the convocados first."))
    puntos = _puntos(reunion)
    with translation.override(settings.LANGUAGE_CODE):
        contexto = {"reunion": reunion, "puntos": puntos, "url": url}
        asunto = _("Notice of meeting: %(title)s, %(date)s") % {
            "title": reunion.titulo,
            "date": timezone.localtime(reunion.inicio).strftime("%d/%m/%Y %H:%M"),
        }
        cuerpo = render_to_string("juntas/reuniones/email_convocatoria.txt", contexto)
        ics = ics_reunion(reunion, dominio=dominio, url=url, puntos=puntos)
    mensajes = []
    for convocado in destinatarios:
        # One message each, so no recipient sees the others' addresses.
        mensaje = EmailMessage(subject=asunto, body=cuerpo, to=[convocado.persona.email])
        mensaje.attach(f"reunion-{reunion.pk}.ics", ics, "text/calendar; method=PUBLISH; charset=utf-8")
        mensajes.append(mensaje)
    get_connection(fail_silently=False).send_messages(mensajes)
    for convocado in destinatarios:
        convocado.notificado_en = ahora
    Convocado.objects.bulk_update(destinatarios, ["notificado_en"])
    estado_antes = reunion.estado
    reunion.convocatoria_enviada_en = ahora
    campos = ["convocatoria_enviada_en"]
    if reunion.estado == EstadoReunion.PREPARACION:
        reunion.estado = EstadoReunion.CONVOCADA
        campos.append("estado")
    reunion.save(update_fields=campos)
    direcciones = [c.persona.email for c in destinatarios]
    log_action(
        actor=actor,
        accion=AccionAuditoria.CAMBIO_ESTADO,
        obj=reunion,
        cambios={
            "estado": [estado_antes, reunion.estado],
            "convocatoria_enviada_en": [None, ahora.isoformat()],
            "destinatarios": [None, direcciones],
        },
    )
    return direcciones


# The asistencia.


@transaction.atomic
def registrar_asistencia(*, actor, reunion: Reunion, marcas: dict[int, tuple[str, str]]) -> list[Convocado]:
    """marcas maps a convocado's id to its (asistencia, derecho). Only rows that change are written."""
    reunion = _bloquear_acta(reunion)
    convocados = {c.pk: c for c in reunion.convocados.select_related("persona", "organismo")}
    errores = []
    cambiados, cambios = [], {}
    for pk, (asistencia, derecho) in marcas.items():
        convocado = convocados.get(pk)
        if convocado is None:
            errores.append(_("A convened participant was not found; reload the page."))
            continue
        if asistencia not in Asistencia.values or derecho not in Derecho.values:
            errores.append(_("Choose a valid attendance and rights for %(who)s.") % {"who": convocado})
            continue
        antes = (convocado.asistencia, convocado.derecho)
        if antes != (asistencia, derecho):
            convocado.asistencia, convocado.derecho = asistencia, derecho
            cambiados.append(convocado)
            cambios[str(convocado)] = [list(antes), [asistencia, derecho]]
    if errores:
        raise ValidationError(errores)
    if cambiados:
        Convocado.objects.bulk_update(cambiados, ["asistencia", "derecho"])
        log_action(actor=actor, accion=AccionAuditoria.MODIFICAR, obj=reunion, cambios={"asistencia": cambios})
    return list(convocados.values())
