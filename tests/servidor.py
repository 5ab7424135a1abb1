"""A real application server for the fault tests: gunicorn with one sync worker, as in production.

One worker keeps one database connection from request to request (CONN_MAX_AGE), so "the next
request works" tests that the worker notices a dead connection and opens a new one by itself.
"""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

REPO = Path(__file__).resolve().parent.parent


def puerto_libre() -> int:
    """A local TCP port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def servidor_de_la_base() -> tuple[str, int]:
    ajustes = connection.settings_dict
    return ajustes["HOST"] or "127.0.0.1", int(ajustes["PORT"] or 5432)


def url_de_la_base(host: str | None = None, port: int | None = None) -> str:
    """The DATABASE_URL of the database the tests use, optionally through another host and port."""
    ajustes = connection.settings_dict
    credenciales = ajustes["USER"] + (f":{ajustes['PASSWORD']}" if ajustes["PASSWORD"] else "")
    host_real, port_real = servidor_de_la_base()
    return f"postgres://{credenciales}@{host or host_real}:{port or port_real}/{ajustes['NAME']}"


@dataclass
class Respuesta:
    status: int
    headers: dict[str, str]
    text: str


@dataclass
class Servidor:
    port: int
    proceso: subprocess.Popen
    cookies: dict[str, str]

    def pedir(self, method: str, path: str, body: str = "", headers: dict | None = None) -> Respuesta:
        """One HTTP request with the client's cookies; redirects are not followed."""
        cabeceras = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), **(headers or {})}
        if body:
            cabeceras["Content-Type"] = "application/x-www-form-urlencoded"
        conexion = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conexion.request(method, path, body=body.encode(), headers=cabeceras)
            respuesta = conexion.getresponse()
            return Respuesta(respuesta.status, dict(respuesta.getheaders()), respuesta.read().decode())
        finally:
            conexion.close()

    def workers(self) -> list[int]:
        """PIDs of the master's child processes: the worker is the same one if nothing restarted it."""
        hijos = Path(f"/proc/{self.proceso.pid}/task/{self.proceso.pid}/children").read_text()
        return sorted(int(pid) for pid in hijos.split())


@contextlib.contextmanager
def gunicorn(database_url: str, log: Path):
    """Start gunicorn on a free port against `database_url`; stop it on exit."""
    port = puerto_libre()
    env = {
        **os.environ,
        "DEBUG": "1",  # development defaults only; tests/servidor_settings.py turns DEBUG off
        "DJANGO_SETTINGS_MODULE": "tests.servidor_settings",
        "DATABASE_URL": database_url,
    }
    comando = [sys.executable, "-m", "gunicorn", "coordinacion.wsgi:application"]
    comando += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "60"]
    with log.open("w") as salida:
        proceso = subprocess.Popen(comando, cwd=REPO, env=env, stdout=salida, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        _esperar_puerto(port, proceso, log)
        yield Servidor(port=port, proceso=proceso, cookies={})
    finally:
        proceso.terminate()
        proceso.wait(timeout=20)


def _esperar_puerto(port: int, proceso: subprocess.Popen, log: Path) -> None:
    limite = time.monotonic() + 30
    while time.monotonic() < limite:
        if proceso.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start-up:\n{log.read_text()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not listen on {port} within 30 s:\n{log.read_text()}")


class ProxyTCP:
    """Forwards a local port to PostgreSQL. Stopping it is the database going down for the app (refused
    connections, open ones cut) while the shared server keeps running; starting it again brings it back."""

    def __init__(self, host: str, port: int):
        self.destino = (host, port)
        self.port = puerto_libre()
        self._abiertos: list[socket.socket] = []
        self._activo = threading.Event()

    def arrancar(self) -> None:
        escucha = socket.create_server(("127.0.0.1", self.port))  # SO_REUSEADDR: the same port again
        escucha.settimeout(0.05)
        self._activo.set()
        threading.Thread(target=self._aceptar, args=(escucha,), daemon=True).start()

    def parar(self) -> None:
        self._activo.clear()
        time.sleep(0.2)  # the accepting thread closes the listening socket within one timeout
        for abierto in self._abiertos:
            with contextlib.suppress(OSError):
                abierto.shutdown(socket.SHUT_RDWR)
            abierto.close()
        self._abiertos.clear()

    def _aceptar(self, escucha: socket.socket) -> None:
        with escucha:
            while self._activo.is_set():
                try:
                    cliente, _ = escucha.accept()
                except TimeoutError:
                    continue
                servidor = socket.create_connection(self.destino)
                self._abiertos += [cliente, servidor]
                for origen, destino in ((cliente, servidor), (servidor, cliente)):
                    threading.Thread(target=_copiar, args=(origen, destino), daemon=True).start()


def _copiar(origen: socket.socket, destino: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while datos := origen.recv(65536):
            destino.sendall(datos)
    with contextlib.suppress(OSError):
        destino.shutdown(socket.SHUT_WR)
