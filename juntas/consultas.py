"""Reads about a reunión that several views and services share (no writes here)."""

import datetime as dt

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from juntas.models import Asistencia, Compromiso, Convocado, MiembroJunta, Reunion, TipoReunion
from juntas.models.agregados import ParesJSON
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


def reuniones_derivadas(user, acuerdo):
    """Follow-up meetings that emanate from an acuerdo, as the user may see them.

    For templates/juntas/reuniones/_derivadas.html: pass the result as `reuniones`.
    """
    return Reunion.objects.visibles_para(user).filter(acuerdo_origen=acuerdo).select_related("junta").order_by("inicio")
