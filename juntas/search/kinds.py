"""What each kind of result searches, who may see it, and how it is filtered by year and Junta."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from juntas.models import Acta, Acuerdo, Compromiso, NotaActuacion, PuntoOrden, Reunion


@dataclass(frozen=True)
class Related:
    """Rows of another table that belong to a result and are searched with it (an acta's puntos)."""

    model: type[Model]
    fk: str
    fields: tuple[str, ...]
    order: tuple[str, ...] = ("pk",)


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    model: type[Model]
    visible: Callable[[object], QuerySet]
    title: str | None  # the field shown as the result's title, highlighted whole
    body: tuple[str, ...]  # fields the snippet is cut from
    year: str  # lookup path of the year filter
    junta: str  # lookup path of the Junta filter
    order: tuple[str, ...]  # tie-break after the rank: most recent first
    related: tuple[Related, ...] = field(default=())


KINDS = {
    kind.key: kind
    for kind in [
        Kind(
            key="actas",
            label=_("Minutes and meetings"),
            model=Reunion,
            # An acta is as visible as its reunión; a reunión without an acta still has its orden del día.
            visible=lambda user: Reunion.objects.visibles_para(user).select_related("junta", "acta"),
            title="titulo",
            body=(),
            year="inicio__year",
            junta="junta",
            order=("-inicio", "-pk"),
            related=(
                Related(PuntoOrden, "reunion", ("titulo", "descripcion", "deliberacion"), ("numero",)),
                Related(Acta, "reunion", ("observaciones",)),
            ),
        ),
        Kind(
            key="acuerdos",
            label=_("Agreements"),
            model=Acuerdo,
            visible=lambda user: Acuerdo.objects.visibles_para(user).select_related("junta"),
            title="titulo",
            body=("texto", "votos_particulares"),
            year="anio",
            junta="junta",
            order=("-fecha", "-numero", "-pk"),
        ),
        Kind(
            key="compromisos",
            label=_("Commitments"),
            model=Compromiso,
            visible=lambda user: Compromiso.objects.visibles_para(user).select_related("acuerdo", "organismo"),
            title=None,
            body=("descripcion",),
            year="acuerdo__anio",
            junta="acuerdo__junta",
            order=("-fecha_limite", "-pk"),
        ),
        Kind(
            key="notas",
            label=_("Action notes"),
            model=NotaActuacion,
            visible=lambda user: NotaActuacion.objects.visibles_para(user).select_related(
                "compromiso__acuerdo", "compromiso__organismo"
            ),
            title=None,
            body=("texto",),
            year="creada_en__year",
            junta="compromiso__acuerdo__junta",
            order=("-creada_en", "-pk"),
        ),
    ]
}
