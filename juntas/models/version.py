from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionDatos(models.Model):
    """One row whose number rises on every write to the tables the dashboards count.

    Database triggers raise it (migration 0009), in the writing transaction, whatever writes: views,
    services, the admin, bulk updates, COPY. juntas/recuentos.py keys its cached counts on it, so a
    count cached by any process is never served after a committed write to what it counted.
    """

    numero = models.BigIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self) -> str:
        return str(self.numero)
