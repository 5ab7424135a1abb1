"""Acuerdos adopted in a reunión, the compromisos they create, and the notas de actuación on them."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coordinacion.choices import Confidencialidad, choices_constraint
from coordinacion.models import Distrito, Materia, Organismo, Persona
from juntas.models.agregados import etiquetas, pares_relacionados
from juntas.models.choices import EstadoAcuerdo, EstadoCompromiso, Votacion
from juntas.models.junta import Junta
from juntas.models.reunion import PuntoOrden, Reunion


class AcuerdoQuerySet(models.QuerySet):
    def visibles_para(self, user):
        from juntas.access import acuerdos_visibles

        return acuerdos_visibles(self, user)

    def con_etiquetas(self):
        """With the names of each acuerdo's topics and districts, read in this query (not a prefetch each)."""
        return self.annotate(
            pares_materias=pares_relacionados(Materia, "acuerdos", "nombre"),
            pares_distritos=pares_relacionados(Distrito, "acuerdos", "codigo"),
        )


class Acuerdo(models.Model):
    junta = models.ForeignKey(Junta, verbose_name=_("board"), on_delete=models.PROTECT, related_name="acuerdos")
    anio = models.PositiveSmallIntegerField(_("year"))
    numero = models.PositiveIntegerField(_("number"))
    reunion = models.ForeignKey(
        Reunion, verbose_name=_("adopted in"), on_delete=models.PROTECT, related_name="acuerdos"
    )
    punto = models.ForeignKey(
        PuntoOrden,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="acuerdos",
    )
    fecha = models.DateField(_("date adopted"))
    titulo = models.CharField(_("title"), max_length=300)
    texto = models.TextField(_("text of the agreement"))
    materias = models.ManyToManyField(Materia, verbose_name=_("topics"), blank=True, related_name="acuerdos")
    distritos = models.ManyToManyField(Distrito, verbose_name=_("districts"), blank=True, related_name="acuerdos")
    votacion = models.CharField(_("vote"), max_length=15, choices=Votacion.choices, default=Votacion.UNANIMIDAD)
    votos_favor = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votos_contra = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    abstenciones = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    votos_particulares = models.TextField(
        _("dissenting votes and explanations"),
        blank=True,
        help_text=_("A member's vote against, abstention and reasons (Ley 40/2015, art. 17.5)."),
    )
    confidencialidad = models.CharField(
        _("confidentiality"), max_length=10, choices=Confidencialidad.choices, default=Confidencialidad.RESERVADA
    )
    # Derived from the compromisos by the services; stored so lists filter on it cheaply.
    estado = models.CharField(
        _("status"), max_length=20, choices=EstadoAcuerdo.choices, default=EstadoAcuerdo.SIN_COMPROMISOS
    )
    creado_en = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AcuerdoQuerySet.as_manager()

    class Meta:
        ordering = ["-anio", "-numero"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        indexes = [
            models.Index(fields=["junta", "estado"], name="acuerdo_junta_estado_idx"),
            # Home and the acuerdo list show the latest first: the top rows come off this index.
            models.Index(fields=["-fecha", "-numero"], name="acuerdo_fecha_numero_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["junta", "anio", "numero"], name="acuerdo_numero_unico_por_junta_anio"),
            models.CheckConstraint(condition=Q(numero__gte=1), name="acuerdo_numero_positivo"),
            choices_constraint("votacion", Votacion, "acuerdo_votacion_valida"),
            choices_constraint("confidencialidad", Confidencialidad, "acuerdo_confidencialidad_valida"),
            choices_constraint("estado", EstadoAcuerdo, "acuerdo_estado_valido"),
            models.CheckConstraint(
                condition=~Q(votacion=Votacion.UNANIMIDAD) | Q(votos_contra__isnull=True) | Q(votos_contra=0),
                name="acuerdo_unanimidad_sin_votos_en_contra",
            ),
            models.CheckConstraint(
                condition=~Q(votacion=Votacion.MAYORIA) | Q(votos_favor__isnull=False),
                name="acuerdo_mayoria_con_votos",
            ),
        ]

    def __str__(self):
        return f"{self.referencia} — {self.titulo}"

    @property
    def nombres_materias(self) -> list[str]:
        """Topic names in their usual order: from con_etiquetas() when the query had it, else one query."""
        if hasattr(self, "pares_materias"):
            return etiquetas(self.pares_materias)
        return [str(materia) for materia in self.materias.all()]

    @property
    def nombres_distritos(self) -> list[str]:
        """District names by district code: from con_etiquetas() when the query had it, else one query."""
        if hasattr(self, "pares_distritos"):
            return etiquetas(self.pares_distritos)
        return [str(distrito) for distrito in self.distritos.all()]

    @property
    def referencia(self) -> str:
        return f"{self.numero}/{self.anio}"


class CompromisoQuerySet(models.QuerySet):
    def visibles_para(self, user):
        from juntas.access import compromisos_visibles

        return compromisos_visibles(self, user)

    def abiertos(self):
        from juntas.models.choices import ESTADOS_ABIERTOS

        return self.filter(estado__in=ESTADOS_ABIERTOS)


class Compromiso(models.Model):
    acuerdo = models.ForeignKey(
        Acuerdo, verbose_name=_("agreement"), on_delete=models.PROTECT, related_name="compromisos"
    )
    organismo = models.ForeignKey(
        Organismo, verbose_name=_("responsible body"), on_delete=models.PROTECT, related_name="compromisos"
    )
    responsable = models.ForeignKey(
        Persona,
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="compromisos",
    )
    descripcion = models.TextField(_("commitment"))
    fecha_limite = models.DateField(_("due date"))
    estado = models.CharField(
        _("status"), max_length=10, choices=EstadoCompromiso.choices, default=EstadoCompromiso.PENDIENTE
    )
    avance = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    confidencialidad = models.CharField(
        _("confidentiality"), max_length=10, choices=Confidencialidad.choices, default=Confidencialidad.RESERVADA
    )
    cerrado_en = models.DateTimeField(_("closed at"), null=True, blank=True)
    creado_en = models.DateTimeField(_("created at"), auto_now_add=True)
    actualizado_en = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CompromisoQuerySet.as_manager()

    class Meta:
        ordering = ["fecha_limite", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [
            models.Index(fields=["organismo", "estado", "fecha_limite"], name="compromiso_org_estado_idx"),
            models.Index(fields=["estado", "fecha_limite"], name="compromiso_estado_fecha_idx"),
            # The compromiso list (and the admin's) in its default order: a page is the index's next rows.
            models.Index(fields=["fecha_limite", "id"], name="compromiso_fecha_id_idx"),
            # A liaison's visibility rules ask "which acuerdos involve my body?" on every compromiso
            # query: an index-only scan instead of visiting ~6,000 heap rows, three times per query.
            models.Index(fields=["organismo", "acuerdo"], name="compromiso_org_acuerdo_idx"),
        ]
        constraints = [
            choices_constraint("estado", EstadoCompromiso, "compromiso_estado_valido"),
            choices_constraint("confidencialidad", Confidencialidad, "compromiso_confidencialidad_valida"),
            models.CheckConstraint(condition=Q(avance__gte=0, avance__lte=100), name="compromiso_avance_0_100"),
            models.CheckConstraint(
                condition=~Q(estado=EstadoCompromiso.CUMPLIDO) | Q(avance=100),
                name="compromiso_cumplido_al_100",
            ),
        ]

    def __str__(self):
        return f"{self.acuerdo.referencia} · {self.organismo}: {self.descripcion[:80]}"


class NotaActuacionQuerySet(models.QuerySet):
    def visibles_para(self, user):
        from juntas.access import notas_visibles

        return notas_visibles(self, user)


class NotaActuacion(models.Model):
    compromiso = models.ForeignKey(
        Compromiso, verbose_name=_("commitment"), on_delete=models.PROTECT, related_name="notas"
    )
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="notas"
    )
    texto = models.TextField(_("text"))
    estado_anterior = models.CharField(
        _("previous status"), max_length=10, choices=EstadoCompromiso.choices, blank=True
    )
    estado_nuevo = models.CharField(_("new status"), max_length=10, choices=EstadoCompromiso.choices, blank=True)
    confidencialidad = models.CharField(
        _("confidentiality"), max_length=10, choices=Confidencialidad.choices, default=Confidencialidad.RESERVADA
    )
    creada_en = models.DateTimeField(_("written at"), auto_now_add=True, db_index=True)

    objects = NotaActuacionQuerySet.as_manager()

    class Meta:
        ordering = ["-creada_en", "-id"]
        verbose_name = _("action note")
        verbose_name_plural = _("action notes")
        indexes = [models.Index(fields=["compromiso", "-creada_en"], name="nota_compromiso_fecha_idx")]
        constraints = [
            choices_constraint("confidencialidad", Confidencialidad, "nota_confidencialidad_valida"),
            models.CheckConstraint(
                condition=Q(estado_anterior="") | Q(estado_anterior__in=EstadoCompromiso.values),
                name="nota_estado_anterior_valido",
            ),
            models.CheckConstraint(
                condition=Q(estado_nuevo="") | Q(estado_nuevo__in=EstadoCompromiso.values),
                name="nota_estado_nuevo_valido",
            ),
        ]

    def __str__(self):
        return f"{self.creada_en:%d/%m/%Y} — {self.texto[:60]}"


def adjunto_upload_to(instance, filename: str) -> str:
    # Stored under a generated name: the user's file name never reaches the filesystem.
    return f"adjuntos/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:10]}"


class Adjunto(models.Model):
    nota = models.ForeignKey(NotaActuacion, verbose_name=_("note"), on_delete=models.PROTECT, related_name="adjuntos")
    archivo = models.FileField(_("file"), upload_to=adjunto_upload_to, max_length=200)
    nombre_original = models.CharField(_("original file name"), max_length=255)
    tipo_mime = models.CharField(_("content type"), max_length=100)
    tamano = models.PositiveIntegerField(_("size (bytes)"))
    subido_en = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["subido_en", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.nombre_original
