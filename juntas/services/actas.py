"""Writing and approving the acta (Ley 40/2015, arts. 17.5, 18.1 and 18.2).

Every write: keyword-only arguments, one transaction, its audit entry inside it. Edits of texts use
optimistic locking: the caller names the version it started from, and a stale version raises
ConflictoEdicion instead of silently overwriting someone else's work. The row is locked before the
version is compared, so two saves at the same instant serialise: one wins, the other is told.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from coordinacion.audit import log_action
from coordinacion.choices import AccionAuditoria, Confidencialidad
from coordinacion.models import Distrito, Materia
from juntas.access import es_convocado, puede_redactar_acta
from juntas.acta_checks import Elemento, PuntoResumen, elementos_acta, elementos_que_faltan
from juntas.models import (
    Acta,
    Acuerdo,
    Asistencia,
    Conformidad,
    Convocado,
    Derecho,
    EstadoActa,
    EstadoReunion,
    Junta,
    PuntoOrden,
    Reunion,
    TipoConformidad,
    TipoReunion,
    Votacion,
)


class ActaBloqueada(PermissionDenied):
    """An approved acta never changes (Ley 40/2015, art. 18; DESIGN §4)."""


@dataclass
class ConflictoEdicion(Exception):  # noqa: N818 — a domain name, like ValidationError
    """Someone saved the same text since the caller loaded it."""

    texto_actual: str
    version_actual: int


def _exigir_secretaria(actor) -> None:
    if not puede_redactar_acta(actor):
        raise PermissionDenied(_("Only the secretariat writes the minutes."))


def exigir_acta_editable(acta: Acta | None) -> None:
    """Refuse a change to the acta's content unless it is a draft. Other services call it too."""
    if acta is None:
        return
    if acta.estado == EstadoActa.APROBADA:
        raise ActaBloqueada(_("The minutes are approved and can no longer change."))
    if acta.estado == EstadoActa.ENVIADA:
        raise ValidationError(_("The minutes were sent for conformity: return them to draft before changing them."))


def _acta_de(reunion_id: int) -> Acta | None:
    """The acta, locked: a write that checks it is a draft must not race its send for conformity."""
    return Acta.objects.select_for_update().filter(reunion_id=reunion_id).first()


@transaction.atomic
def abrir_acta(*, actor, reunion: Reunion) -> Acta:
    """The acta of a meeting, created as a draft the first time the secretaría opens it."""
    _exigir_secretaria(actor)
    acta, creada = Acta.objects.get_or_create(reunion=reunion, defaults={"redactada_por": actor})
    if creada:
        log_action(actor=actor, accion=AccionAuditoria.CREAR, obj=acta)
    return acta


@transaction.atomic
def guardar_deliberacion(*, actor, punto: PuntoOrden, texto: str, version: int) -> PuntoOrden:
    """Save the main points of a punto's deliberation if nobody saved it since `version`."""
    _exigir_secretaria(actor)
    # Lock the acta, then the punto: a concurrent send for conformity waits for this save (or this
    # save sees the acta sent), and a concurrent save of the same text waits here, then reads the
    # winner's text and version for its conflict message instead of a stale copy.
    exigir_acta_editable(_acta_de(punto.reunion_id))
    anterior = PuntoOrden.objects.select_for_update().filter(pk=punto.pk).values("deliberacion", "version").first()
    if anterior["version"] != version:
        raise ConflictoEdicion(texto_actual=anterior["deliberacion"], version_actual=anterior["version"])
    PuntoOrden.objects.filter(pk=punto.pk).update(deliberacion=texto, version=F("version") + 1)
    punto.deliberacion, punto.version = texto, version + 1
    log_action(
        actor=actor,
        accion=AccionAuditoria.MODIFICAR,
        obj=punto,
        # The texts themselves stay in the acta; the log records that and how much they changed.
        cambios={
            "version": [version, version + 1],
            "deliberacion_caracteres": [len(anterior["deliberacion"]), len(texto)],
        },
    )
    return punto


@transaction.atomic
def guardar_observaciones(*, actor, acta: Acta, texto: str, version: int) -> Acta:
    """Save the acta's remarks if nobody changed the acta since `version` (locked as above)."""
    _exigir_secretaria(actor)
    actual = Acta.objects.select_for_update().get(pk=acta.pk)
    exigir_acta_editable(actual)
    if actual.version != version:
        raise ConflictoEdicion(texto_actual=actual.observaciones, version_actual=actual.version)
    Acta.objects.filter(pk=acta.pk).update(observaciones=texto, version=F("version") + 1)
    acta.observaciones, acta.version = texto, version + 1
    log_action(
        actor=actor,
        accion=AccionAuditoria.MODIFICAR,
        obj=acta,
        cambios={
            "version": [version, version + 1],
            "observaciones_caracteres": [len(actual.observaciones), len(texto)],
        },
    )
    return acta


def miembros_presentes_con_voto(reunion_id: int) -> int:
    return Convocado.objects.filter(
        reunion_id=reunion_id, asistencia=Asistencia.ASISTE, derecho=Derecho.VOZ_Y_VOTO
    ).count()


def validar_votacion(
    *, votacion: str, votos_favor: int | None, votos_contra: int | None, abstenciones: int | None, presentes: int
) -> dict[str, list[str]]:
    """Per-field errors of a vote record (art. 17.5: acuerdos by majority of the members present)."""
    errors: dict[str, list[str]] = {}
    if votacion not in Votacion.values:
        errors["votacion"] = [_("Choose how the agreement was adopted.")]
        return errors
    if votacion == Votacion.MAYORIA:
        if votos_favor is None:
            errors["votos_favor"] = [_("A majority vote needs the votes for.")]
        elif votos_favor <= (votos_contra or 0):
            errors["votos_favor"] = [_("By majority, the votes for must exceed the votes against.")]
    if votacion == Votacion.UNANIMIDAD and votos_contra:
        errors["votos_contra"] = [_("A unanimous agreement has no votes against.")]
    total = (votos_favor or 0) + (votos_contra or 0) + (abstenciones or 0)
    if total > presentes:
        errors.setdefault("votos_favor", []).append(
            _("The votes (%(total)s) exceed the members present with a vote (%(presentes)s). Check the attendance.")
            % {"total": total, "presentes": presentes}
        )
    return errors


@transaction.atomic
def adoptar_acuerdo(
    *,
    actor,
    punto: PuntoOrden,
    titulo: str,
    texto: str,
    votacion: str,
    votos_favor: int | None = None,
    votos_contra: int | None = None,
    abstenciones: int | None = None,
    votos_particulares: str = "",
    confidencialidad: str = Confidencialidad.RESERVADA,
    materias: Iterable[Materia] = (),
    distritos: Iterable[Distrito] = (),
) -> Acuerdo:
    """Record an acuerdo adopted on a punto; its number is the next one of the Junta for the year."""
    _exigir_secretaria(actor)
    reunion = Reunion.objects.select_related("junta").get(pk=punto.reunion_id)
    exigir_acta_editable(_acta_de(reunion.pk))
    errors: dict[str, list[str]] = {}
    if not titulo.strip():
        errors["titulo"] = [_("Write a title for the agreement.")]
    if not texto.strip():
        errors["texto"] = [_("Write the text of the agreement: the acta must state its content.")]
    if confidencialidad not in Confidencialidad.values:
        errors["confidencialidad"] = [_("Choose a confidentiality level.")]
    errors.update(
        validar_votacion(
            votacion=votacion,
            votos_favor=votos_favor,
            votos_contra=votos_contra,
            abstenciones=abstenciones,
            presentes=miembros_presentes_con_voto(reunion.pk),
        )
    )
    if errors:
        raise ValidationError(errors)
    # Lock the Junta row so two acuerdos adopted at once never take the same number.
    Junta.objects.select_for_update().filter(pk=reunion.junta_id).first()
    fecha = timezone.localdate(reunion.inicio)
    ultimo = Acuerdo.objects.filter(junta_id=reunion.junta_id, anio=fecha.year).aggregate(n=Max("numero"))["n"]
    acuerdo = Acuerdo.objects.create(
        junta_id=reunion.junta_id,
        anio=fecha.year,
        numero=(ultimo or 0) + 1,
        reunion=reunion,
        punto=punto,
        fecha=fecha,
        titulo=titulo.strip(),
        texto=texto.strip(),
        votacion=votacion,
        votos_favor=votos_favor,
        votos_contra=votos_contra,
        abstenciones=abstenciones,
        votos_particulares=votos_particulares.strip(),
        confidencialidad=confidencialidad,
    )
    acuerdo.materias.set(materias)
    acuerdo.distritos.set(distritos)
    log_action(actor=actor, accion=AccionAuditoria.CREAR, obj=acuerdo)
    return acuerdo


def elementos_de_reunion(reunion: Reunion) -> list[Elemento]:
    """The art. 18.1 check, read from the database (the page computes it from what it prefetched)."""
    puntos = [PuntoResumen(n, d) for n, d in reunion.puntos.order_by("numero").values_list("numero", "deliberacion")]
    return elementos_acta(
        asistentes=reunion.convocados.filter(asistencia=Asistencia.ASISTE).count(),
        puntos=puntos,
        lugar=reunion.lugar,
        modalidad=reunion.modalidad,
        inicio=reunion.inicio,
        fin=reunion.fin,
        textos_acuerdos=list(reunion.acuerdos.values_list("texto", flat=True)),
    )


def _exigir_completa(reunion: Reunion) -> None:
    faltan = elementos_que_faltan(elementos_de_reunion(reunion))
    if faltan:
        raise ValidationError(
            _("The minutes lack what Ley 40/2015 (art. 18.1) requires: %(missing)s")
            % {"missing": "; ".join(f"{e.nombre}: {e.falta}" for e in faltan)}
        )


def _bloquear(acta: Acta) -> Acta:
    return Acta.objects.select_for_update().select_related("reunion").get(pk=acta.pk)


@transaction.atomic
def enviar_acta(*, actor, acta: Acta, plazo: dt.datetime) -> Acta:
    """Send the draft to the members for conformity or objections by `plazo`."""
    _exigir_secretaria(actor)
    acta = _bloquear(acta)
    if acta.estado != EstadoActa.BORRADOR:
        exigir_acta_editable(acta)
    now = timezone.now()
    if plazo <= now:
        raise ValidationError({"plazo": [_("The deadline must be in the future.")]})
    _exigir_completa(acta.reunion)
    before = {"estado": acta.estado, "plazo_conformidad": acta.plazo_conformidad}
    acta.estado, acta.enviada_en, acta.plazo_conformidad = EstadoActa.ENVIADA, now, plazo
    acta.version += 1
    acta.save(update_fields=["estado", "enviada_en", "plazo_conformidad", "version"])
    log_action(
        actor=actor,
        accion=AccionAuditoria.CAMBIO_ESTADO,
        obj=acta,
        cambios={"estado": [before["estado"], acta.estado], "plazo_conformidad": [None, plazo.isoformat()]},
    )
    return acta


@transaction.atomic
def devolver_a_borrador(*, actor, acta: Acta) -> Acta:
    """Back to draft when objections require changes; the replies received stay on record."""
    _exigir_secretaria(actor)
    acta = _bloquear(acta)
    if acta.estado == EstadoActa.APROBADA:
        raise ActaBloqueada(_("The minutes are approved and can no longer change."))
    if acta.estado != EstadoActa.ENVIADA:
        raise ValidationError(_("Only minutes sent for conformity can go back to draft."))
    acta.estado = EstadoActa.BORRADOR
    acta.version += 1
    acta.save(update_fields=["estado", "version"])
    log_action(
        actor=actor,
        accion=AccionAuditoria.CAMBIO_ESTADO,
        obj=acta,
        cambios={"estado": [EstadoActa.ENVIADA, EstadoActa.BORRADOR]},
    )
    return acta


def personas_convocadas(reunion_id: int) -> list[int]:
    return list(
        Convocado.objects.filter(reunion_id=reunion_id, persona__isnull=False).values_list("persona_id", flat=True)
    )


@transaction.atomic
def registrar_conformidad(*, actor, acta: Acta, tipo: str, texto: str = "") -> Conformidad:
    """A convened member's conformity or objections, by the deadline; a later reply replaces theirs."""
    if not es_convocado(actor, personas_convocadas(acta.reunion_id)):
        raise PermissionDenied(_("Only the members convened to the meeting reply to its minutes."))
    acta = _bloquear(acta)
    if acta.estado != EstadoActa.ENVIADA:
        raise ValidationError(_("The minutes are not open for conformity."))
    now = timezone.now()
    if acta.plazo_conformidad and now > acta.plazo_conformidad:
        raise ValidationError(_("The deadline for replies has passed."))
    errors = {}
    if tipo not in TipoConformidad.values:
        errors["tipo"] = [_("Choose conformity or objections.")]
    elif tipo == TipoConformidad.REPARO and not texto.strip():
        errors["texto"] = [_("State your objections.")]
    if errors:
        raise ValidationError(errors)
    conformidad = Conformidad.objects.filter(acta=acta, usuario=actor).first()
    if conformidad is None:
        conformidad = Conformidad.objects.create(acta=acta, usuario=actor, tipo=tipo, texto=texto.strip())
        log_action(actor=actor, accion=AccionAuditoria.CREAR, obj=conformidad)
    else:
        before = {"tipo": conformidad.tipo, "texto": conformidad.texto}
        conformidad.tipo, conformidad.texto, conformidad.creada_en = tipo, texto.strip(), now
        conformidad.save(update_fields=["tipo", "texto", "creada_en"])
        log_action(
            actor=actor,
            accion=AccionAuditoria.MODIFICAR,
            obj=conformidad,
            cambios={k: [v, getattr(conformidad, k)] for k, v in before.items() if v != getattr(conformidad, k)},
        )
    return conformidad


def siguiente_sesion_q(reunion_pk: int) -> Q:
    """Matches the session after this reunión in its Junta: the other one that may approve its acta.

    A Q on the reunión's pk alone, so that the acta page reads the reunión and that session together.
    """
    esta = Reunion.objects.filter(pk=reunion_pk)
    siguiente = (
        Reunion.objects.filter(
            junta_id=Subquery(esta.values("junta_id")),
            tipo__in=[TipoReunion.ORDINARIA, TipoReunion.EXTRAORDINARIA],
            inicio__gt=Subquery(esta.values("inicio")),
        )
        .exclude(estado=EstadoReunion.CANCELADA)
        .order_by("inicio", "pk")
        .values("pk")[:1]
    )
    return Q(pk=Subquery(siguiente))


def opciones_aprobacion(reunion: Reunion) -> list[Reunion]:
    """Art. 18.2: the acta is approved in the same session or the next one of the same Junta.

    The next one is read unless the caller already did (reunion.siguiente_sesion, None for none).
    """
    if hasattr(reunion, "siguiente_sesion"):
        siguiente = reunion.siguiente_sesion
    else:
        siguiente = Reunion.objects.filter(siguiente_sesion_q(reunion.pk)).first()
    return [reunion, siguiente] if siguiente else [reunion]


@transaction.atomic
def aprobar_acta(*, actor, acta: Acta, reunion_aprobacion: Reunion) -> Acta:
    _exigir_secretaria(actor)
    acta = _bloquear(acta)
    if acta.estado == EstadoActa.APROBADA:
        raise ActaBloqueada(_("The minutes are approved and can no longer change."))
    if acta.estado != EstadoActa.ENVIADA:
        raise ValidationError(_("Send the minutes for conformity before approving them."))
    if reunion_aprobacion.pk not in {r.pk for r in opciones_aprobacion(acta.reunion)}:
        raise ValidationError(
            {"reunion_aprobacion": [_("The minutes are approved in the same session or the next one.")]}
        )
    _exigir_completa(acta.reunion)
    acta.estado, acta.aprobada_en, acta.aprobada_en_reunion = EstadoActa.APROBADA, timezone.now(), reunion_aprobacion
    acta.version += 1
    acta.save(update_fields=["estado", "aprobada_en", "aprobada_en_reunion", "version"])
    log_action(
        actor=actor,
        accion=AccionAuditoria.CAMBIO_ESTADO,
        obj=acta,
        cambios={
            "estado": [EstadoActa.ENVIADA, EstadoActa.APROBADA],
            "aprobada_en_reunion": [None, reunion_aprobacion.pk],
        },
    )
    return acta


@transaction.atomic
def registrar_descarga(*, actor, obj, documento: str) -> None:
    """Downloads of documents with reservada or policial content leave a trace (ENS)."""
    log_action(actor=actor, accion=AccionAuditoria.DESCARGA, obj=obj, cambios={"documento": documento})
