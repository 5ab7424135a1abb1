"""The reference selects of a filter form (board, topic, district, body) read with one query.

A ModelChoiceField asks the database once to list its options and once more to check the chosen
one; a list page with four of them paid eight queries at worst. An OpcionFilter's field instead
takes its options from a loader shared by the whole form, which reads every select's options with
one UNION query, the first time any of them is needed, and checks the chosen values against them.

The options are light instances holding pk and nombre only: the models these selects offer show
their nombre (their __str__), and filtering needs only the pk.
"""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import F, Value, Window
from django.db.models.functions import RowNumber
from django_filters.fields import ModelChoiceField, ModelChoiceIterator


class _Iterador(ModelChoiceIterator):
    def __iter__(self):
        if self.field.opciones is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.opciones.de(self.field):
            yield self.choice(obj)

    def __len__(self):
        if self.field.opciones is None:
            return super().__len__()
        return len(self.field.opciones.de(self.field)) + (self.field.empty_label is not None)


class OpcionField(ModelChoiceField):
    """A ModelChoiceField that lists and checks its options from a shared loader, when it has one."""

    iterator = _Iterador
    opciones = None  # an OpcionesCompartidas, set by OpcionesEnUnaConsulta

    def to_python(self, value):
        if self.opciones is None:
            return super().to_python(value)
        if value in self.empty_values:
            return None
        for obj in self.opciones.de(self):
            if str(obj.pk) == str(value):
                return obj
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})


class OpcionFilter(django_filters.ModelChoiceFilter):
    field_class = OpcionField


def _orden(queryset) -> list:
    query = queryset.query
    campos = query.order_by or (queryset.model._meta.ordering if query.default_ordering else []) or ["pk"]
    return [(F(c[1:]).desc() if c.startswith("-") else F(c).asc()) if isinstance(c, str) else c for c in campos]


class OpcionesCompartidas:
    """The options of several OpcionFields, read together on first use."""

    def __init__(self, fields: list[OpcionField]):
        self.fields = fields
        self._leidas: dict[int, list] | None = None

    def de(self, field: OpcionField) -> list:
        if self._leidas is None:
            self._leidas = self._leer()
        return self._leidas[id(field)]

    def _leer(self) -> dict[int, list]:
        partes = [
            field.queryset.order_by()
            .annotate(_select=Value(i), _posicion=Window(RowNumber(), order_by=_orden(field.queryset)))
            .values_list("_select", "_posicion", "pk", "nombre")
            for i, field in enumerate(self.fields)
        ]
        filas = partes[0].union(*partes[1:], all=True) if len(partes) > 1 else partes[0]
        leidas = {id(field): [] for field in self.fields}
        for select, _posicion, pk, nombre in sorted(filas, key=lambda fila: (fila[0], fila[1])):
            field = self.fields[select]
            leidas[id(field)].append(field.queryset.model(pk=pk, nombre=nombre))
        return leidas


class OpcionesEnUnaConsulta:
    """FilterSet mixin: its OpcionFilters share one loader, so their options cost one query in all."""

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            fields = [field for field in form.fields.values() if isinstance(field, OpcionField)]
            if fields:
                compartidas = OpcionesCompartidas(fields)
                for field in fields:
                    field.opciones = compartidas
        return self._form
