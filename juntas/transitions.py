"""The status rules of compromisos and acuerdos, in one place.

`TRANSICIONES` lists every allowed move of a compromiso and who may make it. The services enforce
it (juntas/services/compromisos.py); templates only use it to offer the moves that will succeed.

Who:
- SECRETARIA: the Junta's office, which manages every compromiso;
- RESPONSABLE: a liaison of the compromiso's responsible body.
"""

from collections.abc import Iterable
from enum import StrEnum

from juntas.models.choices import EstadoAcuerdo, EstadoCompromiso

PENDIENTE = EstadoCompromiso.PENDIENTE
ACEPTADO = EstadoCompromiso.ACEPTADO
EN_CURSO = EstadoCompromiso.EN_CURSO
CUMPLIDO = EstadoCompromiso.CUMPLIDO
BLOQUEADO = EstadoCompromiso.BLOQUEADO
CANCELADO = EstadoCompromiso.CANCELADO


class Actor(StrEnum):
    SECRETARIA = "secretaria"
    RESPONSABLE = "responsable"


_AMBOS = frozenset({Actor.SECRETARIA, Actor.RESPONSABLE})
_SECRETARIA = frozenset({Actor.SECRETARIA})

# (from, to) -> who may make the move. A move not listed is not allowed to anyone.
TRANSICIONES: dict[tuple[str, str], frozenset[Actor]] = {
    (PENDIENTE, ACEPTADO): _AMBOS,  # the body acknowledges what it owes
    (PENDIENTE, BLOQUEADO): _AMBOS,  # the body reports a problem before starting
    (PENDIENTE, CANCELADO): _SECRETARIA,
    (ACEPTADO, EN_CURSO): _AMBOS,
    (ACEPTADO, CUMPLIDO): _AMBOS,
    (ACEPTADO, BLOQUEADO): _AMBOS,
    (ACEPTADO, CANCELADO): _SECRETARIA,
    (EN_CURSO, CUMPLIDO): _AMBOS,
    (EN_CURSO, BLOQUEADO): _AMBOS,
    (EN_CURSO, CANCELADO): _SECRETARIA,
    (BLOQUEADO, EN_CURSO): _AMBOS,  # the problem is solved
    (BLOQUEADO, CANCELADO): _SECRETARIA,
    (CUMPLIDO, EN_CURSO): _SECRETARIA,  # reopened: the Junta finds it is not done
    (CANCELADO, PENDIENTE): _SECRETARIA,  # reinstated
}

# Moves that need a written reason (a nota de actuación), so the others know what happened.
REQUIEREN_MOTIVO = frozenset({BLOQUEADO, CANCELADO})

# States in which work is closed: progress no longer changes.
CERRADOS = frozenset({CUMPLIDO, CANCELADO})


def puede_transitar(actor: Actor | None, origen: str, destino: str) -> bool:
    return actor is not None and actor in TRANSICIONES.get((origen, destino), frozenset())


def destinos(actor: Actor | None, origen: str) -> list[EstadoCompromiso]:
    """The states this actor may move a compromiso to from `origen`, in the vocabulary's order."""
    return [estado for estado in EstadoCompromiso if puede_transitar(actor, origen, estado)]


def estado_acuerdo(estados: Iterable[str]) -> EstadoAcuerdo:
    """An acuerdo's status, derived from the statuses of its compromisos (pure: no database)."""
    estados = list(estados)
    if not estados:
        return EstadoAcuerdo.SIN_COMPROMISOS
    vivos = [estado for estado in estados if estado != CANCELADO]
    if not vivos:
        return EstadoAcuerdo.CANCELADO
    if BLOQUEADO in vivos:
        return EstadoAcuerdo.BLOQUEADO
    if all(estado == CUMPLIDO for estado in vivos):
        return EstadoAcuerdo.CUMPLIDO
    return EstadoAcuerdo.EN_CURSO
