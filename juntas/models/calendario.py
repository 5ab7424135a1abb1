"""The secret token behind a user's subscribable calendar feed."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def nuevo_token() -> str:
    # 256 random bits, URL-safe: the token alone authenticates the feed, so it must be unguessable.
    return secrets.token_urlsafe(32)


class TokenCalendario(models.Model):
    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="token_calendario"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=nuevo_token)
    creado_en = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")

    def __str__(self):
        # Never the token itself: this string lands in the audit log.
        return _("Calendar feed of %(user)s") % {"user": self.usuario.get_username()}
