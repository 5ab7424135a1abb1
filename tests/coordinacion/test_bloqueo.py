"""django-axes: repeated failures lock out a username from one address for a cool-off period."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from coordinacion.choices import AccionAuditoria
from coordinacion.models import RegistroAuditoria
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client, username, password="no-es-esta", ip="10.0.0.1"):  # noqa: S107
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def lock_out(client, settings, username="delegado", ip="10.0.0.1"):
    for _i in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, username, ip=ip)


def test_the_settings_key_the_lockout_on_username_and_address(settings):
    assert settings.AUTHENTICATION_BACKENDS[0].startswith("axes.backends.")
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == dt.timedelta(minutes=15)
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_after_the_failure_limit_even_the_right_password_gets_the_spanish_lockout_page(client, settings, delegado):
    lock_out(client, settings)
    response = attempt(client, "delegado", PASSWORD)
    assert response.status_code == 429
    assert "Inicio de sesión bloqueado temporalmente" in response.text
    assert "15 minutos" in response.text
    assert "_auth_user_id" not in client.session
    # Every failure, the locked-out one included, is in the audit log with its address.
    failures = RegistroAuditoria.objects.filter(accion=AccionAuditoria.LOGIN_FALLIDO, nombre_usuario="delegado")
    assert failures.count() == settings.AXES_FAILURE_LIMIT + 1
    assert set(failures.values_list("ip", flat=True)) == {"10.0.0.1"}


def test_fewer_failures_than_the_limit_do_not_lock_out(client, settings, delegado):
    for _i in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "delegado")
    assert attempt(client, "delegado", PASSWORD).status_code == 302


def test_the_lockout_is_per_username_and_address(client, settings, delegado, secretaria):
    settings.OTP_REQUIRED = False
    lock_out(client, settings, "delegado", ip="10.0.0.1")
    # Same person from another address, and another person from the same address, still sign in.
    assert attempt(client, "delegado", PASSWORD, ip="10.0.0.2").status_code == 302
    client.post(reverse("logout"))
    assert attempt(client, "secretaria", PASSWORD, ip="10.0.0.1").status_code == 302


def test_the_lockout_ends_after_the_cool_off_period(client, settings, delegado):
    lock_out(client, settings)
    assert attempt(client, "delegado", PASSWORD).status_code == 429
    # Pretend the cool-off period has passed since the last failure.
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - settings.AXES_COOLOFF_TIME - dt.timedelta(1))
    assert attempt(client, "delegado", PASSWORD).status_code == 302


def test_the_failure_limit_and_cool_off_come_from_the_environment(client, settings, delegado):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=30)
    lock_out(client, settings)
    response = attempt(client, "delegado", PASSWORD)
    assert response.status_code == 429
    assert "30 minutos" in response.text
