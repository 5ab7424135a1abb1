"""The load scenario: the three daily users' journeys, alternating between two app servers.

    LOAD_ACCOUNTS=cuentas.json LOAD_HOSTS=http://127.0.0.1:8101,http://127.0.0.1:8102 \
        locust -f tests/load/locustfile.py --headless -u 50 -r 5 -t 60s

tests/load/run.sh prepares everything and runs it. The accounts file comes from
`manage.py preparar_carga`. Each request goes to the next host in turn, so a session, a CSRF token
and the locks taken by one server must hold on the other. Every response is checked for its status
and for a marker only the right page shows; a wrong page is an error. A step that fails ends that
journey (the next steps would only repeat the error).
"""

import itertools
import json
import os
import random
import time
from functools import cache
from pathlib import Path

from locust import HttpUser, between, events, task
from locust.exception import StopUser
from locust.stats import StatsEntry

from tests.load import pasos

HOSTS = os.environ.get("LOAD_HOSTS", "http://127.0.0.1:8101,http://127.0.0.1:8102").split(",")
# A person reads a page before the next click; LOAD_THINK_SECONDS="0,0" makes the pytest run instant.
PAUSA = tuple(float(x) for x in os.environ.get("LOAD_THINK_SECONDS", "0.5,2").split(","))
FILTROS = [
    {"estado": "en_curso"},
    {"vencido": "true"},
    {"q": "coordinación"},
    {"estado": "en_curso", "vencido": "true"},
]
BUSQUEDAS = ["coordinación", "absentismo", "policía local", "ocio nocturno", "seguimiento"]


@cache
def cuentas() -> dict:
    return json.loads(Path(os.environ["LOAD_ACCOUNTS"]).read_text())


class PasoFallido(Exception):
    pass


# A password check costs about a second of CPU by design (PBKDF2, 1,000,000 iterations), and every user
# signs in once at the start: the figures without the sign-in steps show what a signed-in day looks like.
SIGN_IN_STEPS = ("sign-in form", "sign in (POST)", "second factor (POST)")


def _cifras(entry, duracion: float) -> dict:
    return {
        "requests": entry.num_requests,
        "errors": entry.num_failures,
        "median_ms": round(entry.get_response_time_percentile(0.5)),
        "p95_ms": round(entry.get_response_time_percentile(0.95)),
        "rps": round(entry.num_requests / duracion, 2),
    }


# Every request as (start, end, step, failed), for the steady state once every user has signed in.
REGISTRO: list[tuple[float, float, str, bool]] = []


@events.request.add_listener
def registrar(name, response_time, exception=None, **_kwargs):
    fin = time.time()
    REGISTRO.append((fin - response_time / 1000, fin, name, exception is not None))


def regimen_estable() -> dict | None:
    """The requests that started after the last sign-in ended: a signed-in day, without the ramp."""
    entradas = [fin for _inicio, fin, nombre, _fallo in REGISTRO if nombre.endswith(SIGN_IN_STEPS)]
    if not entradas:
        return None
    desde = max(entradas)
    tiempos = sorted((fin - inicio) * 1000 for inicio, fin, _n, _f in REGISTRO if inicio >= desde)
    if not tiempos:
        return None
    hasta = max(fin for _inicio, fin, _n, _f in REGISTRO)
    return {
        "from_s": round(desde - min(inicio for inicio, *_rest in REGISTRO), 1),
        "seconds": round(hasta - desde, 1),
        "requests": len(tiempos),
        "errors": sum(1 for inicio, _fin, _n, fallo in REGISTRO if inicio >= desde and fallo),
        "median_ms": round(tiempos[len(tiempos) // 2]),
        "p95_ms": round(tiempos[min(len(tiempos) - 1, int(len(tiempos) * 0.95))]),
        "rps": round(len(tiempos) / max(hasta - desde, 1), 2),
    }


@events.quitting.add_listener
def guardar_cifras(environment, **_kwargs):
    """The final figures as JSON (LOAD_STATS) for tests/load/comprobar.py.

    Written when Locust quits, after every user has finished: its CSV files are rewritten only once a
    second and may miss the last requests, which the database check would then count as unexplained.
    """
    destino = os.environ.get("LOAD_STATS")
    if not destino:
        return
    stats = environment.stats
    duracion = max(stats.total.last_request_timestamp - stats.total.start_time, 1)
    sin_entrada = StatsEntry(stats, "without sign-in", "")
    for entry in stats.entries.values():
        if not entry.name.endswith(SIGN_IN_STEPS):
            sin_entrada.extend(entry)
    cifras = {
        "seconds": round(duracion, 1),
        "steps": {entry.name: _cifras(entry, duracion) for entry in stats.entries.values()},
        "overall": _cifras(stats.total, duracion),
        "without_sign_in": _cifras(sin_entrada, duracion),
        "steady_state": regimen_estable(),
        "errors": [{"step": e.name, "error": str(e.error), "count": e.occurrences} for e in stats.errors.values()],
    }
    Path(destino).write_text(json.dumps(cifras, indent=1, ensure_ascii=False))


class Jornada(HttpUser):
    abstract = True
    host = HOSTS[0]
    wait_time = between(1, 3)
    rol = ""

    def on_start(self):
        lista = cuentas()[self.rol]
        self.cuenta = lista[next(self.turnos) % len(lista)]
        inicio = random.randrange(len(HOSTS))
        self.hosts = itertools.cycle(HOSTS[inicio:] + HOSTS[:inicio])
        try:
            self.entrar()
        except PasoFallido:
            raise StopUser() from None

    def pensar(self):
        time.sleep(random.uniform(*PAUSA))

    def pedir(self, paso, path, marcador, *, data=None, multipart=False, params=None) -> str:
        """One request to the next host; a POST must answer with a redirect (post/redirect/get)."""
        host = next(self.hosts)
        kwargs = {"params": params}
        if data is not None:
            # A browser sends the Origin of the page; Django's CSRF check compares it with the host.
            kwargs["headers"] = {"Origin": host}
            if multipart:
                kwargs["files"] = {campo: (None, str(valor)) for campo, valor in data.items()}
            else:
                kwargs["data"] = data
        metodo = "GET" if data is None else "POST"
        nombre = f"{self.rol} · {paso}"
        with self.client.request(metodo, host + path, name=nombre, catch_response=True, **kwargs) as response:
            error = self.comprobar(response, marcador, post=data is not None)
            if error:
                response.failure(error)
            else:
                response.success()
        if error:
            raise PasoFallido(error)
        return response.text

    @staticmethod
    def comprobar(response, marcador, *, post: bool) -> str:
        if post and not (response.history and response.history[0].status_code == 302):
            return f"POST answered {response.history[0].status_code if response.history else response.status_code}"
        if response.status_code != 200:
            return f"status {response.status_code} at {response.url}"
        text = response.text or ""
        found = marcador.search(text) if hasattr(marcador, "search") else marcador in text
        return "" if found else f"wrong page at {response.url}: no {getattr(marcador, 'pattern', marcador)!r}"

    def entrar(self):
        html = self.pedir("sign-in form", "/accounts/login/", pasos.LOGIN)
        datos = {
            "csrfmiddlewaretoken": pasos.csrf(html),
            "username": self.cuenta["username"],
            "password": cuentas()["password"],
        }
        if self.rol != "secretaria":
            self.pedir("sign in (POST)", "/accounts/login/", pasos.HOME, data=datos)
            return
        html = self.pedir("sign in (POST)", "/accounts/login/", pasos.VERIFICAR, data=datos)
        codigo = {"csrfmiddlewaretoken": pasos.csrf(html), "codigo": pasos.totp(self.cuenta["totp_key"]), "next": "/"}
        self.pedir("second factor (POST)", "/cuenta/segundo-factor/verificar/?next=/", pasos.HOME, data=codigo)

    def fallo(self, paso: str, mensaje: str):
        """A check outside a response (an empty list, a missing form) counts as an error of its step."""
        self.environment.events.request.fire(
            request_type="CHECK",
            name=f"{self.rol} · {paso}",
            response_time=0,
            response_length=0,
            response=None,
            context={},
            exception=PasoFallido(mensaje),
        )
        raise PasoFallido(mensaje)

    def jornada(self, pasos_de_la_jornada):
        try:
            pasos_de_la_jornada()
        except PasoFallido:
            return


class Secretaria(Jornada):
    """Council staff: meetings, the orden del día of an upcoming one, and the acta they are writing."""

    rol = "secretaria"
    weight = 1
    turnos = itertools.count()

    @task
    def preparar_y_redactar(self):
        self.jornada(self._jornada)

    def _jornada(self):
        self.pedir("home", "/", pasos.HOME)
        self.pensar()
        self.pedir("reunión list", "/reuniones/", pasos.REUNIONES)
        self.pensar()
        reunion = random.choice(cuentas()["reuniones_orden"])
        self.pedir("reunión detail", f"/reuniones/{reunion}/", pasos.REUNION)
        self.pensar()
        html = self.pedir("orden del día", f"/reuniones/{reunion}/orden-del-dia/", pasos.ORDEN)
        self.pensar()
        punto = {
            "csrfmiddlewaretoken": pasos.csrf(html),
            "titulo": f"Seguimiento de la coordinación ({self.cuenta['username']})",
            "tipo": "informativo",
            "descripcion": "Punto añadido durante la prueba de carga.",
        }
        self.pedir("add punto (POST)", f"/reuniones/{reunion}/puntos/nuevo/", pasos.PUNTO_ANADIDO, data=punto)
        self.pensar()
        propia, punto_id = self.cuenta["reunion"], self.cuenta["punto"]
        html = self.pedir("acta editor", f"/reuniones/{propia}/acta/", pasos.ACTA)
        version = pasos.version_de_punto(html, propia, punto_id)
        if version is None:
            self.fallo("acta editor", "no editor for the account's punto")
        self.pensar()
        texto = {
            "csrfmiddlewaretoken": pasos.csrf(html),
            "texto": f"Se informa del estado de la coordinación (versión {version + 1}).",
            "version": version,
        }
        url = f"/reuniones/{propia}/acta/puntos/{punto_id}/deliberacion/"
        self.pedir("save deliberation (POST)", url, pasos.GUARDADO, data=texto)


class Delegado(Jornada):
    """Delegates: the status of the acuerdos, the dashboard and search."""

    rol = "delegado"
    weight = 2
    turnos = itertools.count()

    @task
    def revisar(self):
        self.jornada(self._jornada)

    def _jornada(self):
        self.pedir("home", "/", pasos.HOME)
        self.pensar()
        html = self.pedir("acuerdo list (filtered)", "/acuerdos/", pasos.ACUERDOS, params=random.choice(FILTROS))
        acuerdos = pasos.acuerdos_enlazados(html)
        if not acuerdos:
            self.fallo("acuerdo list (filtered)", "the filtered list is empty")
        self.pensar()
        self.pedir("acuerdo detail", f"/acuerdos/{random.choice(acuerdos)}/", pasos.ACUERDO)
        self.pensar()
        self.pedir("dashboard", "/panel/", pasos.PANEL)
        self.pensar()
        self.pedir("search", "/buscar/", pasos.BUSQUEDA, params={"q": random.choice(BUSQUEDAS)})


class Enlace(Jornada):
    """Police liaisons: what their body owes, and a nota de actuación on one compromiso."""

    rol = "enlace"
    weight = 2
    turnos = itertools.count()

    @task
    def informar(self):
        self.jornada(self._jornada)

    def _jornada(self):
        self.pedir("home", "/", pasos.HOME)
        self.pensar()
        html = self.pedir("mi organismo", "/mi-organismo/", pasos.MI_ORGANISMO)
        compromisos = pasos.compromisos_enlazados(html)
        if not compromisos:
            self.fallo("mi organismo", "no compromiso listed")
        self.pensar()
        compromiso = random.choice(compromisos)
        html = self.pedir("compromiso detail", f"/compromisos/{compromiso}/", pasos.COMPROMISO)
        if not pasos.admite_nota(html, compromiso):
            self.fallo("compromiso detail", f"compromiso {compromiso} offers its body's liaison no nota form")
        self.pensar()
        nota = {
            "csrfmiddlewaretoken": pasos.csrf(html),
            "texto": "Patrulla de proximidad en la zona; sin incidencias reseñables.",
            "estado_nuevo": "",
            "avance": "",
            "confidencialidad": "reservada",
        }
        self.pedir(
            "add nota (POST)", f"/compromisos/{compromiso}/notas/", pasos.NOTA_ANADIDA, data=nota, multipart=True
        )
