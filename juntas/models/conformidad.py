"""A member's reply to an acta sent for conformity (Ley 40/2015, art. 18.2)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coordinacion.choices import choices_constraint
from juntas.models.choices import TipoConformidad
from juntas.models.reunion import Acta


class Conformidad(models.Model):
    acta = models.ForeignKey(Acta, verbose_name=_("minutes"), on_delete=models.PROTECT, related_name="conformidades")
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    tipo = models.CharField(_("reply"), max_length=12, choices=TipoConformidad.choices)
    texto = models.TextField(_("text"), blank=True)
    creada_en = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["acta", "creada_en", "id"]
        verbose_name = _("conformity reply")
        verbose_name_plural = _("conformity replies")
        constraints = [
            choices_constraint("tipo", TipoConformidad, "conformidad_tipo_valido"),
            models.UniqueConstraint(fields=["acta", "usuario"], name="conformidad_unica_por_miembro"),
            models.CheckConstraint(
                condition=~models.Q(tipo=TipoConformidad.REPARO) | ~models.Q(texto=""),
                name="reparo_con_texto",
            ),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} — {self.usuario}"
