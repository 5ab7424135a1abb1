"""Helpers that let a view work out, once per page, what its template would otherwise compute per row.

Long pages (an acta with dozens of acuerdos, a timeline of hundreds of entries) spend most of their time
in template tags run in loops: {% url %} resolving the same route again, get_FOO_display translating the
same label again. These give the same strings at a fraction of the cost.
"""

import datetime as dt
from collections.abc import Callable

from django.db.models import Model
from django.urls import reverse
from django.utils import dateformat, formats, timezone
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


def formato_fecha(nombre: str) -> Callable[[dt.date], str]:
    """A date or aware datetime formatted as {{ valor|date:nombre }} gives it, with the format read once.

    The `date` filter looks up the localized format and splits it with a regular expression on every
    call; a timeline formats hundreds of values with the same format. This splits it once and then calls
    the same DateFormat methods for each value, so the text is the filter's.
    """
    formato = str(formats.get_format(nombre))
    piezas = []  # (is a format character, text)
    for posicion, pieza in enumerate(dateformat.re_formatchars.split(formato)):
        if posicion % 2:
            piezas.append((True, pieza))
        elif pieza:
            piezas.append((False, dateformat.re_escaped.sub(r"\1", pieza)))
    con_hora = any(codigo and hasattr(dateformat.TimeFormat, texto) for codigo, texto in piezas)

    def formatear(valor: dt.date) -> str:
        if isinstance(valor, dt.datetime):
            valor = timezone.localtime(valor)  # as the template does with an aware datetime
        elif con_hora:
            return dateformat.format(valor, formato)  # a date with time codes: Django's own error
        df = dateformat.DateFormat(valor)
        return "".join(str(getattr(df, texto)()) if codigo else texto for codigo, texto in piezas)

    return formatear
