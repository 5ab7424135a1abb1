"""Writes on compromisos and their notas de actuación.

Every function validates, saves and writes its audit entry in one transaction. Status moves are
checked against juntas/transitions.py; after any change of a compromiso's status the acuerdo's
derived status is recomputed in the same transaction, and the secretaría is e-mailed once the
transaction commits.
"""

import datetime as dt
import logging
from collections.abc import Sequence
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coordinacion.audit import changed_fields, log_action
from coordinacion.choices import AccionAuditoria, Confidencialidad, Rol
from coordinacion.models import Organismo, Persona, Usuario
from juntas import access
from juntas.adjuntos import nombre_seguro, validar_adjunto
from juntas.models import Acuerdo, Adjunto, Compromiso, EstadoCompromiso, NotaActuacion
from juntas.transitions import CERRADOS, CUMPLIDO, REQUIEREN_MOTIVO, TRANSICIONES, Actor, estado_acuerdo

logger = logging.getLogger(__name__)

TERMINOS = ("descripcion", "organismo", "responsable", "fecha_limite", "confidencialidad")


def _validar_terminos(
    *,
    acuerdo: Acuerdo,
    descripcion: str,
    organismo: Organismo | None,
    responsable: Persona | None,
    fecha_limite: dt.date | None,
    confidencialidad: str,
    organismo_anterior_id: int | None = None,
) -> None:
    errors: dict[str, list[str]] = {}
    if not descripcion.strip():
        errors.setdefault("descripcion", []).append(_("Describe what the body commits to."))
    if organismo is None:
        errors.setdefault("organismo", []).append(_("Choose the responsible body."))
    elif not organismo.activo and organismo.pk != organismo_anterior_id:
        errors.setdefault("organismo", []).append(_("This body is no longer active."))
    if responsable is None:
        errors.setdefault("responsable", []).append(_("Choose the responsible person."))
    elif organismo is not None and responsable.organismo_id != organismo.pk:
        errors.setdefault("responsable", []).append(
            _("%(person)s does not belong to %(body)s. Choose a person of the responsible body.")
            % {"person": responsable, "body": organismo}
        )
    if fecha_limite is None:
        errors.setdefault("fecha_limite", []).append(_("Give a due date."))
    elif fecha_limite < acuerdo.fecha:
        errors.setdefault("fecha_limite", []).append(
            _("The due date cannot be before the date of the agreement (%(date)s).")
            % {"date": acuerdo.fecha.strftime("%d/%m/%Y")}
        )
    if confidencialidad not in Confidencialidad.values:
        errors.setdefault("confidencialidad", []).append(_("Choose a valid confidentiality level."))
    elif confidencialidad == Confidencialidad.POLICIAL and organismo is not None and not organismo.es_policial:
        errors.setdefault("confidencialidad", []).append(
            _("A police-only commitment must be assigned to a police body, or its own liaisons could not see it.")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def crear_compromiso(
    *,
    actor: Usuario,
    acuerdo: Acuerdo,
    descripcion: str,
    organismo: Organismo | None,
    responsable: Persona | None,
    fecha_limite: dt.date | None,
    confidencialidad: str = Confidencialidad.RESERVADA,
) -> Compromiso:
    if not access.puede_gestionar_compromisos(actor):
        raise PermissionDenied
    _validar_terminos(
        acuerdo=acuerdo,
        descripcion=descripcion,
        organismo=organismo,
        responsable=responsable,
        fecha_limite=fecha_limite,
        confidencialidad=confidencialidad,
    )
    compromiso = Compromiso.objects.create(
        acuerdo=acuerdo,
        descripcion=descripcion.strip(),
        organismo=organismo,
        responsable=responsable,
        fecha_limite=fecha_limite,
        confidencialidad=confidencialidad,
    )
    log_action(
        actor=actor,
        accion=AccionAuditoria.CREAR,
        obj=compromiso,
        cambios=changed_fields({}, {field: getattr(compromiso, field) for field in TERMINOS}),
    )
    recalcular_estado_acuerdo(actor=actor, acuerdo=acuerdo)
    return compromiso


@transaction.atomic
def editar_compromiso(
    *,
    actor: Usuario,
    compromiso: Compromiso,
    descripcion: str,
    organismo: Organismo | None,
    responsable: Persona | None,
    fecha_limite: dt.date | None,
    confidencialidad: str,
) -> Compromiso:
    if not access.puede_gestionar_compromisos(actor):
        raise PermissionDenied
    compromiso = _bloquear(compromiso)
    _validar_terminos(
        acuerdo=compromiso.acuerdo,
        descripcion=descripcion,
        organismo=organismo,
        responsable=responsable,
        fecha_limite=fecha_limite,
        confidencialidad=confidencialidad,
        organismo_anterior_id=compromiso.organismo_id,
    )
    before = {field: getattr(compromiso, field) for field in TERMINOS}
    after = {
        "descripcion": descripcion.strip(),
        "organismo": organismo,
        "responsable": responsable,
        "fecha_limite": fecha_limite,
        "confidencialidad": confidencialidad,
    }
    cambios = changed_fields(before, after)
    if not cambios:
        return compromiso
    for field, value in after.items():
        setattr(compromiso, field, value)
    compromiso.save(update_fields=[*cambios, "actualizado_en"])
    log_action(actor=actor, accion=AccionAuditoria.MODIFICAR, obj=compromiso, cambios=cambios)
    return compromiso


def _bloquear(compromiso: Compromiso) -> Compromiso:
    """Re-read the row under a lock, so two people changing it at once cannot overwrite each other."""
    return (
        Compromiso.objects.select_for_update(of=("self",)).select_related("acuerdo", "organismo").get(pk=compromiso.pk)
    )


def _actor(user: Usuario, compromiso: Compromiso) -> Actor:
    actor = access.actor_de_compromiso(user, compromiso)
    if actor is None:
        raise PermissionDenied
    return actor


def _error_transicion(actor: Actor, origen: str, destino: str) -> str | None:
    """The Spanish message for a move this actor may not make, or None if it is allowed."""
    quien = TRANSICIONES.get((origen, destino))
    labels = {"from": EstadoCompromiso(origen).label, "to": EstadoCompromiso(destino).label}
    if quien is None:
        return _("A commitment cannot go from “%(from)s” to “%(to)s”.") % labels
    if actor not in quien:
        return _("Only the secretariat can move a commitment from “%(from)s” to “%(to)s”.") % labels
    return None


def _aplicar_estado(compromiso: Compromiso, destino: str) -> list[str]:
    """Set the new status and what follows from it; return the fields changed."""
    compromiso.estado = destino
    fields = ["estado"]
    if destino == CUMPLIDO:
        compromiso.avance = 100
        compromiso.cerrado_en = timezone.now()
        fields += ["avance", "cerrado_en"]
    elif compromiso.cerrado_en is not None:
        compromiso.cerrado_en = None  # reopened
        fields.append("cerrado_en")
    return fields


@transaction.atomic
def cambiar_estado_compromiso(*, actor: Usuario, compromiso: Compromiso, estado: str) -> Compromiso:
    """A status move that needs no written reason (accept, start, mark fulfilled...)."""
    compromiso = _bloquear(compromiso)
    quien = _actor(actor, compromiso)
    if estado not in EstadoCompromiso.values:
        raise ValidationError({"estado": _("Choose a valid status.")})
    if estado == compromiso.estado:
        return compromiso
    if mensaje := _error_transicion(quien, compromiso.estado, estado):
        raise ValidationError({"estado": mensaje})
    if estado in REQUIEREN_MOTIVO:
        raise ValidationError(
            {
                "estado": _("Explain the reason in a note to move the commitment to “%(to)s”.")
                % {"to": EstadoCompromiso(estado).label}
            }
        )
    _registrar_cambio_estado(actor=actor, compromiso=compromiso, destino=estado)
    return compromiso


def _registrar_cambio_estado(*, actor: Usuario, compromiso: Compromiso, destino: str, avance: int | None = None):
    before = {"estado": compromiso.estado, "avance": compromiso.avance, "cerrado_en": compromiso.cerrado_en}
    anterior = compromiso.estado
    fields = _aplicar_estado(compromiso, destino)
    if avance is not None and destino != CUMPLIDO and avance != compromiso.avance:
        compromiso.avance = avance
        fields.append("avance")
    compromiso.save(update_fields=[*dict.fromkeys(fields), "actualizado_en"])
    after = {"estado": compromiso.estado, "avance": compromiso.avance, "cerrado_en": compromiso.cerrado_en}
    log_action(actor=actor, accion=AccionAuditoria.CAMBIO_ESTADO, obj=compromiso, cambios=changed_fields(before, after))
    recalcular_estado_acuerdo(actor=actor, acuerdo=compromiso.acuerdo)
    transaction.on_commit(
        partial(notificar_cambio_estado, compromiso_id=compromiso.pk, anterior=anterior, nuevo=destino, autor=actor.pk)
    )


@transaction.atomic
def registrar_nota(
    *,
    actor: Usuario,
    compromiso: Compromiso,
    texto: str,
    confidencialidad: str = Confidencialidad.RESERVADA,
    estado_nuevo: str = "",
    avance: int | None = None,
    archivos: Sequence[UploadedFile] = (),
) -> NotaActuacion:
    """A nota de actuación, optionally moving the status and the progress, with attachments."""
    compromiso = _bloquear(compromiso)
    quien = _actor(actor, compromiso)
    errors: dict[str, list[str]] = {}
    if not texto.strip():
        errors.setdefault("texto", []).append(_("Write what was done."))
    if confidencialidad not in Confidencialidad.values:
        errors.setdefault("confidencialidad", []).append(_("Choose a valid confidentiality level."))
    elif confidencialidad == Confidencialidad.POLICIAL and not access.puede_usar_nivel_policial(actor):
        errors.setdefault("confidencialidad", []).append(
            _("Only the secretariat and police bodies can mark a note as police only.")
        )
    cambia_estado = bool(estado_nuevo) and estado_nuevo != compromiso.estado
    if estado_nuevo and estado_nuevo not in EstadoCompromiso.values:
        errors.setdefault("estado_nuevo", []).append(_("Choose a valid status."))
    elif cambia_estado and (mensaje := _error_transicion(quien, compromiso.estado, estado_nuevo)):
        errors.setdefault("estado_nuevo", []).append(mensaje)
    estado_final = estado_nuevo if cambia_estado else compromiso.estado
    if avance is not None:
        if not 0 <= avance <= 100:
            errors.setdefault("avance", []).append(_("Progress must be a whole number between 0 and 100."))
        elif estado_final == CUMPLIDO:
            avance = None  # fulfilled means 100 %, whatever the form still showed
        elif estado_final in CERRADOS and avance != compromiso.avance:
            errors.setdefault("avance", []).append(_("The progress of a closed commitment cannot change."))
    tipos = []
    for archivo in archivos:
        try:
            tipos.append(validar_adjunto(archivo))
        except ValidationError as error:
            errors.setdefault("archivos", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)

    anterior = compromiso.estado
    if cambia_estado:
        _registrar_cambio_estado(actor=actor, compromiso=compromiso, destino=estado_nuevo, avance=avance)
    elif avance is not None and avance != compromiso.avance:
        cambios = changed_fields({"avance": compromiso.avance}, {"avance": avance})
        compromiso.avance = avance
        compromiso.save(update_fields=["avance", "actualizado_en"])
        log_action(actor=actor, accion=AccionAuditoria.MODIFICAR, obj=compromiso, cambios=cambios)

    nota = NotaActuacion.objects.create(
        compromiso=compromiso,
        autor=actor,
        texto=texto.strip(),
        confidencialidad=confidencialidad,
        estado_anterior=anterior if cambia_estado else "",
        estado_nuevo=estado_nuevo if cambia_estado else "",
    )
    nombres = []
    for archivo, tipo in zip(archivos, tipos, strict=True):
        nombre = nombre_seguro(archivo.name)
        Adjunto.objects.create(nota=nota, archivo=archivo, nombre_original=nombre, tipo_mime=tipo, tamano=archivo.size)
        nombres.append(nombre)
    cambios = {"confidencialidad": [None, confidencialidad]}
    if nombres:
        cambios["adjuntos"] = [None, nombres]
    log_action(actor=actor, accion=AccionAuditoria.CREAR, obj=nota, cambios=cambios)
    return nota


@transaction.atomic
def recalcular_estado_acuerdo(*, actor: Usuario | None, acuerdo: Acuerdo) -> str:
    """Store the acuerdo's status derived from its compromisos; audit it when it changes."""
    acuerdo = Acuerdo.objects.select_for_update().get(pk=acuerdo.pk)
    nuevo = estado_acuerdo(acuerdo.compromisos.values_list("estado", flat=True))
    if nuevo != acuerdo.estado:
        cambios = changed_fields({"estado": acuerdo.estado}, {"estado": str(nuevo)})
        acuerdo.estado = nuevo
        acuerdo.save(update_fields=["estado"])
        log_action(actor=actor, accion=AccionAuditoria.CAMBIO_ESTADO, obj=acuerdo, cambios=cambios)
    return acuerdo.estado


@transaction.atomic
def registrar_descarga(*, actor: Usuario, adjunto: Adjunto) -> None:
    """Downloads of non-public attachments leave a trace in the audit log."""
    nota = adjunto.nota
    niveles = {nota.confidencialidad, nota.compromiso.confidencialidad, nota.compromiso.acuerdo.confidencialidad}
    if niveles - {Confidencialidad.PUBLICA}:
        log_action(actor=actor, accion=AccionAuditoria.DESCARGA, obj=adjunto, cambios={"nota": [None, str(nota.pk)]})


def notificar_cambio_estado(*, compromiso_id: int, anterior: str, nuevo: str, autor: int | None) -> None:
    """One e-mail to the secretaría accounts. Runs after commit: a mail failure never undoes the change."""
    try:
        compromiso = Compromiso.objects.select_related("acuerdo", "organismo").get(pk=compromiso_id)
        destinatarios = list(
            Usuario.objects.filter(rol=Rol.SECRETARIA, is_active=True)
            .exclude(email="")
            .order_by("email")
            .values_list("email", flat=True)
        )
        if not destinatarios:
            return
        quien = Usuario.objects.filter(pk=autor).first()
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "compromiso": compromiso,
                "anterior": EstadoCompromiso(anterior).label,
                "nuevo": EstadoCompromiso(nuevo).label,
                "autor": quien.nombre_visible if quien else "",
                # Police-only details stay in the portal; the e-mail only says where to look.
                "detalle": compromiso.confidencialidad != Confidencialidad.POLICIAL,
            }
            asunto = _("Commitment %(ref)s (%(body)s): %(from)s → %(to)s") % {
                "ref": compromiso.acuerdo.referencia,
                "body": compromiso.organismo,
                "from": context["anterior"],
                "to": context["nuevo"],
            }
            cuerpo = render_to_string("juntas/emails/cambio_estado.txt", context)
        EmailMessage(subject=asunto, body=cuerpo, to=destinatarios).send()
    except Exception:
        logger.exception("Could not e-mail the secretariat about compromiso %s", compromiso_id)
