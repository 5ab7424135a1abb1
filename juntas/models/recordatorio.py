"""What the daily reminder command has sent, so a second run on the same day sends nothing new."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordatorioEnviado(models.Model):
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="recordatorios"
    )
    fecha = models.DateField(_("date"))
    enviado_en = models.DateTimeField(_("sent at"), auto_now_add=True)
    total = models.PositiveIntegerField(_("commitments"))
    compromisos = models.JSONField(_("commitment ids"), default=list)

    class Meta:
        ordering = ["-fecha", "usuario"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["usuario", "fecha"], name="recordatorio_uno_por_dia")]

    def __str__(self):
        return f"{self.fecha:%d/%m/%Y} {self.usuario}"
