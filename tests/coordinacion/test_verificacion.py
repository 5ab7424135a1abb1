"""The second factor is checked by the query that loads the user: no query of its own, no weaker check."""

import pytest
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordinacion.middleware import SegundoFactorEnUnaConsultaMiddleware
from coordinacion.models import Usuario
from coordinacion.verificacion import ANOTACION
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def otp_on(settings):
    settings.OTP_REQUIRED = True
    return settings


@pytest.fixture
def app(secretaria):
    return TOTPDevice.objects.create(user=secretaria, name="App", confirmed=True)


def sign_in(client, user, persistent_id):
    """A session signed in with the password and, as django_otp.login leaves it, the device's id."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = persistent_id
    session.save()


def is_verified(client) -> bool:
    response = client.get(reverse("inicio"))
    return response.status_code == 200


def test_a_verified_secretaria_searches_with_no_query_for_the_device(
    client, otp_on, secretaria, app, django_assert_num_queries
):
    sign_in(client, secretaria, app.persistent_id)
    client.get(reverse("buscar"))  # the first request after sign-in renews the session
    # session, user (joined with persona and organismo, with EXISTS for the session's device), one query
    # per kind (actas, acuerdos, compromisos, notas), the Juntas for the select: as with OTP_REQUIRED off
    with django_assert_num_queries(7) as captured:
        response = client.get(reverse("buscar"), {"q": "absentismo"})
    assert response.status_code == 200
    device_reads = [q["sql"] for q in captured.captured_queries if "otp_totp_totpdevice" in q["sql"]]
    assert len(device_reads) == 1
    assert '"coordinacion_usuario"' in device_reads[0]


@pytest.mark.parametrize("url_name", ["inicio", "compromiso_lista", "panel", "buscar"])
def test_a_verified_page_costs_what_it_costs_without_the_second_factor(client, settings, secretaria, app, url_name):
    def count(otp: bool) -> int:
        settings.OTP_REQUIRED = otp
        sign_in(client, secretaria, app.persistent_id if otp else None)
        client.get(reverse(url_name))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(url_name)).status_code == 200
        return len(captured)

    assert count(otp=True) == count(otp=False)


def test_recovery_codes_verify_the_session_too(client, otp_on, secretaria, app):
    codes = StaticDevice.objects.create(user=secretaria, name="recuperacion", confirmed=True)
    sign_in(client, secretaria, codes.persistent_id)
    assert is_verified(client)


def test_a_legacy_device_id_still_verifies(client, otp_on, secretaria, app):
    sign_in(client, secretaria, f"django_otp.plugins.otp_totp.models.TOTPDevice/{app.pk}")
    assert is_verified(client)


def test_a_deleted_device_no_longer_verifies_and_leaves_the_session(client, otp_on, secretaria, app):
    sign_in(client, secretaria, app.persistent_id)
    assert is_verified(client)
    app.delete()
    response = client.get(reverse("inicio"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("segundo_factor"))
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_a_disabled_device_no_longer_verifies(client, otp_on, secretaria, app):
    sign_in(client, secretaria, app.persistent_id)
    assert is_verified(client)
    app.confirmed = False
    app.save()
    assert not is_verified(client)
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_another_accounts_device_does_not_verify(client, otp_on, secretaria, app, administracion):
    theirs = TOTPDevice.objects.create(user=administracion, name="App", confirmed=True)
    sign_in(client, secretaria, theirs.persistent_id)
    assert not is_verified(client)
    assert DEVICE_ID_SESSION_KEY not in client.session


@pytest.mark.parametrize(
    "persistent_id",
    ["garbage", "otp_totp.totpdevice/abc", "otp_totp.totpdevice/", "nope.model/1", "coordinacion.usuario/{user}"],
)
def test_an_id_that_names_no_device_does_not_verify(client, otp_on, secretaria, app, persistent_id):
    sign_in(client, secretaria, persistent_id.format(user=secretaria.pk))
    assert not is_verified(client)
    assert DEVICE_ID_SESSION_KEY not in client.session


def _request(user, persistent_id):
    """A request through AuthenticationMiddleware, with a stored session; the OTP middleware is applied later."""
    session = SessionStore()
    session.update(
        {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
            "_auth_user_hash": user.get_session_auth_hash(),
            DEVICE_ID_SESSION_KEY: persistent_id,
        }
    )
    session.save()
    request = RequestFactory().get("/")
    request.session = SessionStore(session.session_key)
    AuthenticationMiddleware(lambda r: None).process_request(request)
    return request


def _through_otp(request):
    SegundoFactorEnUnaConsultaMiddleware(lambda r: HttpResponse())(request)
    return request.user


def test_the_device_loads_its_own_fields_when_something_reads_them(secretaria, app, django_assert_num_queries):
    request = _request(secretaria, app.persistent_id)
    # session, user with the device check
    with django_assert_num_queries(2):
        user = _through_otp(request)
        assert user.is_verified()
    assert user.otp_device.pk == app.pk
    with django_assert_num_queries(1):  # the device's other fields, on first use
        assert user.otp_device.key == app.key
    assert user.otp_device.name == "App"


@pytest.mark.parametrize("confirmed", [True, False])
def test_a_user_loaded_before_the_middleware_falls_back_to_django_otps_lookup(
    secretaria, app, confirmed, django_assert_num_queries
):
    app.confirmed = confirmed
    app.save()
    request = _request(secretaria, app.persistent_id)
    assert request.user.pk == secretaria.pk  # loaded now, before the device could be named
    with django_assert_num_queries(1):  # the device, as django-otp reads it
        user = _through_otp(request)
        assert user.is_verified() is confirmed


def test_the_device_check_is_only_on_the_request_users_load(client, otp_on, secretaria, app):
    sign_in(client, secretaria, app.persistent_id)
    assert is_verified(client)
    assert not hasattr(Usuario.objects.get(pk=secretaria.pk), ANOTACION)
    other = factories.UsuarioFactory()
    assert not hasattr(Usuario.objects.get(pk=other.pk), ANOTACION)
