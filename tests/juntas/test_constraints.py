"""The database itself refuses what the domain forbids, whatever code writes it."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from coordinacion.choices import Rol
from juntas.models import Acta, Asistencia, CargoJunta, EstadoCompromiso, Votacion
from tests import factories

pytestmark = pytest.mark.django_db


def assert_refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_acuerdo_number_is_unique_per_junta_and_year():
    acuerdo = factories.AcuerdoFactory(numero=7)
    assert_refused(lambda: factories.AcuerdoFactory(reunion=acuerdo.reunion, numero=7))


def test_acuerdo_number_may_repeat_in_another_year_or_junta():
    acuerdo = factories.AcuerdoFactory(numero=7)
    factories.AcuerdoFactory(reunion=acuerdo.reunion, numero=7, anio=acuerdo.anio + 1)
    factories.AcuerdoFactory(numero=7, anio=acuerdo.anio)


def test_compromiso_progress_must_be_between_0_and_100():
    assert_refused(lambda: factories.CompromisoFactory(avance=101))


def test_fulfilled_compromiso_must_be_at_100():
    assert_refused(lambda: factories.CompromisoFactory(estado=EstadoCompromiso.CUMPLIDO, avance=60))
    factories.CompromisoFactory(estado=EstadoCompromiso.CUMPLIDO, avance=100)


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (factories.CompromisoFactory, "estado"),
        (factories.CompromisoFactory, "confidencialidad"),
        (factories.AcuerdoFactory, "votacion"),
        (factories.AcuerdoFactory, "estado"),
        (factories.ReunionFactory, "tipo"),
        (factories.ReunionFactory, "modalidad"),
        (factories.ReunionFactory, "estado"),
        (factories.PuntoOrdenFactory, "tipo"),
        (factories.ConvocadoFactory, "asistencia"),
        (factories.ConvocadoFactory, "derecho"),
        (factories.MiembroJuntaFactory, "cargo"),
        (factories.OrganismoFactory, "tipo"),
        (factories.NotaActuacionFactory, "estado_nuevo"),
        (factories.UsuarioFactory, "rol"),
    ],
)
def test_status_fields_only_hold_their_fixed_choices(factory, field):
    assert_refused(lambda: factory(**{field: "inventado"}))


def test_reunion_must_end_after_it_starts():
    reunion = factories.ReunionFactory.build()
    assert_refused(lambda: factories.ReunionFactory(inicio=reunion.inicio, fin=reunion.inicio - dt.timedelta(hours=1)))
    assert_refused(lambda: factories.ReunionFactory(inicio=reunion.inicio, fin=reunion.inicio))


def test_a_reunion_has_at_most_one_acta():
    acta = factories.ActaFactory()
    assert_refused(lambda: Acta.objects.create(reunion=acta.reunion))


def test_an_approved_acta_records_when():
    assert_refused(lambda: factories.ActaFactory(estado="aprobada"))


def test_puntos_are_numbered_once_per_reunion():
    punto = factories.PuntoOrdenFactory(numero=1)
    assert_refused(lambda: factories.PuntoOrdenFactory(reunion=punto.reunion, numero=1))


def test_a_person_is_convened_once_per_reunion():
    convocado = factories.ConvocadoFactory(asistencia=Asistencia.ASISTE)
    assert_refused(lambda: factories.ConvocadoFactory(reunion=convocado.reunion, persona=convocado.persona))


def test_a_junta_has_one_active_secretary():
    miembro = factories.MiembroJuntaFactory(cargo=CargoJunta.SECRETARIO)
    assert_refused(lambda: factories.MiembroJuntaFactory(junta=miembro.junta, cargo=CargoJunta.SECRETARIO))
    # A former secretary does not count.
    miembro.fecha_baja = dt.date(2021, 1, 1)
    miembro.save(update_fields=["fecha_baja"])
    factories.MiembroJuntaFactory(junta=miembro.junta, cargo=CargoJunta.SECRETARIO)


def test_unanimous_vote_has_no_votes_against():
    assert_refused(lambda: factories.AcuerdoFactory(votacion=Votacion.UNANIMIDAD, votos_contra=2))


def test_majority_vote_records_the_votes_for():
    assert_refused(lambda: factories.AcuerdoFactory(votacion=Votacion.MAYORIA, votos_favor=None))


def test_quorum_percentages_stay_within_100():
    assert_refused(lambda: factories.JuntaFactory(quorum_primera_pct=150))


def test_one_account_per_person():
    usuario = factories.UsuarioFactory()
    assert_refused(lambda: factories.UsuarioFactory(persona=usuario.persona))


def test_a_liaison_account_belongs_to_a_person():
    assert_refused(lambda: factories.UsuarioFactory(rol=Rol.ENLACE, persona=None))
