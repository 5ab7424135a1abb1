"""The audit side of exporting compromisos."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from coordinacion.audit import log_action
from coordinacion.choices import AccionAuditoria
from coordinacion.models import RegistroAuditoria

FORMATOS = frozenset({"csv", "xlsx"})


@transaction.atomic
def registrar_exportacion(
    *, actor, formato: str, filas: int, confidenciales: int, filtros: dict[str, str]
) -> RegistroAuditoria:
    """Record who exported how many compromisos (and how many reservada/policial) with which filters."""
    if formato not in FORMATOS:
        raise ValidationError({"formato": _("Unknown export format.")})
    return log_action(
        actor=actor,
        accion=AccionAuditoria.EXPORTACION,
        cambios={
            "exportacion": "compromisos",
            "formato": formato,
            "filas": filas,
            "reservadas_o_policiales": confidenciales,
            "filtros": filtros,
        },
    )
