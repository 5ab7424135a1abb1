"""django-filter sets for the list pages. Bad values become field errors and are ignored."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntas.filters.opciones import OpcionesEnUnaConsulta, OpcionFilter
from juntas.models import Junta, Reunion, TipoReunion

PROXIMAS, PASADAS = "proximas", "pasadas"


class ReunionFilter(OpcionesEnUnaConsulta, django_filters.FilterSet):
    periodo = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[(PROXIMAS, _("Upcoming")), (PASADAS, _("Past"))],
        empty_label=_("All"),
        method="filtrar_periodo",
    )
    tipo = django_filters.ChoiceFilter(label=_("Type"), choices=TipoReunion.choices, empty_label=_("All"))
    junta = OpcionFilter(label=_("Board"), queryset=Junta.objects.all(), empty_label=_("All"))
    anio = django_filters.NumberFilter(
        label=_("Year"),
        method="filtrar_anio",
        min_value=1990,
        max_value=2100,
        decimal_places=0,
        widget=forms.NumberInput(attrs={"min": 1990, "max": 2100, "step": 1}),
    )

    class Meta:
        model = Reunion
        fields = ["periodo", "tipo", "junta", "anio"]

    def filtrar_periodo(self, queryset, name, value):
        ahora = timezone.now()
        if value == PROXIMAS:
            return queryset.filter(inicio__gte=ahora).order_by("inicio")
        if value == PASADAS:
            return queryset.filter(inicio__lt=ahora).order_by("-inicio")
        return queryset

    def filtrar_anio(self, queryset, name, value):
        return queryset.filter(inicio__year=int(value))
