"""Audit entries for sign-in, failed sign-in and sign-out."""

from django.contrib.auth import signals
from django.dispatch import receiver

from coordinacion.audit import log_action
from coordinacion.choices import AccionAuditoria


@receiver(signals.user_logged_in)
def audit_login(sender, request, user, **kwargs):
    log_action(actor=user, accion=AccionAuditoria.LOGIN)


@receiver(signals.user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        log_action(actor=user, accion=AccionAuditoria.LOGOUT)


@receiver(signals.user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    log_action(
        actor=None, accion=AccionAuditoria.LOGIN_FALLIDO, nombre_usuario=str(credentials.get("username", ""))[:150]
    )
