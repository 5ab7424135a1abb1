"""Reads about a reunión that several views and services share (no writes here)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Func, IntegerField, OuterRef, Subquery
from django.utils import timezone

from juntas.models import Asistencia, Compromiso, Convocado, MiembroJunta, Reunion, TipoReunion
from juntas.models.agregados import ParesJSON
from juntas.presentacion import etiquetas
from juntas.quorum import Miembro, Quorum, calcular_quorum


def con_miembros(reuniones):
    """Each reunión with its Junta's active members as [persona_id, cargo] pairs, for quorum_reunion()."""
    miembros = (
        MiembroJunta.objects.activos()
        .filter(junta=OuterRef("junta_id"))
        .order_by()
        .values("junta")
        .annotate(pares=ParesJSON("persona_id", "cargo"))
        .values("pares")
    )
    return reuniones.annotate(pares_miembros=Subquery(miembros))


def quorum_reunion(reunion: Reunion, convocados: list[Convocado] | None = None) -> Quorum:
    """The live quorum: the Junta's active members, present when their convocado row says asiste.

    Pass the reunión's convocados when already loaded, and read the reunión through con_miembros();
    otherwise each is one more query.
    """
    if convocados is None:
        convocados = list(reunion.convocados.only("persona_id", "asistencia"))
    presentes = {c.persona_id for c in convocados if c.persona_id and c.asistencia == Asistencia.ASISTE}
    if hasattr(reunion, "pares_miembros"):
        miembros = reunion.pares_miembros or []
    else:
        miembros = MiembroJunta.objects.activos().filter(junta_id=reunion.junta_id).values_list("persona_id", "cargo")
    return calcular_quorum(
        miembros=[Miembro(persona_id=pid, cargo=cargo, asiste=pid in presentes) for pid, cargo in miembros],
        pct_primera=reunion.junta.quorum_primera_pct,
        pct_segunda=reunion.junta.quorum_segunda_pct,
    )


def preaviso_requerido(reunion: Reunion) -> dt.timedelta | None:
    """The notice the Junta's rules require for this kind of meeting (None: no rule)."""
    if reunion.tipo == TipoReunion.ORDINARIA:
        return dt.timedelta(days=reunion.junta.preaviso_ordinaria_dias)
    if reunion.tipo == TipoReunion.EXTRAORDINARIA:
        return dt.timedelta(hours=reunion.junta.preaviso_extraordinaria_horas)
    return None


def preaviso_insuficiente(reunion: Reunion, ahora: dt.datetime | None = None) -> bool:
    requerido = preaviso_requerido(reunion)
    ahora = ahora or timezone.now()
    return requerido is not None and reunion.inicio - ahora < requerido


def compromisos_arrastrados(user, reunion: Reunion):
    """Compromisos still open from earlier sessions of the same Junta, as the user may see them."""
    return (
        Compromiso.objects.visibles_para(user)
        .abiertos()
        .filter(acuerdo__junta_id=reunion.junta_id, acuerdo__reunion__inicio__lt=reunion.inicio)
        .select_related("acuerdo", "organismo")
        .order_by("fecha_limite", "id")
    )


# How many carried-over compromisos a reunión's pages list; the compromiso list shows them all.
ARRASTRADOS_MOSTRADOS = 25


@dataclass
class Arrastrados:
    """The most urgent carried-over compromisos and how many there are in all."""

    filas: list[Compromiso]
    total: int

    def __bool__(self) -> bool:
        return self.total > 0

    def __iter__(self):
        return iter(self.filas)

    @property
    def hay_mas(self) -> bool:
        return self.total > len(self.filas)


def arrastrados_mas_urgentes(user, reunion: Reunion) -> Arrastrados:
    """The first ARRASTRADOS_MOSTRADOS of compromisos_arrastrados() by due date, with the full count, in one query.

    A Junta with years of history carries thousands of open compromisos: the page shows the most
    urgent and links to the compromiso list (filter `seguimiento`) for the rest. The count is a scalar
    subquery, not a window over the rows: a window makes PostgreSQL join every row before the LIMIT,
    while the LIMIT alone stops after the first few rows in due-date order.
    """
    arrastrados = compromisos_arrastrados(user, reunion)
    # COUNT as a plain function, not an aggregate, so the subquery gets no GROUP BY: one row, one number.
    conteo = arrastrados.order_by().values(n=Func(F("pk"), function="COUNT", output_field=IntegerField()))
    filas = list(arrastrados.annotate(total_arrastrados=Subquery(conteo))[:ARRASTRADOS_MOSTRADOS])
    estado = etiquetas(Compromiso, "estado")  # translated once for the rows, not once per row
    for fila in filas:
        fila.estado_texto = estado(fila.estado)
    # No rows means no compromisos at all.
    return Arrastrados(filas=filas, total=filas[0].total_arrastrados if filas else 0)


def reuniones_derivadas(user, acuerdo):
    """Follow-up meetings that emanate from an acuerdo, as the user may see them.

    For templates/juntas/reuniones/_derivadas.html: pass the result as `reuniones`.
    """
    return Reunion.objects.visibles_para(user).filter(acuerdo_origen=acuerdo).select_related("junta").order_by("inicio")
