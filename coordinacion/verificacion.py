"""The session's second-factor device, checked by the same query that loads the signed-in user.

django-otp's OTPMiddleware reads the device named in the session (its persistent id) with a query of
its own on every request, after the user's. Here the middleware names that device while Django's
AuthenticationMiddleware loads the user, and the user's manager adds one EXISTS to that query: the
device exists, belongs to this user and is confirmed, the three conditions django-otp checks
(OTPMiddleware._finalize_device). The device is named only for the length of that one load.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.db.models import Exists, OuterRef, QuerySet

# (device model, device pk) while the middleware loads the user; None otherwise.
_dispositivo: ContextVar[tuple[type, int] | None] = ContextVar("dispositivo_de_sesion", default=None)

ANOTACION = "_dispositivo_confirmado"


def dispositivo(persistent_id: str | None) -> tuple[type, int] | None:
    """The device model and pk a persistent id names ("otp_totp.totpdevice/3"), or None if it names none.

    Reads ids as django-otp's Device.from_persistent_id does, legacy full paths included.
    """
    from django_otp.models import Device

    if not persistent_id:
        return None
    try:
        label, pk = persistent_id.rsplit("/", 1)
        if label.count(".") > 1:  # legacy "app.models.Model" ids, as OTPMiddleware normalises them
            parts = label.split(".")
            label = f"{parts[-3]}.{parts[-1]}"
        app_label, model_name = label.split(".")
        model = apps.get_model(app_label, model_name)
        pk = int(pk)
    except (ValueError, LookupError):
        return None
    if not issubclass(model, Device) or model._meta.proxy:
        return None
    return model, pk


@contextmanager
def cargando_usuario(found: tuple[type, int] | None) -> Iterator[None]:
    """Name the session's device while the signed-in user is loaded (see anotar)."""
    token = _dispositivo.set(found)
    try:
        yield
    finally:
        _dispositivo.reset(token)


def anotar(queryset: QuerySet) -> QuerySet:
    """The user queryset, with whether the named device is this user's and confirmed, if one is named."""
    found = _dispositivo.get()
    if found is None:
        return queryset
    model, pk = found
    confirmado = model.objects.filter(pk=pk, user=OuterRef("pk"), confirmed=True)
    return queryset.annotate(**{ANOTACION: Exists(confirmado)})


def dispositivo_diferido(model: type, pk: int, user, db: str | None):
    """The verified device as an instance whose other fields load on first use.

    Nothing on a page reads them (is_verified() only asks whether there is a device); a view that
    does, such as one checking a code, still gets the stored values.
    """
    known = {"id": pk, "user_id": user.pk, "confirmed": True}
    names = [f.attname for f in model._meta.concrete_fields if f.attname in known]
    return model.from_db(db, names, [known[name] for name in names])
