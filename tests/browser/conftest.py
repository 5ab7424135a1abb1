"""Playwright driving Debian's Chromium against pytest-django's live server.

`playwright install` cannot download browsers here, so the tests launch /usr/bin/chromium.
"""

import os

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}; .ci/run installs Debian's chromium package.")
    # The sync API runs an event loop; Django must allow ORM calls from the test thread meanwhile.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="es-ES", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def login(page):
    """Sign in through the real login form."""
    from tests.factories import PASSWORD

    def sign_in(username: str, password: str = PASSWORD):
        page.goto("/accounts/login/")
        page.get_by_label("Nombre de usuario").fill(username)
        page.get_by_label("Contraseña").fill(password)
        page.get_by_role("button", name="Iniciar sesión").click()
        page.wait_for_url("**/")

    return sign_in


@pytest.fixture
def junta(db):
    """The only active Junta, with a presidente, a secretario and a vocal: forms preselect it."""
    from juntas.models import CargoJunta
    from tests import factories

    junta = factories.JuntaFactory(nombre="Junta Local de Seguridad de Villanueva")
    for cargo, titulo in [
        (CargoJunta.PRESIDENTE, "Alcalde"),
        (CargoJunta.SECRETARIO, "Secretaria de la Junta"),
        (CargoJunta.VOCAL, "Jefe de la Policía Local"),
    ]:
        factories.MiembroJuntaFactory(junta=junta, cargo=cargo, persona=factories.PersonaFactory(cargo=titulo))
    return junta
