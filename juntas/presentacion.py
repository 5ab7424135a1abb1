"""Helpers that let a view work out, once per page, what its template would otherwise compute per row.

Long pages (an acta with dozens of acuerdos, a timeline of hundreds of entries) spend most of their time
in template tags run in loops: {% url %} resolving the same route again, get_FOO_display translating the
same label again. These give the same strings at a fraction of the cost.
"""

from collections.abc import Callable

from django.db.models import Model
from django.urls import reverse
from django.utils.encoding import force_str

# Stand-ins for primary keys when a route is reversed once: 18 digits, as coordinacion.converters allows,
# and unlike any other part of an address.
_MARCAS = [str(10**17 + i) for i in range(1, 4)]


def ruta(nombre: str, argumentos: int = 1) -> Callable[..., str]:
    """The address of route `nombre` as a function of its `argumentos` primary keys.

    Reverses the route once; each call then fills in the keys, the same as {% url nombre pk %} with
    integer keys (which need no quoting).
    """
    patron = reverse(nombre, args=_MARCAS[:argumentos]).replace("{", "{{").replace("}", "}}")
    for posicion, marca in enumerate(_MARCAS[:argumentos]):
        patron = patron.replace(marca, f"{{{posicion}}}")
    return patron.format


def etiquetas(modelo: type[Model], campo: str) -> Callable[[object], str]:
    """The display label of a choices field's value, as obj.get_<campo>_display() gives it, translated
    once per page into the active language rather than once per row."""
    traducidas = {
        valor: force_str(etiqueta, strings_only=True) for valor, etiqueta in modelo._meta.get_field(campo).flatchoices
    }
    return lambda valor: traducidas.get(valor, valor)
