"""Writes of a user's calendar feed token: issue a new one (revoking the old URL) or revoke it."""

from django.db import transaction

from coordinacion.audit import log_action
from coordinacion.choices import AccionAuditoria
from juntas.models import TokenCalendario
from juntas.models.calendario import nuevo_token


@transaction.atomic
def regenerar_token_calendario(*, actor) -> TokenCalendario:
    """A fresh secret URL for the actor's feed; any previous URL stops working at once."""
    token, creado = TokenCalendario.objects.select_for_update().get_or_create(usuario=actor)
    if not creado:
        token.token = nuevo_token()
        token.save(update_fields=["token"])
    # The token itself never reaches the audit log.
    log_action(actor=actor, accion=AccionAuditoria.CREAR if creado else AccionAuditoria.MODIFICAR, obj=token)
    return token


@transaction.atomic
def revocar_token_calendario(*, actor) -> bool:
    token = TokenCalendario.objects.select_for_update().filter(usuario=actor).first()
    if token is None:
        return False
    log_action(actor=actor, accion=AccionAuditoria.ELIMINAR, obj=token)
    token.delete()
    return True
