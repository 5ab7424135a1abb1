"""A JSON aggregate that PostgreSQL and SQLite both run, for small lists read along with their parent."""

from django.db.models import Aggregate, JSONField, OuterRef, Subquery
from django.db.models.functions import JSONArray


class ParesJSON(Aggregate):
    """The grouped rows' [key, label] pairs as one JSON array, in no particular order."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def __init__(self, clave, etiqueta, **extra):
        super().__init__(JSONArray(clave, etiqueta), **extra)

    def as_postgresql(self, compiler, connection, **extra):
        # jsonb, which Django's PostgreSQL backend hands over as text for JSONField to decode.
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra)


class FilasJSON(ParesJSON):
    """The grouped rows as one JSON array of [field, field, ...] arrays, in no particular order."""

    def __init__(self, *campos, **extra):
        Aggregate.__init__(self, JSONArray(*campos), **extra)


def pares_relacionados(model, relacion: str, clave: str, etiqueta: str = "nombre") -> Subquery:
    """A subquery of the (clave, etiqueta) pairs of the `model` rows related to the outer row by `relacion`."""
    filas = model.objects.filter(**{relacion: OuterRef("pk")}).order_by().values(relacion)
    return Subquery(filas.annotate(pares=ParesJSON(clave, etiqueta)).values("pares"))


def etiquetas(pares) -> list[str]:
    """The labels of ParesJSON pairs, sorted by key (None, for no related rows, is an empty list).

    Python sorts by code point, as SQLite and a C-collated PostgreSQL do; a language collation might
    place an accented initial elsewhere, which for a list of tags does not matter.
    """
    return [etiqueta for _clave, etiqueta in sorted(pares or [], key=lambda par: par[0])]
