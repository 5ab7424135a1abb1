"""The demo data tells the story of the press release of 3 March 2021, and loads only once, only with DEBUG."""

import datetime as dt
import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from coordinacion.choices import Confidencialidad, Rol, TipoOrganismo
from coordinacion.models import Persona, Usuario
from juntas.models import (
    Acta,
    Acuerdo,
    Asistencia,
    Compromiso,
    EstadoActa,
    EstadoAcuerdo,
    EstadoCompromiso,
    EstadoReunion,
    NotaActuacion,
    Reunion,
    TipoReunion,
)
from juntas.models.choices import ESTADOS_ABIERTOS

pytestmark = pytest.mark.django_db

PASSWORD = "demo-jls-2021"


def cargar_demo():
    """Run the command and return what it printed (in English, whatever the translations say)."""
    out = io.StringIO()
    with translation.override("en"):
        call_command("cargar_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    return cargar_demo()


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models(include_auto_created=True)}


def test_it_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only be loaded with DEBUG on"):
        cargar_demo()
    assert not Usuario.objects.exists()


def test_it_prints_a_summary(demo):
    assert "rows created" in demo
    assert "enlace_cnp" in demo


def test_it_tells_the_story_of_the_coordination_meeting_of_3_march_2021(demo):
    reunion = Reunion.objects.get(tipo=TipoReunion.COORDINACION, inicio__date=dt.date(2021, 3, 3))
    assert reunion.estado == EstadoReunion.CELEBRADA
    assert reunion.convocante.cargo == "Delegado de Seguridad Ciudadana"

    acuerdo = reunion.acuerdo_origen
    assert acuerdo.referencia == "1/2020"
    assert acuerdo.confidencialidad == Confidencialidad.RESERVADA
    assert acuerdo.reunion.tipo == TipoReunion.ORDINARIA
    assert acuerdo.reunion.inicio.date() == dt.date(2020, 12, 15)
    assert acuerdo.reunion.acta.estado == EstadoActa.APROBADA
    assert acuerdo.reunion.acta.aprobada_en is not None
    assert acuerdo.reunion.acta.enviada_en is not None

    presentes = reunion.convocados.filter(asistencia=Asistencia.ASISTE)
    cargos = set(presentes.values_list("persona__cargo", flat=True))
    assert "Delegada de Coordinación de Distritos" in cargos
    assert "Responsable de Participación Ciudadana del CNP" in cargos
    assert presentes.filter(organismo__tipo=TipoOrganismo.POLICIA_LOCAL).exists()

    organismos = set(acuerdo.compromisos.values_list("organismo__tipo", flat=True))
    assert {
        TipoOrganismo.POLICIA_LOCAL,
        TipoOrganismo.CNP,
        TipoOrganismo.SERVICIOS_SOCIALES,
        TipoOrganismo.EDUCACION,
        TipoOrganismo.PARTICIPACION,
    } <= organismos


def test_persons_are_known_by_their_cargo_only(demo):
    assert Persona.objects.exists()
    assert not Persona.objects.exclude(nombre="").exists()


def test_it_creates_the_five_demo_accounts_with_the_demo_password(demo):
    esperado = {
        "secretaria": Rol.SECRETARIA,
        "delegado": Rol.DELEGADO,
        "enlace_pl": Rol.ENLACE,
        "enlace_cnp": Rol.ENLACE,
        "admin": Rol.ADMINISTRACION,
    }
    usuarios = {usuario.username: usuario for usuario in Usuario.objects.all()}
    assert set(usuarios) == set(esperado)
    for username, rol in esperado.items():
        assert usuarios[username].rol == rol
        assert usuarios[username].check_password(PASSWORD)
        assert usuarios[username].persona is not None
    assert usuarios["enlace_pl"].organismo.tipo == TipoOrganismo.POLICIA_LOCAL
    assert usuarios["enlace_cnp"].organismo.tipo == TipoOrganismo.CNP
    assert usuarios["admin"].is_superuser and usuarios["admin"].is_staff
    assert not usuarios["secretaria"].is_staff


def test_it_covers_every_commitment_status_and_confidentiality_level(demo):
    assert set(Compromiso.objects.values_list("estado", flat=True)) == set(EstadoCompromiso.values)
    assert set(Compromiso.objects.values_list("confidencialidad", flat=True)) == set(Confidencialidad.values)
    assert set(Acuerdo.objects.values_list("confidencialidad", flat=True)) == set(Confidencialidad.values)
    assert set(NotaActuacion.objects.values_list("confidencialidad", flat=True)) == set(Confidencialidad.values)


def test_each_acuerdo_status_matches_its_commitments(demo):
    for acuerdo in Acuerdo.objects.all():
        estados = set(acuerdo.compromisos.values_list("estado", flat=True))
        if not estados:
            esperado = EstadoAcuerdo.SIN_COMPROMISOS
        elif EstadoCompromiso.BLOQUEADO in estados:
            esperado = EstadoAcuerdo.BLOQUEADO
        elif estados == {EstadoCompromiso.CANCELADO}:
            esperado = EstadoAcuerdo.CANCELADO
        elif estados <= {EstadoCompromiso.CUMPLIDO, EstadoCompromiso.CANCELADO}:
            esperado = EstadoAcuerdo.CUMPLIDO
        else:
            esperado = EstadoAcuerdo.EN_CURSO
        assert acuerdo.estado == esperado, acuerdo.referencia


def test_acuerdos_are_numbered_from_one_each_year(demo):
    for anio in set(Acuerdo.objects.values_list("anio", flat=True)):
        numeros = sorted(Acuerdo.objects.filter(anio=anio).values_list("numero", flat=True))
        assert numeros == list(range(1, len(numeros) + 1))


def test_it_leaves_overdue_open_commitments_and_upcoming_meetings(demo):
    hoy = timezone.localdate()
    assert Compromiso.objects.filter(estado__in=ESTADOS_ABIERTOS, fecha_limite__lt=hoy).exists()
    proximas = Reunion.objects.filter(
        inicio__gt=timezone.now(), estado__in=[EstadoReunion.CONVOCADA, EstadoReunion.PREPARACION]
    )
    assert proximas.count() >= 2
    assert not Reunion.objects.filter(inicio__gt=timezone.now(), estado=EstadoReunion.CELEBRADA).exists()


def test_closed_commitments_carry_their_closing_time(demo):
    cerrados = Compromiso.objects.filter(estado__in=[EstadoCompromiso.CUMPLIDO, EstadoCompromiso.CANCELADO])
    assert cerrados.exists()
    assert not cerrados.filter(cerrado_en__isnull=True).exists()
    assert not Compromiso.objects.filter(estado__in=ESTADOS_ABIERTOS, cerrado_en__isnull=False).exists()


def test_approved_actas_have_their_dates(demo):
    aprobadas = Acta.objects.filter(estado=EstadoActa.APROBADA)
    assert aprobadas.exists()
    assert not aprobadas.filter(enviada_en__isnull=True).exists()


def test_enlace_pl_sees_a_police_note_that_enlace_cnp_does_not(demo):
    enlace_pl = Usuario.objects.get(username="enlace_pl")
    enlace_cnp = Usuario.objects.get(username="enlace_cnp")
    policiales_pl = NotaActuacion.objects.visibles_para(enlace_pl).filter(
        confidencialidad=Confidencialidad.POLICIAL, compromiso__organismo__tipo=TipoOrganismo.POLICIA_LOCAL
    )
    assert policiales_pl.exists()
    ocultas = policiales_pl.exclude(pk__in=NotaActuacion.objects.visibles_para(enlace_cnp))
    assert ocultas.exists()


def test_both_liaisons_share_the_story_acuerdo_but_not_its_police_commitment(demo):
    enlace_pl = Usuario.objects.get(username="enlace_pl")
    enlace_cnp = Usuario.objects.get(username="enlace_cnp")
    acuerdo = Acuerdo.objects.get(anio=2020, numero=1)
    assert Acuerdo.objects.visibles_para(enlace_pl).filter(pk=acuerdo.pk).exists()
    assert Acuerdo.objects.visibles_para(enlace_cnp).filter(pk=acuerdo.pk).exists()

    policial = acuerdo.compromisos.get(
        confidencialidad=Confidencialidad.POLICIAL, organismo__tipo=TipoOrganismo.POLICIA_LOCAL
    )
    assert Compromiso.objects.visibles_para(enlace_pl).filter(pk=policial.pk).exists()
    assert not Compromiso.objects.visibles_para(enlace_cnp).filter(pk=policial.pk).exists()


def test_a_second_run_changes_no_row_counts(demo):
    antes = row_counts()
    salida = cargar_demo()
    assert row_counts() == antes
    assert "nothing changed" in salida
