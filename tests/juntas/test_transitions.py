"""The status rules: one table of allowed moves, and the acuerdo's status derived from its compromisos."""

import pytest

from juntas.models import EstadoAcuerdo, EstadoCompromiso
from juntas.transitions import TRANSICIONES, Actor, destinos, estado_acuerdo, puede_transitar

E = EstadoCompromiso


@pytest.mark.parametrize(
    ("estados", "esperado"),
    [
        ([], EstadoAcuerdo.SIN_COMPROMISOS),
        ([E.PENDIENTE], EstadoAcuerdo.EN_CURSO),
        ([E.CUMPLIDO, E.EN_CURSO], EstadoAcuerdo.EN_CURSO),
        ([E.CUMPLIDO, E.CUMPLIDO], EstadoAcuerdo.CUMPLIDO),
        ([E.CUMPLIDO, E.CANCELADO], EstadoAcuerdo.CUMPLIDO),
        ([E.CANCELADO, E.CANCELADO], EstadoAcuerdo.CANCELADO),
        ([E.BLOQUEADO, E.CUMPLIDO, E.ACEPTADO], EstadoAcuerdo.BLOQUEADO),
        ([E.BLOQUEADO, E.CANCELADO], EstadoAcuerdo.BLOQUEADO),
    ],
)
def test_acuerdo_status_is_derived_from_its_compromisos(estados, esperado):
    assert estado_acuerdo(estados) == esperado
    assert estado_acuerdo(iter(estados)) == esperado  # any iterable, e.g. a values_list


def test_the_liaison_accepts_or_reports_a_problem_but_cannot_cancel():
    assert destinos(Actor.RESPONSABLE, E.PENDIENTE) == [E.ACEPTADO, E.BLOQUEADO]
    assert puede_transitar(Actor.SECRETARIA, E.PENDIENTE, E.CANCELADO)
    assert not puede_transitar(Actor.RESPONSABLE, E.PENDIENTE, E.CANCELADO)


def test_only_the_secretaria_reopens_a_fulfilled_compromiso():
    assert destinos(Actor.RESPONSABLE, E.CUMPLIDO) == []
    assert destinos(Actor.SECRETARIA, E.CUMPLIDO) == [E.EN_CURSO]


def test_nobody_skips_acceptance_or_moves_without_an_actor():
    assert not puede_transitar(Actor.SECRETARIA, E.PENDIENTE, E.CUMPLIDO)
    assert not puede_transitar(None, E.PENDIENTE, E.ACEPTADO)
    assert destinos(None, E.PENDIENTE) == []


def test_every_move_names_real_states_and_actors():
    for (origen, destino), quien in TRANSICIONES.items():
        assert origen in E.values and destino in E.values and origen != destino
        assert quien and quien <= set(Actor)
