"""The second factor: required for secretaría and administración when OTP_REQUIRED is on, off for the demo."""

import base64
import binascii
import re
import time

import pytest
from django.contrib.admin.sites import site as admin_site
from django.test import RequestFactory
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordinacion.choices import AccionAuditoria
from coordinacion.models import RegistroAuditoria
from coordinacion.segundo_factor import SESSION_KEY
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def otp_on(settings):
    settings.OTP_REQUIRED = True
    return settings


def code_for(hex_key: str, offset: int = 0) -> str:
    totp = TOTP(binascii.unhexlify(hex_key))
    totp.time = time.time() + offset * 30
    return f"{totp.token():06d}"


def enrol(client):
    """Go through enrolment; returns the device and the recovery codes shown."""
    page = client.get(reverse("segundo_factor"))
    key = client.session[SESSION_KEY]
    response = client.post(reverse("segundo_factor"), {"codigo": code_for(key)})
    assert response.status_code == 200
    codes = re.findall(r"<code>([a-z2-7]{8})</code>", response.text)
    return page, TOTPDevice.objects.get(user=response.wsgi_request.user), codes


def sign_in(client, username):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.mark.parametrize("role", ["secretaria", "administracion"])
def test_privileged_roles_are_sent_to_enrolment_until_they_have_a_device(client, otp_on, request, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("inicio"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("segundo_factor"))
    assert client.get(reverse("auditoria")).status_code == 302


@pytest.mark.parametrize("role", ["delegado", "enlace"])
def test_other_roles_sign_in_with_their_password_alone(client, otp_on, as_user, role):
    as_user(role)
    assert client.get(reverse("inicio")).status_code == 200


def test_with_otp_off_the_demo_accounts_need_only_their_password(client, settings, secretaria):
    settings.OTP_REQUIRED = False
    sign_in(client, "secretaria")
    assert client.get(reverse("inicio")).status_code == 200


def test_enrolment_shows_a_qr_code_and_the_key_as_text_and_writes_nothing_on_get(client, otp_on, secretaria):
    client.force_login(secretaria)
    response = client.get(reverse("segundo_factor"))
    assert response.status_code == 200
    assert "<svg" in response.text
    key = client.session[SESSION_KEY]
    b32 = re.search(r'<code class="clave-totp" id="clave">([A-Z2-7 ]+)</code>', response.text).group(1)
    assert base64.b32encode(binascii.unhexlify(key)).decode().rstrip("=") == b32.replace(" ", "")
    assert "Configurar la verificación en dos pasos" in response.text
    assert not TOTPDevice.objects.exists()
    # The same key survives a reload, so a person who scanned it is not lost.
    client.get(reverse("segundo_factor"))
    assert client.session[SESSION_KEY] == key


def test_a_wrong_code_does_not_enrol_and_says_why_in_spanish(client, otp_on, secretaria):
    client.force_login(secretaria)
    client.get(reverse("segundo_factor"))
    response = client.post(reverse("segundo_factor"), {"codigo": "000000"})
    assert response.status_code == 200
    assert "El código no es correcto" in response.text
    assert not TOTPDevice.objects.exists()


def test_enrolment_with_the_right_code_saves_the_device_shows_ten_codes_and_verifies(client, otp_on, secretaria):
    client.force_login(secretaria)
    _page, device, codes = enrol(client)
    assert device.confirmed
    assert len(codes) == 10 == len(set(codes))
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(codes)
    assert RegistroAuditoria.objects.filter(accion=AccionAuditoria.CREAR, object_id=str(device.pk)).exists()
    assert client.get(reverse("inicio")).status_code == 200


def test_after_the_password_a_user_with_a_device_must_verify_a_code(client, otp_on, secretaria):
    otp_on.OTP_TOTP_THROTTLE_FACTOR = 0  # the throttle has its own test
    client.force_login(secretaria)
    _page, device, _codes = enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "secretaria")
    response = client.get(reverse("inicio"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("segundo_factor_verificar"))
    wrong = client.post(reverse("segundo_factor_verificar"), {"codigo": "123456", "next": "/"})
    assert "El código no es correcto o ya se ha usado" in wrong.text
    assert RegistroAuditoria.objects.filter(accion=AccionAuditoria.LOGIN_FALLIDO, usuario=secretaria).exists()
    ok = client.post(reverse("segundo_factor_verificar"), {"codigo": code_for(device.key, 1), "next": "/"})
    assert ok.status_code == 302
    assert client.get(reverse("inicio")).status_code == 200


def test_a_recovery_code_works_once(client, otp_on, secretaria):
    client.force_login(secretaria)
    _page, _device, codes = enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "secretaria")
    response = client.post(reverse("segundo_factor_verificar"), {"codigo": codes[0].upper(), "next": "/"}, follow=True)
    assert response.status_code == 200
    assert "código de recuperación" in response.text
    assert StaticToken.objects.count() == 9
    client.post(reverse("logout"))
    sign_in(client, "secretaria")
    again = client.post(reverse("segundo_factor_verificar"), {"codigo": codes[0], "next": "/"})
    assert again.status_code == 200
    assert client.get(reverse("inicio")).status_code == 302


def test_new_recovery_codes_replace_the_old_ones_and_need_a_verified_session(client, otp_on, secretaria):
    client.force_login(secretaria)
    _page, _device, old = enrol(client)
    response = client.post(reverse("segundo_factor_codigos"))
    new = re.findall(r"<code>([a-z2-7]{8})</code>", response.text)
    assert len(new) == 10
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)
    assert not set(old) & set(new)
    client.post(reverse("logout"))
    sign_in(client, "secretaria")
    assert client.post(reverse("segundo_factor_codigos")).status_code == 302  # to verification first


def test_an_unverified_user_with_a_device_cannot_enrol_again(client, otp_on, secretaria):
    client.force_login(secretaria)
    enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "secretaria")
    response = client.get(reverse("segundo_factor"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("segundo_factor_verificar"))
    assert TOTPDevice.objects.count() == 1


def test_verification_never_redirects_off_site(client, otp_on, secretaria):
    client.force_login(secretaria)
    _page, device, _codes = enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "secretaria")
    response = client.post(
        reverse("segundo_factor_verificar"), {"codigo": code_for(device.key, 1), "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_sign_out_and_health_stay_reachable_before_verification(client, otp_on, secretaria):
    client.force_login(secretaria)
    assert client.get(reverse("health")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302


def test_the_admin_site_requires_a_verified_second_factor(client, otp_on, administracion):
    request = RequestFactory().get("/admin/")
    request.user = administracion
    request.user.otp_device = None
    request.user.is_verified = lambda: False
    assert admin_site.has_permission(request) is False
    request.user.is_verified = lambda: True
    assert admin_site.has_permission(request) is True
    client.force_login(administracion)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("segundo_factor"))


def test_the_admin_site_needs_no_second_factor_when_it_is_off(client, settings, administracion):
    settings.OTP_REQUIRED = False
    client.force_login(administracion)
    assert client.get(reverse("admin:index")).status_code == 200


def test_after_a_wrong_code_even_the_right_one_waits_for_the_throttle(client, otp_on, secretaria):
    client.force_login(secretaria)
    _page, device, _codes = enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "secretaria")
    client.post(reverse("segundo_factor_verificar"), {"codigo": "123456"})
    response = client.post(reverse("segundo_factor_verificar"), {"codigo": code_for(device.key, 1)})
    assert response.status_code == 200
    assert client.get(reverse("inicio")).status_code == 302
