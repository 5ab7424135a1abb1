"""The delegados' dashboard: where the board's compromisos stand, as charts and as tables.

Every figure comes from Compromiso.objects.visibles_para(user), so an item the user may not see is
never counted. Each figure is a count over the whole visible set (~80,000 compromisos for a delegado
at scale), so they all come from one query (_cifras) and are cached until the next write
(juntas/recuentos.py). The page runs the same queries whatever the data size.
The overdue list is read live: it is small and shows the compromisos themselves.
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
from juntas.recuentos import en_cache

MESES = 12
VENCIDOS_MOSTRADOS = 20
ORGANISMO, DISTRITO, MATERIA = 0, 1, 2  # the groupings of _cifras()


@login_required
def panel(request):
    if not puede_ver_panel(request.user):
        raise PermissionDenied
    filtro = PanelFilter(request.GET, queryset=Compromiso.objects.visibles_para(request.user))
    compromisos = filtro.qs
    hoy = timezone.localdate()

    cifras = en_cache("panel", request.user, sorted(request.GET.lists()), lambda: _cifras(compromisos, hoy))
    resumen = {"total": cifras["total"], "vencidos": cifras["vencidos"]}
    graficos = {
        "estado": _serie(_("Commitments by status"), cifras["por_estado"]),
        "organismo": _serie(_("Commitments by responsible body"), cifras["por_organismo"]),
        "distrito": _serie(_("Commitments by district"), cifras["por_distrito"]),
        "materia": _serie(_("Commitments by topic"), cifras["por_materia"]),
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
    """Every figure of the page but the overdue list, in one query: three groupings in a UNION ALL.

    By body, with the total, overdue, by-status and closed-per-month counts of each body (summed
    here: every compromiso has one body, so the sums are exact); by district; by topic. An acuerdo
    may have several districts or topics: its compromisos count once under each of them. A plain
    count does that: the through tables hold each (acuerdo, topic or district) pair once, so a
    compromiso meets each name once. (COUNT DISTINCT sorted ~80,000 rows at scale for nothing.)
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
    # The district and topic groupings fill the body-only columns with zeros (a UNION's rows match).
    ceros = {clave: Value(0, output_field=IntegerField()) for clave in cuentas if clave != "total"}

    def agrupar(grupo: int, campo: str, agregados: dict):
        return (
            compromisos.order_by()
            .annotate(grupo=Value(grupo, output_field=IntegerField()))
            .values_list("grupo", campo)
            .annotate(**agregados)
        )

    por_organismo = agrupar(ORGANISMO, "organismo__nombre", cuentas)
    por_distrito = agrupar(DISTRITO, "acuerdo__distritos__nombre", {"total": Count("id")} | ceros)
    por_materia = agrupar(MATERIA, "acuerdo__materias__nombre", {"total": Count("id")} | ceros)
    filas = [
        dict(zip(["grupo", "nombre", *cuentas], fila, strict=True))
        for fila in por_organismo.union(por_distrito, por_materia, all=True)
    ]
    organismos = [fila for fila in filas if fila["grupo"] == ORGANISMO]
    suma = {clave: sum(fila[clave] for fila in organismos) for clave in cuentas}

    def serie(grupo: int, sin_valor: str) -> list[tuple[str, int]]:
        return sorted(
            ((fila["nombre"] or sin_valor, fila["total"]) for fila in filas if fila["grupo"] == grupo),
            key=lambda par: (-par[1], par[0]),
        )

    return {
        "total": suma["total"],
        "vencidos": suma["vencidos"],
        "por_estado": [(str(label), suma[f"estado_{i}"]) for i, (_value, label) in enumerate(estados)],
        "por_organismo": serie(ORGANISMO, _("No body")),
        "por_distrito": serie(DISTRITO, _("No district")),
        "por_materia": serie(MATERIA, _("No topic")),
        "cerrados_por_mes": [
            (formats.date_format(mes, "YEAR_MONTH_FORMAT"), suma[f"mes_{i}"]) for i, mes in enumerate(meses)
        ],
    }


def _mes_anterior(primero: dt.date, n: int) -> dt.date:
    """The first day of the month n months before `primero` (itself a first day)."""
    indice = primero.year * 12 + primero.month - 1 - n
    return dt.date(indice // 12, indice % 12 + 1, 1)
