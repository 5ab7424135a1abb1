"""The load database: demo data plus accounts per role with a known password, prepared only with DEBUG."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordinacion.choices import Rol
from coordinacion.models import Usuario
from juntas.management.commands.preparar_carga import LOAD_PASSWORD
from juntas.models import Acuerdo, PuntoOrden

pytestmark = pytest.mark.django_db


def preparar(tmp_path, **options):
    salida = tmp_path / "cuentas.json"
    call_command("preparar_carga", salida=salida, stdout=io.StringIO(), **options)
    return json.loads(salida.read_text())


def test_it_refuses_without_debug(settings, tmp_path):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG on"):
        preparar(tmp_path)


def test_it_creates_accounts_per_role_with_a_second_factor_for_the_secretaria(settings, tmp_path):
    settings.DEBUG = True
    datos = preparar(tmp_path, cuentas=3, acuerdos=4)
    assert [len(datos[rol]) for rol in ("secretaria", "delegado", "enlace")] == [3, 3, 3]
    secretaria = Usuario.objects.get(username=datos["secretaria"][0]["username"])
    assert secretaria.rol == Rol.SECRETARIA
    assert secretaria.check_password(LOAD_PASSWORD)
    assert TOTPDevice.objects.get(user=secretaria, confirmed=True).key == datos["secretaria"][0]["totp_key"]
    # Each secretaría account writes the deliberation of its own punto: no two share one.
    assert len({c["punto"] for c in datos["secretaria"]}) == 3
    assert PuntoOrden.objects.filter(pk__in=[c["punto"] for c in datos["secretaria"]]).count() == 3
    organismos = {Usuario.objects.get(username=c["username"]).organismo.siglas for c in datos["enlace"]}
    assert organismos == {"PL", "CNP"}
    assert Acuerdo.objects.filter(titulo__startswith="Carga:").count() == 4


def test_a_second_run_creates_nothing_new(settings, tmp_path):
    settings.DEBUG = True
    primera = preparar(tmp_path, cuentas=2, acuerdos=3)
    cuentas, acuerdos = Usuario.objects.count(), Acuerdo.objects.count()
    assert preparar(tmp_path, cuentas=2, acuerdos=3) == primera
    assert (Usuario.objects.count(), Acuerdo.objects.count()) == (cuentas, acuerdos)
