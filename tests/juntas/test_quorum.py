"""The quorum and urgency rules as pure functions (Ley 40/2015, arts. 17.2 and 17.4)."""

import pytest

from juntas.models import CargoJunta
from juntas.quorum import Miembro, calcular_quorum, requeridos, urgencia_admisible

P, S, V, A = CargoJunta.PRESIDENTE, CargoJunta.SECRETARIO, CargoJunta.VOCAL, CargoJunta.ASISTENTE


def junta(*presentes_por_cargo):
    """Members as (cargo, asiste) pairs."""
    return [Miembro(persona_id=i, cargo=cargo, asiste=asiste) for i, (cargo, asiste) in enumerate(presentes_por_cargo)]


@pytest.mark.parametrize(
    ("total", "pct", "needed"), [(6, 50, 3), (5, 50, 3), (1, 50, 1), (0, 50, 0), (7, 100, 7), (9, 33, 3)]
)
def test_required_members_round_up(total, pct, needed):
    assert requeridos(total, pct) == needed


def test_chair_secretary_and_half_the_members_make_quorum_at_first_call():
    q = calcular_quorum(
        miembros=junta((P, True), (S, True), (V, True), (V, False), (V, False), (V, False)),
        pct_primera=50,
        pct_segunda=None,
    )
    assert (q.miembros_con_voto, q.presentes_con_voto, q.requeridos_primera) == (6, 3, 3)
    assert q.primera and q.constituida
    assert q.segunda is None


def test_without_the_secretary_there_is_no_quorum_however_many_attend():
    q = calcular_quorum(miembros=junta((P, True), (S, False), (V, True), (V, True)), pct_primera=50, pct_segunda=None)
    assert not q.secretaria
    assert not q.primera


def test_without_the_chair_there_is_no_quorum():
    q = calcular_quorum(miembros=junta((P, False), (S, True), (V, True), (V, True)), pct_primera=50, pct_segunda=None)
    assert not q.presidencia and not q.primera


def test_a_co_chair_attending_counts_as_the_presidency():
    q = calcular_quorum(
        miembros=junta((P, False), (CargoJunta.COPRESIDENTE, True), (S, True)), pct_primera=50, pct_segunda=None
    )
    assert q.presidencia and q.primera


def test_attendees_with_voice_only_never_count():
    q = calcular_quorum(
        miembros=junta((P, True), (S, True), (V, False), (V, False), (V, False), (A, True), (A, True)),
        pct_primera=50,
        pct_segunda=None,
    )
    assert (q.miembros_con_voto, q.presentes_con_voto) == (5, 2)
    assert not q.primera


def test_second_call_applies_its_own_lower_share():
    q = calcular_quorum(miembros=junta((P, True), (S, True), *[(V, False)] * 8), pct_primera=50, pct_segunda=20)
    assert not q.primera
    assert q.requeridos_segunda == 2
    assert q.segunda is True and q.constituida


def test_urgency_needs_every_member_and_a_majority_of_them():
    todos = calcular_quorum(
        miembros=junta((P, True), (S, True), (V, True), (V, True)), pct_primera=50, pct_segunda=None
    )
    assert urgencia_admisible(todos, 3) == (True, True)
    assert urgencia_admisible(todos, 2) == (True, False)  # a tie is not a majority
    assert urgencia_admisible(todos, None) == (True, False)
    falta_uno = calcular_quorum(
        miembros=junta((P, True), (S, True), (V, True), (V, False)), pct_primera=50, pct_segunda=None
    )
    assert urgencia_admisible(falta_uno, 3) == (False, True)


def test_a_board_without_members_is_never_all_present():
    q = calcular_quorum(miembros=[], pct_primera=50, pct_segunda=None)
    assert not q.todos_presentes and not q.primera
