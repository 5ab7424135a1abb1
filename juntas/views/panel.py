"""The delegados' dashboard: where the board's compromisos stand, as charts and as tables.

Every figure comes from Compromiso.objects.visibles_para(user), so an item the user may not see is
never counted. Each figure is a count over the whole visible set (~80,000 compromisos for a delegado
at scale), so the page reads that set as few times as it can: once grouped by body, with the totals,
the count by status and the closures per month as conditional counts (summed here), and once for the
districts and topics together (UNION ALL). The page runs the same queries whatever the data size.
"""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, Q, Value
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
    por_distrito, por_materia = _distritos_y_materias(compromisos)
    resumen = {"total": cifras["total"], "vencidos": cifras["vencidos"]}
    graficos = {
        "estado": _serie(_("Commitments by status"), cifras["por_estado"]),
        "organismo": _serie(_("Commitments by responsible body"), cifras["por_organismo"]),
        "distrito": _serie(_("Commitments by district"), por_distrito),
        "materia": _serie(_("Commitments by topic"), por_materia),
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
    """Count by body, total, overdue, count by status and closures in each of the last MESES months.

    One query grouped by body, each other figure a conditional count per body summed here: every
    compromiso has one body, so the sums are exact.
    """
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
    filas = list(compromisos.order_by().values("organismo__nombre").annotate(**cuentas))
    suma = {clave: sum(fila[clave] for fila in filas) for clave in cuentas}
    return {
        "total": suma["total"],
        "vencidos": suma["vencidos"],
        "por_estado": [(str(label), suma[f"estado_{i}"]) for i, (_value, label) in enumerate(estados)],
        "por_organismo": _ordenar((fila["organismo__nombre"] or _("No body"), fila["total"]) for fila in filas),
        "cerrados_por_mes": [
            (formats.date_format(mes, "YEAR_MONTH_FORMAT"), suma[f"mes_{i}"]) for i, mes in enumerate(meses)
        ],
    }


def _distritos_y_materias(compromisos) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Counts by district and by topic, in one query (UNION ALL of the two groupings)."""

    # An acuerdo may have several districts or topics: its compromisos count once under each of them.
    # A plain count does that: the through tables hold each (acuerdo, topic or district) pair once, so
    # a compromiso meets each name once. (COUNT DISTINCT sorted ~80,000 rows at scale for nothing.)
    def agrupar(clave: int, campo: str):
        return (
            compromisos.order_by()
            .annotate(clave=Value(clave, output_field=IntegerField()))
            .values_list("clave", campo)
            .annotate(total=Count("id"))
        )

    filas = list(agrupar(0, "acuerdo__distritos__nombre").union(agrupar(1, "acuerdo__materias__nombre"), all=True))
    distritos = _ordenar((nombre or _("No district"), total) for clave, nombre, total in filas if clave == 0)
    materias = _ordenar((nombre or _("No topic"), total) for clave, nombre, total in filas if clave == 1)
    return distritos, materias


def _ordenar(filas) -> list[tuple[str, int]]:
    return sorted(filas, key=lambda fila: (-fila[1], fila[0]))


def _mes_anterior(primero: dt.date, n: int) -> dt.date:
    """The first day of the month n months before `primero` (itself a first day)."""
    indice = primero.year * 12 + primero.month - 1 - n
    return dt.date(indice // 12, indice % 12 + 1, 1)
