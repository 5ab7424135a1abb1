"""Filters of the acuerdo list. Pass `request` so the compromiso-based filters only see visible compromisos."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordinacion.models import Distrito, Materia, Organismo
from juntas.filters.opciones import OpcionesEnUnaConsulta, OpcionFilter
from juntas.models import Acuerdo, Compromiso, EstadoAcuerdo, Junta


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class AcuerdoFilter(OpcionesEnUnaConsulta, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Text"), method="filter_q", max_length=200)
    estado = django_filters.ChoiceFilter(label=_("Status"), choices=EstadoAcuerdo.choices, empty_label=_("Any"))
    junta = OpcionFilter(label=_("Board"), queryset=Junta.objects.order_by("nombre"), empty_label=_("Any"))
    anio = YearFilter(label=_("Year"), min_value=1900, max_value=2999)
    materia = OpcionFilter(
        label=_("Topic"), field_name="materias", queryset=Materia.objects.order_by("nombre"), empty_label=_("Any")
    )
    distrito = OpcionFilter(
        label=_("District"), field_name="distritos", queryset=Distrito.objects.order_by("codigo"), empty_label=_("Any")
    )
    organismo = OpcionFilter(
        label=_("Responsible body"),
        queryset=Organismo.objects.order_by("nombre"),
        method="filter_organismo",
        empty_label=_("Any"),
    )
    vencido = django_filters.BooleanFilter(
        label=_("Overdue"),
        method="filter_vencido",
        widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))]),
    )

    class Meta:
        model = Acuerdo
        fields = ["q", "estado", "junta", "anio", "materia", "distrito", "organismo", "vencido"]

    def _compromisos(self):
        user = getattr(self.request, "user", None)
        return Compromiso.objects.visibles_para(user).filter(acuerdo=OuterRef("pk"))

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(titulo__icontains=value) | Q(texto__icontains=value))

    def filter_organismo(self, queryset, name, value):
        return queryset.filter(Exists(self._compromisos().filter(organismo=value)))

    def filter_vencido(self, queryset, name, value):
        vencidos = Exists(self._compromisos().abiertos().filter(fecha_limite__lt=timezone.localdate()))
        return queryset.filter(vencidos if value else ~vencidos)
