"""The audit log writer. Every service calls log_action inside its own transaction."""

from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db import models

from coordinacion.models import RegistroAuditoria

# Set per request by AuditContextMiddleware, so services need not carry the request around.
current_ip: ContextVar[str | None] = ContextVar("current_ip", default=None)


def client_ip(request) -> str | None:
    # The proxy in front of gunicorn is trusted to set REMOTE_ADDR via the socket; no header parsing here.
    return request.META.get("REMOTE_ADDR") or None


def _jsonable(value):
    if isinstance(value, models.Model):
        return str(value.pk)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def changed_fields(before: dict, after: dict) -> dict:
    """Only the fields whose values differ, as {field: [old, new]}."""
    return {
        field: [_jsonable(before.get(field)), _jsonable(after[field])]
        for field in after
        if before.get(field) != after[field]
    }


def _nivel(obj) -> str:
    """The confidentiality level of obj, or of the nota it belongs to (attachments), or ""."""
    if obj is None:
        return ""
    level = getattr(obj, "confidencialidad", None)
    if level is None and getattr(obj, "nota_id", None) is not None:
        level = obj.nota.confidencialidad
    return level or ""


def _storable(value):
    """PostgreSQL text and jsonb refuse the NUL character; a forged value may carry one."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(v) for v in value]
    return value


def log_action(
    *, actor, accion: str, obj: models.Model | None = None, cambios: dict | None = None, nombre_usuario: str = ""
) -> RegistroAuditoria:
    user = actor if actor is not None and actor.is_authenticated else None
    return RegistroAuditoria.objects.create(
        usuario=user,
        nombre_usuario=_storable(nombre_usuario) or (user.get_username() if user else ""),
        accion=accion,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        objeto=_storable(str(obj)[:300]) if obj is not None else "",
        cambios=_storable(cambios or {}),
        confidencialidad=_nivel(obj),
        ip=current_ip.get(),
    )


def historial_de(obj: models.Model, limit: int = 20) -> list[RegistroAuditoria]:
    """The latest audit entries of one object, newest first, in a single query.

    For the history panel of a detail page. In the view, after fetching `obj` with its
    fetch-and-authorize helper (so the reader may see it)::

        context["historial"] = historial_de(acuerdo)

    and in the template::

        {% include "includes/historial.html" with entries=historial %}

    The panel shows who, when, what and the changed fields with their values; the reader may see
    the object, so they may see its history. Filtering on the content type's natural key (a join)
    rather than its id keeps this one query even on a cold ContentType cache.
    """
    return list(
        RegistroAuditoria.objects.filter(
            content_type__app_label=obj._meta.app_label,
            content_type__model=obj._meta.model_name,
            object_id=str(obj.pk),
        ).order_by("-creado_en", "-id")[:limit]
    )
