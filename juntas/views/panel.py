"""The delegados' dashboard: where the board's compromisos stand, as charts and as tables.

Every figure comes from Compromiso.objects.visibles_para(user), so an item the user may not see is
never counted. One grouped query per figure: the page runs the same queries whatever the data size.
"""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from juntas.access import puede_ver_panel
from juntas.filters.compromisos import PanelFilter, vencido_q
from juntas.models import Compromiso, EstadoCompromiso

MESES = 12
VENCIDOS_MOSTRADOS = 20


@login_required
def panel(request):
    if not puede_ver_panel(request.user):
        raise PermissionDenied
    filtro = PanelFilter(request.GET, queryset=Compromiso.objects.visibles_para(request.user))
    compromisos = filtro.qs
    hoy = timezone.localdate()

    resumen = compromisos.aggregate(total=Count("id"), vencidos=Count("id", filter=vencido_q()))
    graficos = {
        "estado": _serie(_("Commitments by status"), _por_estado(compromisos)),
        "organismo": _serie(
            _("Commitments by responsible body"),
            _agrupar(compromisos, "organismo__nombre", _("No body")),
        ),
        "distrito": _serie(
            _("Commitments by district"),
            _agrupar(compromisos, "acuerdo__distritos__nombre", _("No district")),
        ),
        "materia": _serie(
            _("Commitments by topic"),
            _agrupar(compromisos, "acuerdo__materias__nombre", _("No topic")),
        ),
        "cerrados": _serie(_("Commitments closed per month"), _cerrados_por_mes(compromisos, hoy)),
    }
    vencidos = list(
        compromisos.filter(vencido_q())
        .select_related("acuerdo", "organismo")
        .order_by("fecha_limite", "id")[:VENCIDOS_MOSTRADOS]
    )
    return render(
        request,
        "juntas/panel.html",
        {
            "filtro": filtro,
            "resumen": resumen,
            "graficos": graficos,
            "datos": _datos_graficos(graficos),
            "vencidos": vencidos,
            "vencidos_mostrados": VENCIDOS_MOSTRADOS,
            "hoy": hoy,
        },
    )


def _serie(titulo: str, filas: list[tuple[str, int]]) -> dict:
    return {"titulo": titulo, "filas": filas}


def _datos_graficos(graficos: dict) -> dict:
    """What panel.js draws, as JSON: the same figures the tables show."""
    return {
        clave: {
            "titulo": serie["titulo"],
            "labels": [label for label, _n in serie["filas"]],
            "valores": [n for _label, n in serie["filas"]],
        }
        for clave, serie in graficos.items()
    }


def _por_estado(compromisos) -> list[tuple[str, int]]:
    totales = dict(compromisos.order_by().values_list("estado").annotate(total=Count("id")))
    return [(str(label), totales.get(value, 0)) for value, label in EstadoCompromiso.choices]


def _agrupar(compromisos, campo: str, sin_valor: str) -> list[tuple[str, int]]:
    # An acuerdo may have several districts or topics: its compromisos count once under each of them.
    filas = compromisos.order_by().values_list(campo).annotate(total=Count("id", distinct=True))
    return sorted(((nombre or sin_valor, total) for nombre, total in filas), key=lambda fila: (-fila[1], fila[0]))


def _cerrados_por_mes(compromisos, hoy: dt.date) -> list[tuple[str, int]]:
    meses = [_mes_anterior(hoy.replace(day=1), n) for n in range(MESES - 1, -1, -1)]
    desde = timezone.make_aware(dt.datetime.combine(meses[0], dt.time.min))
    filas = (
        compromisos.filter(cerrado_en__gte=desde)
        .order_by()
        .annotate(mes=TruncMonth("cerrado_en"))
        .values_list("mes")
        .annotate(total=Count("id"))
    )
    totales = {}
    for mes, total in filas:
        mes = timezone.localtime(mes) if timezone.is_aware(mes) else mes
        totales[(mes.year, mes.month)] = totales.get((mes.year, mes.month), 0) + total
    return [(formats.date_format(mes, "YEAR_MONTH_FORMAT"), totales.get((mes.year, mes.month), 0)) for mes in meses]


def _mes_anterior(primero: dt.date, n: int) -> dt.date:
    """The first day of the month n months before `primero` (itself a first day)."""
    indice = primero.year * 12 + primero.month - 1 - n
    return dt.date(indice // 12, indice % 12 + 1, 1)
