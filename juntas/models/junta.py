"""The Junta Local de Seguridad, its local rules and its composition."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coordinacion.choices import choices_constraint
from coordinacion.models import Persona
from juntas.models.choices import CargoJunta, Derecho


class Junta(models.Model):
    nombre = models.CharField(_("name"), max_length=200, unique=True)
    municipio = models.CharField(_("municipality"), max_length=120)
    fecha_constitucion = models.DateField(_("constitution date"), null=True, blank=True)
    activa = models.BooleanField(_("active"), default=True)

    # Local rules (each reglamento differs, so they are settings of the Junta, not constants).
    quorum_primera_pct = models.PositiveSmallIntegerField(
        _("quorum at first call (% of members)"),
        default=50,
        help_text=_("Besides the chair and the secretary, the share of members that must attend."),
    )
    quorum_segunda_pct = models.PositiveSmallIntegerField(
        _("quorum at second call (% of members)"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the rules set no second call."),
    )
    minutos_segunda_convocatoria = models.PositiveSmallIntegerField(_("minutes until the second call"), default=30)
    preaviso_ordinaria_dias = models.PositiveSmallIntegerField(_("notice for ordinary sessions (days)"), default=10)
    preaviso_extraordinaria_horas = models.PositiveSmallIntegerField(
        _("notice for extraordinary sessions (hours)"), default=48
    )
    periodicidad_ordinaria_meses = models.PositiveSmallIntegerField(_("ordinary session every (months)"), default=6)

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("local security board")
        verbose_name_plural = _("local security boards")
        constraints = [
            models.CheckConstraint(condition=Q(quorum_primera_pct__lte=100), name="junta_quorum_primera_pct"),
            models.CheckConstraint(
                condition=Q(quorum_segunda_pct__isnull=True) | Q(quorum_segunda_pct__lte=100),
                name="junta_quorum_segunda_pct",
            ),
            models.CheckConstraint(
                condition=Q(periodicidad_ordinaria_meses__gte=1), name="junta_periodicidad_positiva"
            ),
        ]

    def __str__(self):
        return self.nombre


class MiembroJuntaQuerySet(models.QuerySet):
    def activos(self):
        return self.filter(fecha_baja__isnull=True)


class MiembroJunta(models.Model):
    junta = models.ForeignKey(Junta, verbose_name=_("board"), on_delete=models.CASCADE, related_name="miembros")
    persona = models.ForeignKey(Persona, verbose_name=_("person"), on_delete=models.PROTECT, related_name="membresias")
    cargo = models.CharField(_("position on the board"), max_length=20, choices=CargoJunta.choices)
    fecha_alta = models.DateField(_("member since"))
    fecha_baja = models.DateField(_("member until"), null=True, blank=True)

    objects = MiembroJuntaQuerySet.as_manager()

    class Meta:
        ordering = ["junta", "cargo", "persona__cargo"]
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        constraints = [
            choices_constraint("cargo", CargoJunta, "miembro_cargo_valido"),
            models.UniqueConstraint(
                fields=["junta", "persona"], condition=Q(fecha_baja__isnull=True), name="miembro_activo_unico"
            ),
            models.UniqueConstraint(
                fields=["junta"],
                condition=Q(fecha_baja__isnull=True, cargo=CargoJunta.SECRETARIO),
                name="junta_un_secretario_activo",
            ),
            models.CheckConstraint(
                condition=Q(fecha_baja__isnull=True) | Q(fecha_baja__gte=models.F("fecha_alta")),
                name="miembro_baja_tras_alta",
            ),
        ]

    def __str__(self):
        return f"{self.persona} — {self.get_cargo_display()}"

    @property
    def derecho(self) -> str:
        return Derecho.VOZ if self.cargo == CargoJunta.ASISTENTE else Derecho.VOZ_Y_VOTO
