"""Filters of the compromiso list, its exports and the dashboard (one definition, so they agree)."""

import django_filters
from django import forms
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordinacion.models import Distrito, Materia, Organismo
from juntas.filters.opciones import OpcionesEnUnaConsulta, OpcionFilter
from juntas.models import Compromiso, EstadoCompromiso, Junta, Reunion
from juntas.models.choices import ESTADOS_ABIERTOS

# Bounds that keep a mistyped year from reaching the database as a huge integer.
ANIO_MINIMO = 1990
ANIO_MAXIMO = 2100
TEXTO_MAXIMO = 200


class AnioFilter(django_filters.NumberFilter):
    # NumberFilter uses a DecimalField; a year is a whole number.
    field_class = forms.IntegerField


class CompromisoFilter(OpcionesEnUnaConsulta, django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="descripcion",
        lookup_expr="icontains",
        label=_("Text"),
        max_length=TEXTO_MAXIMO,
        help_text=_("Words in the description of the commitment."),
    )
    estado = django_filters.ChoiceFilter(choices=EstadoCompromiso.choices, label=_("Status"), empty_label=_("Any"))
    junta = OpcionFilter(
        field_name="acuerdo__junta", queryset=Junta.objects.all(), label=_("Board"), empty_label=_("Any")
    )
    anio = AnioFilter(
        field_name="acuerdo__anio",
        label=_("Year of the agreement"),
        min_value=ANIO_MINIMO,
        max_value=ANIO_MAXIMO,
        # A text input keeps what was typed when it is not a number (a number input would blank it).
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    materia = OpcionFilter(
        field_name="acuerdo__materias", queryset=Materia.objects.all(), label=_("Topic"), empty_label=_("Any")
    )
    distrito = OpcionFilter(
        field_name="acuerdo__distritos", queryset=Distrito.objects.all(), label=_("District"), empty_label=_("Any")
    )
    organismo = OpcionFilter(queryset=Organismo.objects.all(), label=_("Responsible body"), empty_label=_("Any"))
    vencido = django_filters.BooleanFilter(
        method="filtrar_vencidos", label=_("Overdue only"), widget=forms.CheckboxInput
    )
    # Linked from a reunión's follow-up punto, which lists only the most urgent: every compromiso still
    # open from earlier sessions of that reunión's Junta. Hidden: it is reached by the link, and kept
    # while other filters change.
    seguimiento = django_filters.NumberFilter(
        method="filtrar_seguimiento", label=_("Follow-up of meeting"), widget=forms.HiddenInput
    )

    class Meta:
        model = Compromiso
        fields = []  # every filter is declared above

    def filtrar_vencidos(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(vencido_q())

    def filtrar_seguimiento(self, queryset, name, value):
        if value is None:
            return queryset
        # Only a reunión the user may see: its date and Junta must not be probed through this list.
        reuniones = Reunion.objects.visibles_para(self.request.user) if self.request else Reunion.objects.none()
        reunion = reuniones.filter(pk=value)
        return queryset.filter(estado__in=ESTADOS_ABIERTOS).filter(
            Exists(
                reunion.filter(junta_id=OuterRef("acuerdo__junta_id"), inicio__gt=OuterRef("acuerdo__reunion__inicio"))
            )
        )


class PanelFilter(CompromisoFilter):
    """The dashboard slices by where and what; status and overdue are what it shows, not how it filters."""

    q = None
    estado = None
    vencido = None
    seguimiento = None


def vencido_q() -> Q:
    """Open and past its due date."""
    return Q(estado__in=ESTADOS_ABIERTOS, fecha_limite__lt=timezone.localdate())


def con_vencido(queryset):
    """Annotate esta_vencido, so templates and exports flag overdue rows without recomputing the rule."""
    return queryset.annotate(esta_vencido=ExpressionWrapper(vencido_q(), output_field=BooleanField()))
