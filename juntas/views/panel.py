"""The delegados' dashboard: where the board's compromisos stand, as charts and as tables.

Every figure comes from Compromiso.objects.visibles_para(user), so an item the user may not see is
never counted. The totals, the count by status and the closures per month are conditional counts of
one query; the breakdowns by body, district and topic are one grouped query each: the page runs the
same queries whatever the data size.
"""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
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

    cifras = _cifras(compromisos, hoy)
    resumen = {"total": cifras["total"], "vencidos": cifras["vencidos"]}
    graficos = {
        "estado": _serie(_("Commitments by status"), cifras["por_estado"]),
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
        "cerrados": _serie(_("Commitments closed per month"), cifras["cerrados_por_mes"]),
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


def _cifras(compromisos, hoy: dt.date) -> dict:
    """Total, overdue, count by status and closures in each of the last MESES months, in one query."""
    meses = [_mes_anterior(hoy.replace(day=1), n) for n in range(MESES - 1, -1, -1)]
    # Local midnight of each month's first day, and of the month after the last, bound the months.
    limites = [timezone.make_aware(dt.datetime.combine(mes, dt.time.min)) for mes in meses]
    limites.append(timezone.make_aware(dt.datetime.combine(_mes_anterior(meses[-1], -1), dt.time.min)))
    estados = EstadoCompromiso.choices
    cuentas = {"total": Count("id"), "vencidos": Count("id", filter=vencido_q())}
    cuentas |= {f"estado_{i}": Count("id", filter=Q(estado=value)) for i, (value, _label) in enumerate(estados)}
    cuentas |= {
        f"mes_{i}": Count("id", filter=Q(cerrado_en__gte=limites[i], cerrado_en__lt=limites[i + 1]))
        for i in range(len(meses))
    }
    fila = compromisos.order_by().aggregate(**cuentas)
    return {
        "total": fila["total"],
        "vencidos": fila["vencidos"],
        "por_estado": [(str(label), fila[f"estado_{i}"]) for i, (_value, label) in enumerate(estados)],
        "cerrados_por_mes": [
            (formats.date_format(mes, "YEAR_MONTH_FORMAT"), fila[f"mes_{i}"]) for i, mes in enumerate(meses)
        ],
    }


def _agrupar(compromisos, campo: str, sin_valor: str) -> list[tuple[str, int]]:
    # An acuerdo may have several districts or topics: its compromisos count once under each of them.
    # A plain count does that: the through tables hold each (acuerdo, topic or district) pair once, so
    # a compromiso meets each name once. (COUNT DISTINCT sorted ~80,000 rows at scale for nothing.)
    filas = compromisos.order_by().values_list(campo).annotate(total=Count("id"))
    return sorted(((nombre or sin_valor, total) for nombre, total in filas), key=lambda fila: (-fila[1], fila[0]))


def _mes_anterior(primero: dt.date, n: int) -> dt.date:
    """The first day of the month n months before `primero` (itself a first day)."""
    indice = primero.year * 12 + primero.month - 1 - n
    return dt.date(indice // 12, indice % 12 + 1, 1)
