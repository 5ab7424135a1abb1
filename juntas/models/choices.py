"""Fixed vocabularies of the board's work."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CargoJunta(models.TextChoices):
    PRESIDENTE = "presidente", _("Chair")
    COPRESIDENTE = "copresidente", _("Co-chair")
    SECRETARIO = "secretario", _("Secretary")
    VOCAL = "vocal", _("Member")
    ASISTENTE = "asistente", _("Attendee (voice, no vote)")


PRESIDENCIA = frozenset({CargoJunta.PRESIDENTE, CargoJunta.COPRESIDENTE})


class TipoReunion(models.TextChoices):
    ORDINARIA = "ordinaria", _("Ordinary session")
    EXTRAORDINARIA = "extraordinaria", _("Extraordinary session")
    COORDINACION = "coordinacion", _("Coordination meeting")
    MESA = "mesa", _("Working group")
    COMISION = "comision", _("Commission")


class Modalidad(models.TextChoices):
    PRESENCIAL = "presencial", _("In person")
    TELEMATICA = "telematica", _("Remote")
    MIXTA = "mixta", _("Hybrid")


class EstadoReunion(models.TextChoices):
    PREPARACION = "preparacion", _("In preparation")
    CONVOCADA = "convocada", _("Convened")
    CELEBRADA = "celebrada", _("Held")
    CANCELADA = "cancelada", _("Cancelled")


class TipoPunto(models.TextChoices):
    INFORMATIVO = "informativo", _("For information")
    DELIBERATIVO = "deliberativo", _("For deliberation")
    SEGUIMIENTO = "seguimiento", _("Follow-up of agreements")
    RUEGOS = "ruegos", _("Requests and questions")


class Derecho(models.TextChoices):
    VOZ_Y_VOTO = "voz_voto", _("Voice and vote")
    VOZ = "voz", _("Voice, no vote")


class Asistencia(models.TextChoices):
    PENDIENTE = "pendiente", _("Not recorded")
    ASISTE = "asiste", _("Present")
    EXCUSA = "excusa", _("Excused")
    AUSENTE = "ausente", _("Absent")


class EstadoActa(models.TextChoices):
    BORRADOR = "borrador", _("Draft")
    ENVIADA = "enviada", _("Sent for conformity")
    APROBADA = "aprobada", _("Approved")


class Votacion(models.TextChoices):
    UNANIMIDAD = "unanimidad", _("Unanimous")
    MAYORIA = "mayoria", _("By majority")
    ASENTIMIENTO = "asentimiento", _("By assent")


class EstadoAcuerdo(models.TextChoices):
    SIN_COMPROMISOS = "sin_compromisos", _("No commitments yet")
    EN_CURSO = "en_curso", _("In progress")
    BLOQUEADO = "bloqueado", _("Blocked")
    CUMPLIDO = "cumplido", _("Fulfilled")
    CANCELADO = "cancelado", _("Cancelled")


class EstadoCompromiso(models.TextChoices):
    PENDIENTE = "pendiente", _("Pending")
    ACEPTADO = "aceptado", _("Accepted")
    EN_CURSO = "en_curso", _("In progress")
    CUMPLIDO = "cumplido", _("Fulfilled")
    BLOQUEADO = "bloqueado", _("Blocked")
    CANCELADO = "cancelado", _("Cancelled")


ESTADOS_ABIERTOS = frozenset(
    {EstadoCompromiso.PENDIENTE, EstadoCompromiso.ACEPTADO, EstadoCompromiso.EN_CURSO, EstadoCompromiso.BLOQUEADO}
)


class TipoConformidad(models.TextChoices):
    CONFORMIDAD = "conformidad", _("Conformity")
    REPARO = "reparo", _("Objection")
