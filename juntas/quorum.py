"""Quorum and urgency rules of Ley 40/2015 (arts. 17.2 and 17.4) under a Junta's own settings.

Pure functions over plain values, so the rules are tested without a database. Only members of the
Junta with a vote count; an attendee with voice only (cargo asistente) never does.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from juntas.models.choices import PRESIDENCIA, CargoJunta


@dataclass(frozen=True)
class Miembro:
    persona_id: int
    cargo: str
    asiste: bool

    @property
    def con_voto(self) -> bool:
        return self.cargo != CargoJunta.ASISTENTE


@dataclass(frozen=True)
class Quorum:
    miembros_con_voto: int
    presentes_con_voto: int
    presidencia: bool
    secretaria: bool
    requeridos_primera: int
    requeridos_segunda: int | None

    @property
    def primera(self) -> bool:
        return self.presidencia and self.secretaria and self.presentes_con_voto >= self.requeridos_primera

    @property
    def segunda(self) -> bool | None:
        """None when the Junta's rules set no second call."""
        if self.requeridos_segunda is None:
            return None
        return self.presidencia and self.secretaria and self.presentes_con_voto >= self.requeridos_segunda

    @property
    def constituida(self) -> bool:
        return self.primera or bool(self.segunda)

    @property
    def todos_presentes(self) -> bool:
        return self.miembros_con_voto > 0 and self.presentes_con_voto == self.miembros_con_voto


def requeridos(total: int, pct: int) -> int:
    """Members needed for pct % of total, rounding up ("at least half" of 5 is 3)."""
    return math.ceil(total * pct / 100)


def calcular_quorum(*, miembros: Iterable[Miembro], pct_primera: int, pct_segunda: int | None) -> Quorum:
    miembros = [m for m in miembros if m.con_voto]
    presentes = [m for m in miembros if m.asiste]
    # "Or their substitutes", kept simple: any attending member holding the cargo.
    return Quorum(
        miembros_con_voto=len(miembros),
        presentes_con_voto=len(presentes),
        presidencia=any(m.cargo in PRESIDENCIA for m in presentes),
        secretaria=any(m.cargo == CargoJunta.SECRETARIO for m in presentes),
        requeridos_primera=requeridos(len(miembros), pct_primera),
        requeridos_segunda=requeridos(len(miembros), pct_segunda) if pct_segunda is not None else None,
    )


def urgencia_admisible(quorum: Quorum, votos_a_favor: int | None) -> tuple[bool, bool]:
    """Art. 17.4: (every member with a vote attends, a majority of them declared the item urgent)."""
    mayoria = votos_a_favor is not None and votos_a_favor * 2 > quorum.presentes_con_voto
    return quorum.todos_presentes, mayoria
