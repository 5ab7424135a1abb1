"""Reuniones, their orden del día, convocados with their attendance, and the acta."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coordinacion.choices import choices_constraint
from coordinacion.models import Organismo, Persona
from juntas.models.choices import (
    Asistencia,
    Derecho,
    EstadoActa,
    EstadoReunion,
    Modalidad,
    TipoPunto,
    TipoReunion,
)
from juntas.models.junta import Junta


class ReunionQuerySet(models.QuerySet):
    def visibles_para(self, user):
        from juntas.access import reuniones_visibles

        return reuniones_visibles(self, user)


class Reunion(models.Model):
    junta = models.ForeignKey(Junta, verbose_name=_("board"), on_delete=models.PROTECT, related_name="reuniones")
    tipo = models.CharField(_("type"), max_length=20, choices=TipoReunion.choices)
    titulo = models.CharField(_("title"), max_length=250)
    modalidad = models.CharField(_("modality"), max_length=20, choices=Modalidad.choices, default=Modalidad.PRESENCIAL)
    lugar = models.CharField(_("place"), max_length=250, blank=True)
    enlace_telematico = models.URLField(_("remote meeting link"), blank=True)
    inicio = models.DateTimeField(_("start"))
    fin = models.DateTimeField(_("end"), null=True, blank=True)
    estado = models.CharField(
        _("status"), max_length=20, choices=EstadoReunion.choices, default=EstadoReunion.PREPARACION
    )
    convocante = models.ForeignKey(
        Persona,
        verbose_name=_("convened by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reuniones_convocadas",
    )
    acuerdo_origen = models.ForeignKey(
        "juntas.Acuerdo",
        verbose_name=_("stems from agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reuniones_derivadas",
    )
    convocatoria_enviada_en = models.DateTimeField(_("notice sent at"), null=True, blank=True)
    creada_en = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ReunionQuerySet.as_manager()

    class Meta:
        ordering = ["-inicio"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["junta", "-inicio"], name="reunion_junta_inicio_idx")]
        constraints = [
            choices_constraint("tipo", TipoReunion, "reunion_tipo_valido"),
            choices_constraint("modalidad", Modalidad, "reunion_modalidad_valida"),
            choices_constraint("estado", EstadoReunion, "reunion_estado_valido"),
            models.CheckConstraint(
                condition=Q(fin__isnull=True) | Q(fin__gt=F("inicio")), name="reunion_fin_tras_inicio"
            ),
        ]

    def __str__(self):
        return f"{self.titulo} ({self.inicio:%d/%m/%Y})"

    @property
    def es_sesion(self) -> bool:
        return self.tipo in {TipoReunion.ORDINARIA, TipoReunion.EXTRAORDINARIA}


class PuntoOrden(models.Model):
    reunion = models.ForeignKey(Reunion, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="puntos")
    numero = models.PositiveSmallIntegerField(_("number"))
    titulo = models.CharField(_("title"), max_length=300)
    tipo = models.CharField(_("type"), max_length=20, choices=TipoPunto.choices, default=TipoPunto.INFORMATIVO)
    descripcion = models.TextField(_("description"), blank=True)
    urgente = models.BooleanField(
        _("urgent item"), default=False, help_text=_("Added on the day (Ley 40/2015, art. 17.4).")
    )
    deliberacion = models.TextField(_("main points of the deliberation"), blank=True)
    # Optimistic locking for the acta editor: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["reunion", "numero"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            choices_constraint("tipo", TipoPunto, "punto_tipo_valido"),
            models.UniqueConstraint(fields=["reunion", "numero"], name="punto_numero_unico"),
            models.CheckConstraint(condition=Q(numero__gte=1), name="punto_numero_positivo"),
        ]

    def __str__(self):
        return f"{self.numero}. {self.titulo}"


class Convocado(models.Model):
    """A person, or a whole body, called to a meeting, and whether they attended."""

    reunion = models.ForeignKey(Reunion, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="convocados")
    organismo = models.ForeignKey(Organismo, verbose_name=_("body"), on_delete=models.PROTECT, related_name="+")
    persona = models.ForeignKey(
        Persona, verbose_name=_("person"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    derecho = models.CharField(_("rights"), max_length=10, choices=Derecho.choices, default=Derecho.VOZ_Y_VOTO)
    asistencia = models.CharField(
        _("attendance"), max_length=10, choices=Asistencia.choices, default=Asistencia.PENDIENTE
    )
    notificado_en = models.DateTimeField(_("notified at"), null=True, blank=True)

    class Meta:
        ordering = ["reunion", "organismo__nombre", "persona__cargo"]
        verbose_name = _("convened participant")
        verbose_name_plural = _("convened participants")
        constraints = [
            choices_constraint("derecho", Derecho, "convocado_derecho_valido"),
            choices_constraint("asistencia", Asistencia, "convocado_asistencia_valida"),
            models.UniqueConstraint(
                fields=["reunion", "persona"], condition=Q(persona__isnull=False), name="convocado_persona_unica"
            ),
            models.UniqueConstraint(
                fields=["reunion", "organismo"], condition=Q(persona__isnull=True), name="convocado_organismo_unico"
            ),
        ]

    def __str__(self):
        return str(self.persona) if self.persona_id else str(self.organismo)


class Acta(models.Model):
    reunion = models.OneToOneField(Reunion, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="acta")
    estado = models.CharField(_("status"), max_length=10, choices=EstadoActa.choices, default=EstadoActa.BORRADOR)
    observaciones = models.TextField(_("remarks"), blank=True)
    redactada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    enviada_en = models.DateTimeField(_("sent for conformity at"), null=True, blank=True)
    plazo_conformidad = models.DateTimeField(_("conformity deadline"), null=True, blank=True)
    aprobada_en = models.DateTimeField(_("approved at"), null=True, blank=True)
    aprobada_en_reunion = models.ForeignKey(
        Reunion,
        verbose_name=_("approved in session"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actas_aprobadas",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            choices_constraint("estado", EstadoActa, "acta_estado_valido"),
            models.CheckConstraint(
                condition=~Q(estado=EstadoActa.APROBADA) | Q(aprobada_en__isnull=False),
                name="acta_aprobada_con_fecha",
            ),
            models.CheckConstraint(
                condition=Q(estado=EstadoActa.BORRADOR) | Q(enviada_en__isnull=False),
                name="acta_enviada_con_fecha",
            ),
        ]

    def __str__(self):
        return _("Minutes of %(meeting)s") % {"meeting": self.reunion}

    @property
    def bloqueada(self) -> bool:
        return self.estado == EstadoActa.APROBADA
