"""What the load journeys read from pages and compute, kept apart from Locust so pytest can import it.

Importing locust patches the standard library with gevent, which the test suite must not suffer.
"""

import hashlib
import hmac
import re
import struct
import time

# Markers: something only the right page shows (Spanish, the default language).
HOME = "Bienvenido/a, "
LOGIN = 'name="password"'
VERIFICAR = "<title>Verificación en dos pasos ·"
REUNIONES = "<title>Reuniones ·"
REUNION = 'id="h-convocados"'
ORDEN = "<title>Orden del día de "
PUNTO_ANADIDO = re.compile(r"Punto \d+ añadido\.")
ACTA = "<title>Acta: "
GUARDADO = "Guardado."
ACUERDOS = "<title>Acuerdos ·"
ACUERDO = 'id="acuerdo-estado"'
PANEL = 'id="resumen-total"'
BUSQUEDA = 'id="resumen-busqueda"'
MI_ORGANISMO = "<title>Compromisos de "
COMPROMISO = "<title>Compromiso de "
NOTA_ANADIDA = "Nota añadida."

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_ACUERDO = re.compile(r'href="/acuerdos/(\d+)/"')
_COMPROMISO = re.compile(r'href="/compromisos/(\d+)/"')


def csrf(html: str) -> str | None:
    """The CSRF token of the first form on the page."""
    match = _CSRF.search(html)
    return match.group(1) if match else None


def acuerdos_enlazados(html: str) -> list[int]:
    return sorted({int(pk) for pk in _ACUERDO.findall(html)})


def compromisos_enlazados(html: str) -> list[int]:
    return sorted({int(pk) for pk in _COMPROMISO.findall(html)})


def admite_nota(html: str, compromiso: int) -> bool:
    """Whether the compromiso page offers this user the form for a nota de actuación."""
    return f'action="/compromisos/{compromiso}/notas/"' in html


def version_de_punto(html: str, reunion: int, punto: int) -> int | None:
    """The version the deliberation editor of one punto started from (optimistic locking)."""
    accion = f'action="/reuniones/{reunion}/acta/puntos/{punto}/deliberacion/"'
    inicio = html.find(accion)
    if inicio < 0:
        return None
    match = re.compile(r'name="version" value="(\d+)"').search(html, inicio)
    return int(match.group(1)) if match else None


def totp(hex_key: str, now: float | None = None, step: int = 30, digits: int = 6) -> str:
    """The current code of an authenticator app for this key (RFC 6238, HMAC-SHA1), as django-otp checks it."""
    counter = int((time.time() if now is None else now) // step)
    digest = hmac.new(bytes.fromhex(hex_key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return f"{code:0{digits}d}"
