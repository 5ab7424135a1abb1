"""The load scenario runs every journey once against the live server, so it cannot rot unnoticed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP

from coordinacion.choices import AccionAuditoria
from coordinacion.models import RegistroAuditoria
from juntas.models import NotaActuacion, PuntoOrden
from tests.load import pasos

ROOT = Path(__file__).resolve().parents[2]

SECRETARIA = [
    "sign-in form",
    "sign in (POST)",
    "second factor (POST)",
    "home",
    "reunión list",
    "reunión detail",
    "orden del día",
    "add punto (POST)",
    "acta editor",
    "save deliberation (POST)",
]
DELEGADO = [
    "sign-in form",
    "sign in (POST)",
    "home",
    "acuerdo list (filtered)",
    "acuerdo detail",
    "dashboard",
    "search",
]
ENLACE = ["sign-in form", "sign in (POST)", "home", "mi organismo", "compromiso detail", "add nota (POST)"]


@pytest.fixture
def cuentas(settings, tmp_path):
    settings.DEBUG = True  # the command refuses to create known passwords otherwise
    salida = tmp_path / "cuentas.json"
    call_command("preparar_carga", salida=salida, cuentas=1, acuerdos=3, stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.DEBUG = False
    return salida


@pytest.mark.django_db(transaction=True)
def test_every_journey_runs_once_against_the_live_server_with_a_second_factor(cuentas, live_server, settings):
    settings.OTP_REQUIRED = True
    notas, puntos = NotaActuacion.objects.count(), PuntoOrden.objects.count()
    env = {
        **os.environ,
        "LOAD_ACCOUNTS": str(cuentas),
        "LOAD_HOSTS": f"{live_server.url},{live_server.url}",
        "LOAD_THINK_SECONDS": "0,0",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(  # noqa: S603 (our own module, fixed arguments)
        [sys.executable, "-m", "tests.load.una_vuelta"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    hechos = [line.split(None, 1)[1].rsplit(None, 1)[0].strip() for line in result.stdout.splitlines()]
    esperados = (
        [f"secretaria · {p}" for p in SECRETARIA]
        + [f"delegado · {p}" for p in DELEGADO]
        + [f"enlace · {p}" for p in ENLACE]
    )
    assert hechos == esperados
    assert NotaActuacion.objects.count() == notas + 1
    assert PuntoOrden.objects.count() == puntos + 1
    assert RegistroAuditoria.objects.filter(accion=AccionAuditoria.LOGIN).count() == 3


def test_the_totp_code_is_the_one_django_otp_accepts():
    key = "3132333435363738393031323334353637383930"
    totp = TOTP(bytes.fromhex(key))
    for now in (59, 1111111109, 2000000000):
        totp.time = now
        assert pasos.totp(key, now=now) == f"{totp.token():06d}"


def test_it_finds_the_version_of_the_right_punto_editor():
    html = (
        '<form action="/reuniones/4/acta/puntos/7/deliberacion/"><input type="hidden" name="version" value="3">'
        '<form action="/reuniones/4/acta/puntos/8/deliberacion/"><input type="hidden" name="version" value="12">'
    )
    assert pasos.version_de_punto(html, 4, 8) == 12
    assert pasos.version_de_punto(html, 4, 7) == 3
    assert pasos.version_de_punto(html, 4, 9) is None
