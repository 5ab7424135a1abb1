"""The benchmark data generator at a tiny scale: exact counts, consistent rows, a second run does nothing."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from coordinacion.choices import Rol
from coordinacion.models import RegistroAuditoria, Usuario
from juntas.bench import datos
from juntas.models import Acta, Acuerdo, Compromiso, EstadoCompromiso, NotaActuacion, PuntoOrden, Reunion
from juntas.transitions import estado_acuerdo
from tests import factories

pytestmark = pytest.mark.django_db

ESCALA = "0.002"


def _generar(capsys, escala=ESCALA) -> str:
    call_command("bench_datos", "--escala", escala)
    return capsys.readouterr().out


def test_it_creates_the_requested_share_of_each_kind(capsys):
    out = _generar(capsys)
    assert datos.recuento() == {"juntas": 1, "reuniones": 4, "acuerdos": 40, "compromisos": 200, "notas": 600}
    assert "Created 1 juntas, 4 reuniones, 40 acuerdos, 200 compromisos, 600 notas" in out
    assert PuntoOrden.objects.exists() and Acta.objects.exists()


def test_it_creates_one_account_per_role():
    datos.generar(0.002)
    roles = dict(Usuario.objects.filter(username__in=datos.USUARIOS.values()).values_list("username", "rol"))
    assert roles == {username: rol for rol, username in datos.USUARIOS.items()}
    enlace = Usuario.objects.get(username=datos.USUARIOS[Rol.ENLACE])
    assert enlace.persona.organismo.es_policial


def test_the_stored_acuerdo_status_is_the_one_derived_from_its_compromisos():
    datos.generar(0.002)
    for acuerdo in Acuerdo.objects.prefetch_related("compromisos"):
        assert acuerdo.estado == estado_acuerdo(c.estado for c in acuerdo.compromisos.all())


def test_it_spreads_levels_and_statuses_and_records_status_changes_in_notas():
    datos.generar(0.002)
    assert set(NotaActuacion.objects.values_list("confidencialidad", flat=True)) == {"publica", "reservada", "policial"}
    estados = set(Compromiso.objects.values_list("estado", flat=True))
    assert {EstadoCompromiso.CUMPLIDO, EstadoCompromiso.PENDIENTE, EstadoCompromiso.EN_CURSO} <= estados
    assert NotaActuacion.objects.exclude(estado_nuevo="").exists()
    # Closed compromisos carry their closing date; no nota predates its compromiso.
    assert not Compromiso.objects.filter(estado=EstadoCompromiso.CUMPLIDO, cerrado_en__isnull=True).exists()
    for nota in NotaActuacion.objects.select_related("compromiso")[:50]:
        assert nota.creada_en >= nota.compromiso.creado_en


def test_each_reunion_acuerdo_and_compromiso_has_its_creation_entry_in_the_audit_log():
    datos.generar(0.002)
    creados = RegistroAuditoria.objects.filter(accion="crear")
    assert creados.filter(content_type__model="acuerdo").count() == Acuerdo.objects.count()
    assert creados.filter(content_type__model="compromiso").count() == Compromiso.objects.count()
    assert creados.filter(content_type__model="reunion").count() == Reunion.objects.count()


def test_a_second_run_finds_the_data_and_writes_nothing(capsys):
    _generar(capsys)
    antes = datos.recuento(), RegistroAuditoria.objects.count()
    out = _generar(capsys)
    assert "nothing to do" in out
    assert (datos.recuento(), RegistroAuditoria.objects.count()) == antes


def test_a_bigger_scale_over_smaller_data_is_refused(capsys):
    _generar(capsys)
    with pytest.raises(CommandError, match="fresh database"):
        call_command("bench_datos", "--escala", "0.004")


def test_the_portal_keeps_numbering_rows_after_the_load():
    datos.generar(0.002)
    # The sequences moved past the generator's ids: new rows do not collide with loaded ones.
    nota = factories.NotaActuacionFactory()
    assert nota.pk > NotaActuacion.objects.exclude(pk=nota.pk).order_by("-pk").values_list("pk", flat=True)[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search vectors and the COPY load are PostgreSQL's")
def test_on_postgresql_the_triggers_fill_the_search_vectors_and_the_indexes_come_back():
    datos.generar(0.002)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM juntas_notaactuacion WHERE busqueda IS NULL")
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname = 'juntas_notaactuacion_busqueda_gin'")
        assert cursor.fetchone()[0] == 1
        cursor.execute(
            "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = 'juntas_notaactuacion'::regclass"
        )
        assert cursor.fetchone()[0] == 2  # compromiso and autor
