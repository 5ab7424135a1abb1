"""Accessibility sweep: every HTML page, as every role that may see it, audited by axe-core (WCAG 2.1 AA).

axe-core is the npm package pinned in tests/browser/package-lock.json (`make test` runs `npm ci`), injected
from node_modules: never from a CDN. The data is the demo (the March 2021 story), so tables, forms and
histories are populated. Each role signs in once, in its own browser context, and walks its pages; some
pages are also audited in an interactive state (validation errors shown, an htmx partial swapped in).
Besides axe's rules, every page must link the accessibility statement from its footer (RD 1112/2018) and
fit the window without sideways scrolling. The error pages (403 CSRF, 500, 503) are built by Django's own
handlers and served at the live server's address so that their styles load.

The sweep fails when a URL pattern renders HTML and was not audited: a new page cannot escape it.
`python -m pytest tests/browser/test_accesibilidad.py -s` prints the number of audits per role.
"""

import base64
import re
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import OperationalError, transaction
from django.test import Client, RequestFactory
from django.urls import get_resolver, resolve
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordinacion.choices import Confidencialidad
from coordinacion.models import Organismo, Usuario
from coordinacion.views import server_error
from juntas.management.commands.cargar_demo import DEMO_PASSWORD, Cargador
from juntas.models import Acuerdo, Compromiso, EstadoActa, EstadoCompromiso, EstadoReunion, Reunion
from tests.factories import PASSWORD
from tests.test_permission_matrix import _url_names

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# URL patterns that answer with something other than an HTML page (or only redirect), and why.
NOT_HTML = {
    "logout": "POST that redirects to the login page",
    "set_language": "POST that redirects back",
    "health": "JSON for monitoring",
    "reunion_ics": "iCalendar file",
    "calendario_feed": "iCalendar feed",
    "calendario_regenerar": "POST that redirects to the calendar page",
    "calendario_revocar": "POST that redirects to the calendar page",
    "compromiso_exportar_csv": "CSV file",
    "compromiso_exportar_xlsx": "spreadsheet file",
    "acta_pdf": "PDF (see the accessibility statement)",
    "acuerdo_certificado": "PDF (see the accessibility statement)",
    "adjunto_descargar": "the uploaded file itself",
    "auditoria_csv": "CSV file",
    "compromiso_estado": "POST that redirects, or the status section swapped in by htmx (audited in place)",
    "punto_mover": "POST that redirects, or the orden del día swapped in by htmx (audited in place)",
    "acta_deliberacion": "POST that redirects, or the autosave status swapped in by htmx (audited in place)",
    "acta_observaciones": "POST that redirects, or the autosave status swapped in by htmx (audited in place)",
    "acta_devolver": "POST that redirects to the acta",
    "acta_aprobar": "POST that redirects to the acta, or shows it with errors (same page as acta_enviar)",
    "acta_conformidad": "POST that redirects to the acta, or shows it with errors (same page as acta_enviar)",
    "convocatoria_enviar": "POST that redirects to the convocatoria",
    "nota_crear": "POST that redirects, or the notes swapped in by htmx (audited in place)",
}

AXE_RUN = """async tags => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')),
  }));
}"""


class Barrido:
    """Visits pages, runs axe on each, and remembers which URL patterns were audited."""

    def __init__(self):
        self.violaciones: list[str] = []
        self.auditadas: set[str] = set()
        self.por_rol: Counter[str] = Counter()

    def auditar(self, page, rol: str, estado: str = "", nombre: str | None = None):
        page.wait_for_load_state("load")
        page.add_script_tag(path=str(AXE))
        nombre = nombre or resolve(urlsplit(page.url).path).url_name
        self.por_rol[rol] += 1
        self.auditadas.add(nombre)
        donde = f"{rol} {urlsplit(page.url).path}{f' ({estado})' if estado else ''}"
        for v in page.evaluate(AXE_RUN, WCAG_21_AA):
            self.violaciones.append(f"{donde}: {v['id']} [{v['impact']}] {v['help']} -> {v['targets'][:5]}")
        # RD 1112/2018 asks for the statement to be reachable from every page.
        if page.locator("footer a[href='/accesibilidad/']").count() != 1:
            self.violaciones.append(f"{donde}: no link to the accessibility statement in the footer")
        # Not an axe rule: content wider than the window (a menu overflowing the navbar) scrolls sideways.
        ancho, ventana = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if ancho > ventana:
            self.violaciones.append(f"{donde}: horizontal scroll, the page is {ancho}px wide in a {ventana}px window")

    def visitar(self, page, rol: str, url: str, *, status: int = 200, nombre: str | None = None):
        response = page.goto(url)
        assert response.status == status, f"{rol} GET {url}: {response.status}, expected {status}"
        self.auditar(page, rol, nombre=nombre)

    def respuesta(self, page, rol: str, nombre: str, response):
        """Audit a response Django built outside the browser, served at the live server's address."""
        url = f"/__barrido__/{nombre}/"
        headers = {"Content-Type": "text/html; charset=utf-8"}
        page.route(
            f"**{url}", lambda route: route.fulfill(status=response.status_code, body=response.content, headers=headers)
        )
        page.goto(url)
        self.auditar(page, rol, nombre=nombre)


def cargar_demo():
    with transaction.atomic():
        Cargador(timezone.localdate()).cargar()


def totp(device: TOTPDevice, offset: int = 0) -> str:
    t = TOTP(device.bin_key)
    t.time = time.time() + 30 * offset
    return f"{t.token():06d}"


def clave_de_la_pagina(page) -> TOTP:
    b32 = page.locator("#clave").inner_text().replace(" ", "")
    return TOTP(base64.b32decode(b32 + "=" * (-len(b32) % 8)))


@pytest.fixture
def contexto(browser, live_server):
    """A fresh browser context per role; bypass_csp lets axe's inline script run under the portal's CSP.

    Reduced motion (a user setting Bootstrap honours) stops transitions, so axe never measures the
    contrast of a button halfway through its hover or focus fade.
    """
    abiertos = []

    def nuevo(ancho: int = 1280):
        context = browser.new_context(
            base_url=live_server.url,
            locale="es-ES",
            bypass_csp=True,
            reduced_motion="reduce",
            viewport={"width": ancho, "height": 800},
        )
        abiertos.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield nuevo
    for context in abiertos:
        context.close()


def iniciar_sesion(page, username: str):
    page.goto("/accounts/login/")
    page.get_by_label("Nombre de usuario").fill(username)
    page.get_by_label("Contraseña").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_load_state("load")


def test_every_page_passes_axe_wcag_21_aa_for_every_role(contexto, settings):
    assert AXE.exists(), f"{AXE} is missing: run `make test` (it runs npm ci in tests/browser)"
    settings.OTP_REQUIRED = True  # the second-factor pages of secretaría and administración are part of the sweep
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    cargar_demo()
    b = Barrido()

    aprobada = Reunion.objects.filter(acta__estado=EstadoActa.APROBADA).order_by("inicio").first()
    enviada = Reunion.objects.filter(acta__estado=EstadoActa.ENVIADA).first()
    borrador = Reunion.objects.filter(acta__estado=EstadoActa.BORRADOR).first()
    sin_acta = Reunion.objects.filter(estado=EstadoReunion.CELEBRADA, acta__isnull=True).first()
    preparacion = Reunion.objects.filter(estado=EstadoReunion.PREPARACION).first()
    punto = preparacion.puntos.order_by("numero").first()
    policia_local = Organismo.objects.get(nombre="Policía Local")
    compromiso = (
        Compromiso.objects.filter(organismo=policia_local, estado=EstadoCompromiso.EN_CURSO)
        .filter(acuerdo__confidencialidad=Confidencialidad.PUBLICA)
        .order_by("pk")
        .first()
    )
    acuerdo = compromiso.acuerdo
    acuerdo_con_notas = Acuerdo.objects.filter(compromisos__notas__isnull=False).order_by("pk").first()
    publicos = ["/", "/reuniones/", "/acuerdos/", "/compromisos/", "/calendario/", "/buscar/?q=coordinación"]

    # Logged out: the sign-in page (empty, with an error, locked out), the statement, a 404, a 403 (CSRF).
    page = contexto()
    b.visitar(page, "anónimo", "/accounts/login/")
    b.visitar(page, "anónimo", "/accesibilidad/")
    b.visitar(page, "anónimo", "/no-existe/", status=404, nombre="404")
    for intento in range(settings.AXES_FAILURE_LIMIT):
        page.goto("/accounts/login/")
        page.get_by_label("Nombre de usuario").fill("nadie")
        page.get_by_label("Contraseña").fill("incorrecta")
        page.get_by_role("button", name="Iniciar sesión").click()
        if intento == 0:
            b.auditar(page, "anónimo", "credenciales incorrectas")
    assert page.get_by_role("heading", level=1).count() == 1
    b.auditar(page, "anónimo", "bloqueo", nombre="bloqueo")
    b.respuesta(page, "anónimo", "403_csrf", Client(enforce_csrf_checks=True).post("/accounts/login/"))
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        b.respuesta(page, "anónimo", "503", server_error(RequestFactory().get("/")))
    try:
        raise ValueError("a bug")
    except ValueError:
        b.respuesta(page, "anónimo", "500", server_error(RequestFactory().get("/")))

    # Secretaría: second factor enrolment first (OTP_REQUIRED), then every page and form.
    page = contexto()
    iniciar_sesion(page, "secretaria")
    b.auditar(page, "secretaría", "alta del segundo factor")
    page.get_by_role("textbox", name="Código").fill("000000")
    page.get_by_role("button", name="Confirmar y activar").click()
    b.auditar(page, "secretaría", "código incorrecto")
    page.get_by_role("textbox", name="Código").fill(f"{clave_de_la_pagina(page).token():06d}")
    page.get_by_role("button", name="Confirmar y activar").click()
    page.get_by_role("heading", name="Códigos de recuperación").wait_for()
    b.auditar(page, "secretaría", "códigos de recuperación")
    b.visitar(page, "secretaría", "/cuenta/segundo-factor/")
    page.get_by_role("button", name=re.compile("códigos de recuperación")).click()
    page.get_by_role("heading", name="Códigos de recuperación").wait_for()
    b.auditar(page, "secretaría", "códigos nuevos")
    for url in publicos:
        b.visitar(page, "secretaría", url)
    for url in [
        "/panel/",
        f"/mi-organismo/?organismo={policia_local.pk}",
        f"/acuerdos/{acuerdo.pk}/",
        f"/acuerdos/{acuerdo_con_notas.pk}/",
        f"/acuerdos/{acuerdo.pk}/compromisos/nuevo/",
        f"/compromisos/{compromiso.pk}/",
        f"/compromisos/{compromiso.pk}/editar/",
        "/reuniones/nueva/",
        f"/reuniones/{aprobada.pk}/",
        f"/reuniones/{preparacion.pk}/",
        f"/reuniones/{preparacion.pk}/editar/",
        f"/reuniones/{preparacion.pk}/orden-del-dia/",
        f"/reuniones/{preparacion.pk}/puntos/{punto.pk}/editar/",
        f"/reuniones/{preparacion.pk}/puntos/{punto.pk}/eliminar/",
        f"/reuniones/{preparacion.pk}/convocatoria/",
        f"/reuniones/{aprobada.pk}/asistencia/",
        f"/reuniones/{aprobada.pk}/acta/",
        f"/reuniones/{enviada.pk}/acta/",
        f"/reuniones/{borrador.pk}/acta/",
        f"/reuniones/{sin_acta.pk}/acta/",
        f"/reuniones/{borrador.pk}/acta/puntos/{borrador.puntos.first().pk}/acuerdo/",
    ]:
        b.visitar(page, "secretaría", url)
    # Forms sent empty show their errors.
    for url in ["/reuniones/nueva/", f"/acuerdos/{acuerdo.pk}/compromisos/nuevo/"]:
        page.goto(url)
        page.locator("main form[method=post] [type=submit]").last.click()
        page.get_by_text("Corrija los errores indicados.").wait_for()
        b.auditar(page, "secretaría", "formulario vacío con sus errores")
    # The acta editor: a deliberation autosaved by htmx, and sending an acta without a deadline.
    page.goto(f"/reuniones/{borrador.pk}/acta/")
    page.locator("textarea").first.fill("La Policía Local informa del dispositivo.")
    page.locator("[id^=estado-]").first.get_by_text("Guardado", exact=False).wait_for()
    b.auditar(page, "secretaría", "guardado automático")
    page.locator(f"form[action$='/reuniones/{borrador.pk}/acta/enviar/'] input").last.fill("")
    page.get_by_role("button", name="Enviar para conformidad").click()
    page.locator(".invalid-feedback").first.wait_for()
    b.auditar(page, "secretaría", "envío sin plazo")
    # htmx: moving an item of the orden del día swaps the list in place.
    page.goto(f"/reuniones/{preparacion.pk}/orden-del-dia/")
    page.locator(f"form[action$='/reuniones/{preparacion.pk}/puntos/nuevo/'] [type=submit]").click()
    page.locator(".invalid-feedback").first.wait_for()
    b.auditar(page, "secretaría", "punto sin título")
    page.locator("#orden-del-dia button[id$='-abajo']").first.click()
    page.wait_for_function("document.querySelector('#orden-del-dia [role=status]').textContent.trim() !== ''")
    b.auditar(page, "secretaría", "orden tras mover un punto")

    # Delegado.
    page = contexto()
    iniciar_sesion(page, "delegado")
    for url in publicos:
        b.visitar(page, "delegado", url)
    for url in [
        "/panel/",
        "/mi-organismo/",
        f"/mi-organismo/?organismo={policia_local.pk}",
        f"/acuerdos/{acuerdo.pk}/",
        f"/compromisos/{compromiso.pk}/",
        f"/reuniones/{aprobada.pk}/",
        f"/reuniones/{enviada.pk}/acta/",
        f"/reuniones/{aprobada.pk}/acta/",
        "/cuenta/segundo-factor/",
    ]:
        b.visitar(page, "delegado", url)
    b.visitar(page, "delegado", f"/reuniones/{preparacion.pk}/editar/", status=403, nombre="403")
    page.goto("/calendario/")
    page.get_by_role("button", name="Crear mi dirección de calendario").click()
    page.get_by_label("Su dirección privada de calendario").wait_for()
    b.auditar(page, "delegado", "con dirección de calendario")

    # A phone 320 px wide (WCAG 1.4.10, reflow): the collapsed menu, wide tables scroll inside their box.
    page = contexto(ancho=320)
    iniciar_sesion(page, "delegado")
    for url in [*publicos, "/panel/", f"/acuerdos/{acuerdo.pk}/", f"/compromisos/{compromiso.pk}/"]:
        b.visitar(page, "delegado 320 px", url)
    for url in [f"/reuniones/{aprobada.pk}/", f"/reuniones/{aprobada.pk}/acta/", "/accesibilidad/"]:
        b.visitar(page, "delegado 320 px", url)
    page.get_by_role("button", name="Mostrar navegación").click()
    page.get_by_role("link", name="Panel").wait_for()
    b.auditar(page, "delegado 320 px", "menú desplegado")

    # Enlace (Policía Local): what the body owes, its compromiso with notes (an empty note shows the error).
    page = contexto()
    iniciar_sesion(page, "enlace_pl")
    for url in publicos:
        b.visitar(page, "enlace", url)
    for url in [
        "/mi-organismo/",
        f"/acuerdos/{acuerdo.pk}/",
        f"/compromisos/{compromiso.pk}/",
        f"/reuniones/{enviada.pk}/acta/",
        "/cuenta/segundo-factor/",
    ]:
        b.visitar(page, "enlace", url)
    page.goto(f"/compromisos/{compromiso.pk}/")
    page.locator("#notas textarea").fill("   ")  # passes the browser's `required`, not the server's
    page.locator("#notas form [type=submit]").click()
    page.locator("#notas .invalid-feedback").first.wait_for()
    b.auditar(page, "enlace", "nota vacía (htmx)")
    b.visitar(page, "enlace", "/panel/", status=403, nombre="403")

    # Administración: verifies the second factor it already has, then the audit log and public content.
    admin = Usuario.objects.get(username="admin")
    device = TOTPDevice.objects.create(user=admin, name="App", confirmed=True)
    page = contexto()
    iniciar_sesion(page, "admin")
    b.auditar(page, "administración", "verificación")
    page.get_by_role("textbox", name="Código").fill("000000")
    page.get_by_role("button", name="Verificar").click()
    b.auditar(page, "administración", "código incorrecto")
    page.get_by_role("textbox", name="Código").fill(totp(device))
    page.get_by_role("button", name="Verificar").click()
    page.wait_for_url("**/")
    for url in [*publicos, "/auditoria/", "/auditoria/?accion=login", f"/acuerdos/{acuerdo.pk}/", "/accesibilidad/"]:
        b.visitar(page, "administración", url)

    # The Django admin, for technical staff: its index, a list, a change form with date and time inputs.
    for url in ["/admin/", "/admin/juntas/compromiso/", f"/admin/juntas/compromiso/{compromiso.pk}/change/"]:
        b.visitar(page, "administración", url, nombre="admin")
    nombres = set(_url_names(get_resolver().url_patterns))
    assert set(NOT_HTML) <= nombres, f"NOT_HTML names no URL pattern: {sorted(set(NOT_HTML) - nombres)}"
    sin_auditar = nombres - set(NOT_HTML) - b.auditadas
    roles = ", ".join(f"{rol} {n}" for rol, n in b.por_rol.items())
    print(f"\naxe-core sweep: {b.por_rol.total()} page audits ({roles}), {len(b.auditadas)} page kinds")  # noqa: T201
    assert not sin_auditar and not b.violaciones, (
        f"HTML pages the sweep never audited: {sorted(sin_auditar)}\n"
        f"{len(b.violaciones)} WCAG 2.1 AA violations:\n" + "\n".join(b.violaciones)
    )


def contorno(page) -> dict:
    return page.evaluate(
        """() => {
          const el = document.activeElement, s = getComputedStyle(el);
          return {tag: el.tagName, text: el.textContent.trim(), style: s.outlineStyle,
                  width: parseFloat(s.outlineWidth), visible: el.checkVisibility()};
        }"""
    )


def test_the_skip_link_comes_first_and_focus_is_always_visible(contexto, secretaria):
    page = contexto()
    page.goto("/accesibilidad/")  # the login page puts focus in its first field (autofocus) instead
    page.keyboard.press("Tab")
    foco = contorno(page)
    assert foco["text"] == "Saltar al contenido principal", foco
    assert foco["visible"] and foco["style"] == "solid" and foco["width"] >= 2, foco
    box = page.locator(".skip-link").bounding_box()
    assert box["width"] > 20 and box["height"] > 10, "the focused skip link is shown on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenido"

    # Tabbing on from the main content to the footer: every control shows a ring of at least 2 px.
    vistos = []
    while "BUTTON" not in vistos and len(vistos) < 20:
        page.keyboard.press("Tab")
        foco = contorno(page)
        vistos.append(foco["tag"])
        assert foco["style"] == "solid" and foco["width"] >= 2, foco
    assert {"A", "SELECT", "BUTTON"} <= set(vistos), vistos

    # Signed in, the navbar's links and buttons show the ring too (amber on the dark blue).
    page.goto("/accounts/login/")
    page.get_by_label("Nombre de usuario").fill("secretaria")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/")
    page.keyboard.press("Tab")
    assert contorno(page)["text"] == "Saltar al contenido principal"
    for _ in range(4):
        page.keyboard.press("Tab")
        foco = contorno(page)
        assert foco["tag"] == "A" and foco["style"] == "solid" and foco["width"] >= 2, foco
        color = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
        assert color == "rgb(255, 191, 71)", foco
