"""Counts over a user's whole visible set, cached until the next write to what they count.

The dashboard and the delegado's home count every compromiso the user may see (~80,000 at scale):
no index makes that cheap, and the figures change only when someone writes. So they are cached
under the data version (juntas/models/version.py), which database triggers raise in the writing
transaction. Each request reads the version (one indexed row): a write committed anywhere, by any
process, changes the key, so a stale figure is never served; a process that has not seen the new
version computes and caches the figures again. The key also holds who asks (visibility), the
language (labels), the day (overdue, months) and what was asked (filters).
"""

import hashlib

from django.core.cache import cache
from django.utils import timezone, translation

from coordinacion.roles import rol
from juntas.models import VersionDatos

DURACION = 60 * 60  # seconds; only to free memory, correctness comes from the version


def version_datos() -> int | None:
    """The current data version; None when its row is missing (a flushed test database)."""
    return VersionDatos.objects.filter(pk=1).values_list("numero", flat=True).first()


def en_cache(nombre: str, user, peticion: str, calcular):
    """calcular(), cached for this user, data version, language, day and request (`peticion`)."""
    version = version_datos()
    if version is None:
        return calcular()
    partes = [nombre, version, user.pk, rol(user), user.persona_id, translation.get_language(), timezone.localdate()]
    clave = "recuentos:" + hashlib.sha256(repr([*partes, peticion]).encode()).hexdigest()
    valor = cache.get(clave)
    if valor is None:
        valor = calcular()
        cache.set(clave, valor, DURACION)
    return valor
