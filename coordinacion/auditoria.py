"""The audit log page for administración: filters, pagination and a CSV export with the same filters."""

import csv
import datetime as dt

import django_filters
from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from coordinacion.audit import log_action
from coordinacion.choices import AccionAuditoria
from coordinacion.models import RegistroAuditoria
from coordinacion.roles import puede_ver_auditoria

POR_PAGINA = 50
APPS_AUDITADAS = ("coordinacion", "juntas", "otp_totp", "otp_static")


def _tipos():
    types = ContentType.objects.filter(app_label__in=APPS_AUDITADAS)
    labels = [(ct.pk, str(ct.model_class()._meta.verbose_name).capitalize()) for ct in types if ct.model_class()]
    return sorted(labels, key=lambda item: item[1])


class AuditoriaFilter(django_filters.FilterSet):
    usuario = django_filters.CharFilter(
        field_name="nombre_usuario", lookup_expr="icontains", label=gettext_lazy("User"), max_length=150
    )
    accion = django_filters.ChoiceFilter(choices=AccionAuditoria.choices, label=gettext_lazy("Action"))
    tipo = django_filters.TypedChoiceFilter(
        field_name="content_type_id", choices=[], coerce=int, label=gettext_lazy("Object type")
    )
    desde = django_filters.DateFilter(
        field_name="creado_en",
        lookup_expr="date__gte",
        label=gettext_lazy("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    hasta = django_filters.DateFilter(
        field_name="creado_en",
        lookup_expr="date__lte",
        label=gettext_lazy("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ip = django_filters.CharFilter(
        field_name="ip",
        lookup_expr="startswith",
        label=gettext_lazy("IP address"),
        max_length=45,
        help_text=gettext_lazy("The whole address or its beginning, e.g. 10.2."),
    )

    class Meta:
        model = RegistroAuditoria
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for the object types, however often the form reads its choices.
        self.filters["tipo"].extra["choices"] = _tipos()


def _filtrado(request) -> AuditoriaFilter:
    if not puede_ver_auditoria(request.user):
        raise PermissionDenied
    return AuditoriaFilter(request.GET or None, queryset=RegistroAuditoria.objects.select_related("content_type"))


@login_required
@require_GET
def auditoria(request):
    filtro = _filtrado(request)
    # Queries: the filter's object types, the count, the page.
    page = Paginator(filtro.qs, POR_PAGINA).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filtro": filtro, "page": page, "query": query.urlencode()}
    return render(request, "coordinacion/auditoria.html", context)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def celda(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


@login_required
@require_GET
def auditoria_csv(request):
    filtro = _filtrado(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="auditoria-{stamp}.csv"'
    response.write("\ufeff")  # so spreadsheets read UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [_("When (UTC)"), _("User"), _("Action"), _("Object type"), _("Object id"), _("Object"), _("Changes"), _("IP")]
    )
    for entry in filtro.qs.iterator(chunk_size=2000):
        writer.writerow(
            celda(value)
            for value in (
                entry.creado_en.astimezone(dt.UTC).isoformat(),
                entry.nombre_usuario,
                entry.get_accion_display(),
                _tipo(entry),
                entry.object_id,
                entry.objeto_visible,
                "; ".join(_cambio(field, values) for field, values in entry.cambios_visibles.items()),
                entry.ip or "",
            )
        )
    # Who took a copy of the log, and with which filters, is itself worth a line in it.
    filtros = request.GET.urlencode()[:500]
    log_action(actor=request.user, accion=AccionAuditoria.EXPORTACION, cambios={"filtros": ["", filtros]})
    return response


def _tipo(entry) -> str:
    model = entry.content_type.model_class() if entry.content_type_id else None
    return str(model._meta.verbose_name) if model else ""


def _cambio(field: str, values) -> str:
    if values is None:
        return field
    old, new = values
    return f"{field}: {old} → {new}"
