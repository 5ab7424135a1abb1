"""In the browser: a secretaría account enrols an authenticator, keeps its recovery codes, and later
signs in with a code and with a recovery code. Also: the pages run with the CSP and no console error."""

import base64
import time

import pytest
from django_otp.oath import TOTP

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def totp_now(b32_key: str, offset: int = 0) -> str:
    key = base64.b32decode(b32_key.replace(" ", "") + "=" * (-len(b32_key.replace(" ", "")) % 8))
    totp = TOTP(key)
    totp.time = time.time() + 30 * offset
    return f"{totp.token():06d}"


def password_step(page, username="secretaria"):
    page.goto("/accounts/login/")
    page.get_by_label("Nombre de usuario").fill(username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()


def sign_out(page):
    page.get_by_role("button", name="Cerrar sesión").click()
    page.wait_for_url("**/accounts/login/**")


def test_enrolment_verification_and_recovery_codes_work_in_the_browser(page, settings, secretaria):
    settings.OTP_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    password_step(page)
    page.wait_for_url("**/cuenta/segundo-factor/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Configurar la verificación en dos pasos"
    assert page.get_by_role("img", name="Código QR para añadir esta cuenta a una aplicación de autenticación")
    key = page.locator("#clave").inner_text()
    page.get_by_role("textbox", name="Código").fill(totp_now(key))
    page.get_by_role("button", name="Confirmar y activar").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Códigos de recuperación"
    codes = page.locator(".codigos-recuperacion code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Ya los he guardado, continuar").click()
    page.wait_for_url("**/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Bienvenid")

    # Next sign-in: the code from the app.
    sign_out(page)
    password_step(page)
    page.wait_for_url("**/cuenta/segundo-factor/verificar/**")
    page.get_by_role("textbox", name="Código").fill(totp_now(key, offset=1))
    page.get_by_role("button", name="Verificar").click()
    page.wait_for_url("**/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Bienvenid")

    # Without the phone: a recovery code, once.
    sign_out(page)
    password_step(page)
    page.wait_for_url("**/cuenta/segundo-factor/verificar/**")
    page.get_by_role("textbox", name="Código").fill(codes[0])
    page.get_by_role("button", name="Verificar").click()
    page.wait_for_url("**/")
    assert "Ha entrado con un código de recuperación" in page.get_by_role("status").first.inner_text()
    sign_out(page)
    password_step(page)
    page.wait_for_url("**/cuenta/segundo-factor/verificar/**")
    page.get_by_role("textbox", name="Código").fill(codes[0])
    page.get_by_role("button", name="Verificar").click()
    assert "El código no es correcto o ya se ha usado" in page.locator("main").inner_text()
    assert not [e for e in errors if "Content Security Policy" in e], errors
