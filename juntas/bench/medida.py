"""Server-side time and SQL query count of the portal's main pages on the benchmark data set.

Each page is requested in-process through django.test.Client as the role that uses it, signed in
as production would have it: with OTP_REQUIRED on, the secretaría and administración sessions carry
a verified TOTP device (the OTP middleware reads it on every request, as in production). The pages
load the heaviest objects of the data set: the reunión with the most acuerdos, its acta, the acuerdo
with the most compromisos. The Django admin changelist of Compromiso is measured the same way, as
the reference every page must beat by half.
"""

import math
import time
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordinacion.choices import Rol
from coordinacion.models import Usuario
from coordinacion.roles import ROLES_CON_SEGUNDO_FACTOR
from juntas.bench import datos
from juntas.models import Acuerdo, EstadoAcuerdo, Reunion

# Kind of page -> p95 target in milliseconds.
OBJETIVOS_MS = {"lista": 75, "detalle": 50, "busqueda": 100, "pdf": 1000}
MAX_CONSULTAS = 8
CAPTURAS = 3  # requests whose queries are counted
CALENTAMIENTO = 3  # requests before timing: templates compiled, caches as a running server has them
BUSQUEDA = "absentismo"


@dataclass
class Pagina:
    clave: str
    nombre: str
    rol: str
    url: str
    tipo: str  # a key of OBJETIVOS_MS, or "referencia" for the admin changelist


@dataclass
class Medida:
    clave: str
    nombre: str
    rol: str
    url: str
    tipo: str
    peticiones: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    consultas: int
    sql_ms: float  # time the steady request spent in the database; the rest of p50 is Python
    objetivo_ms: float | None = None
    limite_admin_ms: float | None = None
    cumple: dict[str, bool] = field(default_factory=dict)
    sql: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(self.cumple.values())


class SinDatos(Exception):
    """The benchmark data set is missing: run bench_datos first."""


def percentil(valores: list[float], cuota: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `cuota` of the values at or below it."""
    ordenados = sorted(valores)
    return ordenados[min(len(ordenados) - 1, max(0, math.ceil(len(ordenados) * cuota) - 1))]


def paginas() -> list[Pagina]:
    """The measured pages, on the heaviest objects of the benchmark Juntas."""
    juntas = datos.juntas_bench().order_by("pk")
    primera = juntas.first()
    if primera is None:
        raise SinDatos("No benchmark data in this database: run `manage.py bench_datos` first.")
    reunion = (
        Reunion.objects.filter(junta__in=juntas, acta__isnull=False)
        .annotate(n=Count("acuerdos"))
        .order_by("-n", "-pk")
        .first()
    )
    acuerdo = Acuerdo.objects.filter(junta__in=juntas).annotate(n=Count("compromisos")).order_by("-n", "-pk").first()
    filtro = f"?junta={primera.pk}&estado={EstadoAcuerdo.EN_CURSO}"
    S, D, E, A = Rol.SECRETARIA, Rol.DELEGADO, Rol.ENLACE, Rol.ADMINISTRACION
    return [
        *(Pagina(f"inicio_{rol}", "Inicio", rol, reverse("inicio"), "lista") for rol in (S, D, E, A)),
        Pagina("reuniones", "Reuniones", S, reverse("reunion_lista"), "lista"),
        Pagina("reunion", "Reunión (la de más acuerdos)", S, reverse("reunion_detalle", args=[reunion.pk]), "detalle"),
        Pagina("acta", "Acta (la de más acuerdos)", S, reverse("acta_detalle", args=[reunion.pk]), "detalle"),
        Pagina("acuerdos", "Acuerdos filtrados", D, reverse("acuerdo_lista") + filtro, "lista"),
        Pagina(
            "acuerdo", "Acuerdo (el de más compromisos)", S, reverse("acuerdo_detalle", args=[acuerdo.pk]), "detalle"
        ),
        Pagina("compromisos_secretaria", "Compromisos", S, reverse("compromiso_lista"), "lista"),
        Pagina("compromisos_enlace", "Compromisos", E, reverse("compromiso_lista"), "lista"),
        Pagina("panel", "Panel", D, reverse("panel"), "lista"),
        Pagina("buscar", f"Búsqueda «{BUSQUEDA}»", S, f"{reverse('buscar')}?q={BUSQUEDA}", "busqueda"),
        # A liaison's search also applies the involvement and policial rules to every match.
        Pagina("buscar_enlace", f"Búsqueda «{BUSQUEDA}»", E, f"{reverse('buscar')}?q={BUSQUEDA}", "busqueda"),
        Pagina("acta_pdf", "Acta en PDF", S, reverse("acta_pdf", args=[reunion.pk]), "pdf"),
        Pagina("admin_compromisos", "Admin: Compromiso", A, f"/{settings.ADMIN_URL}juntas/compromiso/", "referencia"),
    ]


def clientes() -> dict[str, Client]:
    """One signed-in client per role; second-factor roles carry a verified device in their session."""
    clientes = {}
    for rol, username in datos.USUARIOS.items():
        usuario = Usuario.objects.filter(username=username).first()
        if usuario is None:
            raise SinDatos(f"No account {username!r}: run `manage.py bench_datos` first.")
        client = Client()
        client.force_login(usuario)
        if rol in ROLES_CON_SEGUNDO_FACTOR or usuario.is_staff:
            dispositivo, _creado = TOTPDevice.objects.get_or_create(
                user=usuario, name="bench", defaults={"confirmed": True}
            )
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = dispositivo.persistent_id
            session.save()
        clientes[rol] = client
    return clientes


def medir_pagina(client: Client, pagina: Pagina, peticiones: int, con_sql: bool = False) -> Medida:
    for _ in range(CALENTAMIENTO):
        _pedir(client, pagina)
    # The steady count: the fewest of a few requests, since once a minute a request also renews the
    # session (SessionLifetimeMiddleware), which adds its write to that request only.
    consultas, sql_ms = None, 0.0
    for _ in range(CAPTURAS):
        reloj = _RelojSQL()  # Django's query log keeps whole milliseconds only
        with CaptureQueriesContext(connection) as capturadas, connection.execute_wrapper(reloj):
            _pedir(client, pagina)
        # Copied now: every request starts by emptying the connection's query log.
        leidas = [f"[{float(q['time']) * 1000:.1f} ms] {q['sql']}" for q in capturadas.captured_queries]
        if consultas is None or len(leidas) < len(consultas):
            consultas, sql_ms = leidas, reloj.ms
    tiempos = []
    for _ in range(peticiones):
        inicio = time.perf_counter()
        _pedir(client, pagina)
        tiempos.append((time.perf_counter() - inicio) * 1000)
    return Medida(
        clave=pagina.clave,
        nombre=pagina.nombre,
        rol=pagina.rol,
        url=pagina.url,
        tipo=pagina.tipo,
        peticiones=peticiones,
        p50_ms=round(percentil(tiempos, 0.50), 1),
        p95_ms=round(percentil(tiempos, 0.95), 1),
        max_ms=round(max(tiempos), 1),
        consultas=len(consultas),
        sql_ms=round(sql_ms, 1),
        sql=consultas if con_sql else [],
    )


class _RelojSQL:
    """An execute wrapper adding up the time spent in the database driver."""

    def __init__(self):
        self.ms = 0.0

    def __call__(self, execute, sql, params, many, context):
        inicio = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.ms += (time.perf_counter() - inicio) * 1000


def _pedir(client: Client, pagina: Pagina):
    response = client.get(pagina.url)
    # A redirect (to sign-in or to the second factor) or an error would time the wrong thing.
    if response.status_code != 200:
        raise RuntimeError(f"{pagina.url} as {pagina.rol} answered {response.status_code}, not 200.")
    return response


def evaluar(medidas: list[Medida]) -> None:
    """Set each page's targets and whether it meets them, against the admin changelist's figures."""
    referencia = next(m for m in medidas if m.tipo == "referencia")
    for m in medidas:
        if m is referencia:
            continue
        m.objetivo_ms = OBJETIVOS_MS[m.tipo]
        m.cumple = {"tiempo": m.p95_ms <= m.objetivo_ms, "consultas": m.consultas <= MAX_CONSULTAS}
        # The half-the-admin rule is for pages; a PDF is a document with its own 1 s target.
        if m.tipo != "pdf":
            m.limite_admin_ms = round(referencia.p95_ms / 2, 1)
            m.cumple["mitad_admin"] = m.p95_ms <= m.limite_admin_ms


def medir(
    peticiones: int = 50, con_sql: bool = False, log=lambda texto: None, claves: list[str] | None = None
) -> list[Medida]:
    """Measure every page (or only those keyed in `claves`, plus the admin reference) with production's
    second-factor rule and no debug overhead."""
    with _como_produccion():
        por_rol = clientes()
        medidas = []
        elegidas = paginas()
        if claves:
            desconocidas = set(claves) - {p.clave for p in elegidas}
            if desconocidas:
                raise ValueError(f"Unknown page(s): {', '.join(sorted(desconocidas))}.")
            elegidas = [p for p in elegidas if p.clave in claves or p.tipo == "referencia"]
        for pagina in elegidas:
            medida = medir_pagina(por_rol[pagina.rol], pagina, peticiones, con_sql)
            log(f"{pagina.clave}: p95 {medida.p95_ms} ms, {medida.consultas} queries")
            medidas.append(medida)
    evaluar(medidas)
    return medidas


def _como_produccion():
    from django.test.utils import override_settings

    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    return override_settings(DEBUG=False, OTP_REQUIRED=True, SECURE_SSL_REDIRECT=False, ALLOWED_HOSTS=hosts)


def informe(medidas: list[Medida], segundos: float) -> dict:
    """The JSON written next to the table."""
    referencia = next(m for m in medidas if m.tipo == "referencia")
    paginas = [m for m in medidas if m is not referencia]
    return {
        "generado_en": timezone.now().isoformat(),
        "base_de_datos": connection.vendor,
        "segundos": round(segundos, 1),
        "objetivos": {"p95_ms": OBJETIVOS_MS, "max_consultas": MAX_CONSULTAS, "mitad_admin": True},
        "referencia": _fila(referencia),
        "paginas": [_fila(m) | {"ok": m.ok} for m in paginas],
        "fallos": [m.clave for m in paginas if not m.ok],
    }


def _fila(m: Medida) -> dict:
    fila = asdict(m)
    if not fila["sql"]:
        fila.pop("sql")
    return fila


def _causa(m: Medida) -> str:
    """Where a slow page's time goes, split from the measurement: database or Python (views, templates)."""
    if m.cumple.get("tiempo", True) and m.cumple.get("mitad_admin", True):
        return ""
    python_ms = max(0.0, m.p50_ms - m.sql_ms)
    donde = "Python" if python_ms > m.sql_ms else "SQL"
    return f": {donde}, SQL {m.sql_ms:.0f} ms + Python {python_ms:.0f} ms of p50"


def tabla(medidas: list[Medida]) -> str:
    """A plain-text table: one row per page, its figures, its targets and met or MISS."""
    cabecera = ["page", "role", "p50 ms", "p95 ms", "SQL ms", "target", "queries", "<= admin/2", "result"]
    filas = []
    for m in medidas:
        if m.tipo == "referencia":
            fila = [m.nombre, m.rol, f"{m.p50_ms:.1f}", f"{m.p95_ms:.1f}", f"{m.sql_ms:.1f}", "reference"]
            filas.append([*fila, str(m.consultas), "", ""])
            continue
        fallos = [clave for clave, ok in m.cumple.items() if not ok]
        mitad = "n/a" if m.limite_admin_ms is None else f"{m.limite_admin_ms:.1f}"
        filas.append(
            [
                m.nombre,
                m.rol,
                f"{m.p50_ms:.1f}",
                f"{m.p95_ms:.1f}",
                f"{m.sql_ms:.1f}",
                f"{m.objetivo_ms:.0f} ms",
                f"{m.consultas}/{MAX_CONSULTAS}",
                mitad,
                "met" if not fallos else "MISS (" + ", ".join(fallos) + ")" + _causa(m),
            ]
        )
    anchos = [max(len(str(f[i])) for f in [cabecera, *filas]) for i in range(len(cabecera))]
    lineas = [" | ".join(c.ljust(a) for c, a in zip(fila, anchos, strict=True)) for fila in [cabecera, *filas]]
    lineas.insert(1, "-+-".join("-" * a for a in anchos))
    return "\n".join(lineas)
