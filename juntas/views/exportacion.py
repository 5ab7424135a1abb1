"""Exports of the compromiso list, honouring its filters and the user's visibility."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from coordinacion.choices import Confidencialidad
from juntas.access import puede_ver_compromisos
from juntas.exportacion import cabeceras, csv_lineas, filas, xlsx_bytes
from juntas.filters.compromisos import CompromisoFilter, con_vencido
from juntas.models import Compromiso
from juntas.services.exportacion import registrar_exportacion

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _preparar(request, formato: str):
    """The filtered, visible queryset; an audit entry first when it holds reservada or policial rows."""
    if not puede_ver_compromisos(request.user):
        raise PermissionDenied
    filtro = CompromisoFilter(request.GET, queryset=Compromiso.objects.visibles_para(request.user), request=request)
    queryset = filtro.qs
    no_publica = ~Q(confidencialidad=Confidencialidad.PUBLICA) | ~Q(acuerdo__confidencialidad=Confidencialidad.PUBLICA)
    resumen = queryset.aggregate(filas=Count("id"), confidenciales=Count("id", filter=no_publica))
    if resumen["confidenciales"]:
        # Written (and committed with the request) before a single row leaves the server.
        registrar_exportacion(
            actor=request.user,
            formato=formato,
            filas=resumen["filas"],
            confidenciales=resumen["confidenciales"],
            filtros={key: value[:200] for key, value in request.GET.items() if key in filtro.filters},
        )
    return con_vencido(queryset).order_by("fecha_limite", "id")


def _adjunto(response, formato: str):
    # Confidential content: never kept by a shared cache or the browser's disk cache.
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'attachment; filename="compromisos-{timezone.localdate():%Y%m%d}.{formato}"'
    return response


@login_required
def exportar_csv(request):
    queryset = _preparar(request, "csv")
    lineas = csv_lineas(cabeceras(), filas(queryset))
    return _adjunto(StreamingHttpResponse(lineas, content_type="text/csv; charset=utf-8"), "csv")


@login_required
def exportar_xlsx(request):
    queryset = _preparar(request, "xlsx")
    contenido = xlsx_bytes(cabeceras(), filas(queryset), _("Commitments"))
    return _adjunto(HttpResponse(contenido, content_type=XLSX_TYPE), "xlsx")
