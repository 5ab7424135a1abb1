"""The benchmark data set: several Juntas with years of reuniones, actas, acuerdos, compromisos and notas.

At scale 1: 5 juntas, 2,000 reuniones, 20,000 acuerdos, 100,000 compromisos and 300,000 notas, plus
what they hang from (organismos, personas, accounts for each role, members, puntos, convocados,
actas, topics and districts) and the audit entries the portal would have written. Everything is
inserted in one transaction with COPY (PostgreSQL), so a failed run leaves nothing behind, and the
search vectors are filled by the database's own triggers. A second run finds the Juntas and skips.

The shape follows how a Junta works: old compromisos are mostly closed, recent ones open, some
overdue; police bodies hold most of them; every status change has its nota.
"""

import datetime as dt
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from coordinacion.choices import POLICE_TYPES, AccionAuditoria, Confidencialidad, Rol, TipoOrganismo
from coordinacion.models import Distrito, Materia, Organismo, Persona, RegistroAuditoria, Usuario
from juntas.bench import textos
from juntas.bench.carga import indices_aplazados, insertar, reiniciar_secuencias, siguiente_id
from juntas.models import (
    Acta,
    Acuerdo,
    Asistencia,
    CargoJunta,
    Compromiso,
    Convocado,
    Derecho,
    EstadoActa,
    EstadoCompromiso,
    EstadoReunion,
    Junta,
    MiembroJunta,
    Modalidad,
    NotaActuacion,
    PuntoOrden,
    Reunion,
    TipoPunto,
    TipoReunion,
    Votacion,
)
from juntas.transitions import estado_acuerdo

OBJETIVO = {"juntas": 5, "reuniones": 2_000, "acuerdos": 20_000, "compromisos": 100_000, "notas": 300_000}
MUNICIPIOS = ["Villanueva de la Vega", "Puerto Alto", "San Martín del Campo", "Valdeluz", "Torreblanca"]
PREFIJO_JUNTA = "Junta Local de Seguridad de "
# The accounts the bench signs in with, one per role; all belong to the first Junta.
USUARIOS = {
    Rol.SECRETARIA: "bench_secretaria",
    Rol.DELEGADO: "bench_delegado",
    Rol.ENLACE: "bench_enlace",
    Rol.ADMINISTRACION: "bench_administracion",
}
# The biggest session and the acuerdo with the most compromisos: the pages the bench should load.
PUNTOS_SESION_GRANDE = 30
ACUERDOS_SESION_GRANDE = 60
COMPROMISOS_ACUERDO_GRANDE = 40
ANIOS = 10

DISTRITOS = ["Centro", "Norte", "Sur", "Este", "Oeste", "Casco Antiguo", "Ensanche", "Puerto", "La Vega", "Sierra"]
MATERIAS = [
    "Convivencia",
    "Seguridad vial",
    "Violencia de género",
    "Absentismo escolar",
    "Ocio nocturno",
    "Drogas",
    "Protección civil",
    "Comercio",
    "Menores",
    "Personas mayores",
    "Vivienda",
    "Medio ambiente",
]
# (name, type, acronym, district, weight among the compromisos)
ORGANISMOS = [
    ("Policía Local de {m}", TipoOrganismo.POLICIA_LOCAL, "PL", None, 30),
    ("Comisaría del Cuerpo Nacional de Policía de {m}", TipoOrganismo.CNP, "CNP", None, 15),
    ("Puesto de la Guardia Civil de {m}", TipoOrganismo.GUARDIA_CIVIL, "GC", None, 8),
    ("Subdelegación del Gobierno · {m}", TipoOrganismo.SUBDELEGACION, "SG", None, 5),
    ("Concejalía de Seguridad Ciudadana de {m}", TipoOrganismo.DELEGACION_MUNICIPAL, "", None, 10),
    ("Servicios Sociales de {m}", TipoOrganismo.SERVICIOS_SOCIALES, "", None, 10),
    ("Delegación de Educación de {m}", TipoOrganismo.EDUCACION, "", None, 8),
    ("Participación Ciudadana de {m}", TipoOrganismo.PARTICIPACION, "", None, 3),
    ("Junta Municipal del Distrito Norte de {m}", TipoOrganismo.DISTRITO, "", "Norte", 4),
    ("Junta Municipal del Distrito Sur de {m}", TipoOrganismo.DISTRITO, "", "Sur", 4),
    ("Junta Municipal del Distrito Centro de {m}", TipoOrganismo.DISTRITO, "", "Centro", 3),
    ("Federación de Asociaciones Vecinales de {m}", TipoOrganismo.ASOCIACION, "", None, 2),
]
CARGOS = ["Jefatura", "Enlace con la Junta", "Técnico de seguimiento"]
NOMBRES = ["Ana", "Luis", "Carmen", "Javier", "Lucía", "Manuel", "Rosa", "Pedro", "Elena", "Antonio", "Marta", "José"]
APELLIDOS = ["García", "Martín", "López", "Sánchez", "Romero", "Navarro", "Torres", "Ruiz", "Molina", "Ortega"]
TITULOS_REUNION = {
    TipoReunion.ORDINARIA: "Sesión ordinaria",
    TipoReunion.EXTRAORDINARIA: "Sesión extraordinaria",
    TipoReunion.COORDINACION: "Reunión de coordinación",
    TipoReunion.MESA: "Mesa de trabajo",
    TipoReunion.COMISION: "Comisión de seguimiento",
}
PESO_TIPO = {
    TipoReunion.ORDINARIA: 10,
    TipoReunion.EXTRAORDINARIA: 5,
    TipoReunion.COORDINACION: 45,
    TipoReunion.MESA: 25,
    TipoReunion.COMISION: 15,
}
PESO_ACUERDOS = {
    TipoReunion.ORDINARIA: 4,
    TipoReunion.EXTRAORDINARIA: 3,
    TipoReunion.COORDINACION: 1.5,
    TipoReunion.MESA: 1,
    TipoReunion.COMISION: 1,
}
E = EstadoCompromiso
# The moves a compromiso made to reach its status, each recorded by a nota.
RECORRIDO = {
    E.PENDIENTE: [],
    E.ACEPTADO: [(E.PENDIENTE, E.ACEPTADO)],
    E.EN_CURSO: [(E.PENDIENTE, E.ACEPTADO), (E.ACEPTADO, E.EN_CURSO)],
    E.BLOQUEADO: [(E.PENDIENTE, E.ACEPTADO), (E.ACEPTADO, E.EN_CURSO), (E.EN_CURSO, E.BLOQUEADO)],
    E.CUMPLIDO: [(E.PENDIENTE, E.ACEPTADO), (E.ACEPTADO, E.EN_CURSO), (E.EN_CURSO, E.CUMPLIDO)],
    E.CANCELADO: [(E.PENDIENTE, E.ACEPTADO), (E.ACEPTADO, E.CANCELADO)],
}
# Status by due date: over a year past (reviewed and closed, a few forgotten), past (most work closed,
# some overdue) or still ahead.
ESTADOS_ANTIGUOS = (
    [E.CUMPLIDO, E.CANCELADO, E.EN_CURSO, E.BLOQUEADO, E.ACEPTADO, E.PENDIENTE],
    [85, 12, 1, 1, 0.5, 0.5],
)
ESTADOS_PASADOS = ([E.CUMPLIDO, E.CANCELADO, E.EN_CURSO, E.BLOQUEADO, E.ACEPTADO, E.PENDIENTE], [70, 10, 8, 4, 4, 4])
ESTADOS_FUTUROS = ([E.PENDIENTE, E.ACEPTADO, E.EN_CURSO, E.BLOQUEADO, E.CUMPLIDO], [25, 25, 35, 5, 10])
# Every table the generator loads in bulk.
TABLAS = [Reunion, PuntoOrden, Convocado, Acta, Acuerdo, Acuerdo.materias.through, Acuerdo.distritos.through]
TABLAS += [Compromiso, NotaActuacion, RegistroAuditoria]
PUB, RES, POL = Confidencialidad.PUBLICA, Confidencialidad.RESERVADA, Confidencialidad.POLICIAL


class DatosIncompletos(Exception):
    """The benchmark Juntas exist but hold less than the requested scale."""


def objetivo(escala: float) -> dict[str, int]:
    return {clave: max(1, round(total * escala)) for clave, total in OBJETIVO.items()}


def juntas_bench():
    return Junta.objects.filter(nombre__startswith=PREFIJO_JUNTA, nombre__in=[PREFIJO_JUNTA + m for m in MUNICIPIOS])


def recuento() -> dict[str, int]:
    """How many rows of each kind the benchmark Juntas hold now."""
    juntas = juntas_bench()
    return {
        "juntas": juntas.count(),
        "reuniones": Reunion.objects.filter(junta__in=juntas).count(),
        "acuerdos": Acuerdo.objects.filter(junta__in=juntas).count(),
        "compromisos": Compromiso.objects.filter(acuerdo__junta__in=juntas).count(),
        "notas": NotaActuacion.objects.filter(compromiso__acuerdo__junta__in=juntas).count(),
    }


@dataclass
class Resultado:
    recuento: dict[str, int]
    creado: bool
    segundos: float = 0.0
    filas: dict[str, int] = field(default_factory=dict)  # every table loaded, with its row count


def generar(escala: float = 1.0, semilla: int = 2021, log=lambda texto: None) -> Resultado:
    """Create the data set at `escala` unless it is already there (then nothing is written)."""
    meta = objetivo(escala)
    actual = recuento()
    if actual["juntas"]:
        if all(actual[clave] >= meta[clave] for clave in meta):
            return Resultado(actual, creado=False)
        raise DatosIncompletos(
            f"The benchmark Juntas hold {actual}, less than the requested {meta}: use a fresh database."
        )
    inicio = time.perf_counter()
    with transaction.atomic():
        filas = _Generador(random.Random(semilla), meta, timezone.now(), log).ejecutar()  # noqa: S311 - sample data
    if connection.vendor == "postgresql":
        # What autovacuum would do after a bulk load: planner statistics and the visibility map.
        # VACUUM cannot run inside a transaction (a test's): statistics alone then.
        comando = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        log(comando)
        with connection.cursor() as cursor:
            cursor.execute(comando)
    return Resultado(recuento(), creado=True, segundos=time.perf_counter() - inicio, filas=filas)


@dataclass
class _Org:
    id: int
    tipo: str
    nombre: str
    personas: list[int] = field(default_factory=list)
    enlace_usuario: int | None = None

    @property
    def policial(self) -> bool:
        return self.tipo in POLICE_TYPES


@dataclass
class _Junta:
    id: int
    municipio: str
    orgs: list[_Org]
    pesos: list[int]
    miembros: list[tuple[int, str]]  # (persona id, cargo)
    secretario: int


class _Ids:
    """Primary keys handed out by the generator, table by table, starting past the existing rows."""

    def __init__(self, models):
        self._siguiente = {model: siguiente_id(model) for model in models}

    def nuevo(self, model) -> int:
        value = self._siguiente[model]
        self._siguiente[model] = value + 1
        return value


class _Generador:
    def __init__(self, rng: random.Random, meta: dict[str, int], ahora: dt.datetime, log):
        self.rng = rng
        self.meta = meta
        self.ahora = ahora
        self.hoy = timezone.localdate(ahora)
        self.log = log
        self.filas: dict[str, int] = {}
        self.auditoria: list[tuple] = []
        self.ct = {m: ContentType.objects.get_for_model(m).pk for m in (Reunion, Acta, Acuerdo, Compromiso)}

    def ejecutar(self) -> dict[str, int]:
        paso = time.perf_counter()
        self._red()
        self.log(f"network: {time.perf_counter() - paso:.1f} s")
        self.ids = _Ids(TABLAS)
        with indices_aplazados(TABLAS):
            for nombre, etapa in [
                ("reuniones", self._reuniones),
                ("acuerdos", self._acuerdos),
                ("compromisos", self._compromisos),
                ("notas", self._notas),
                ("auditoria", self._auditoria),
            ]:
                paso = time.perf_counter()
                etapa()
                self.log(f"{nombre}: {time.perf_counter() - paso:.1f} s")
            paso = time.perf_counter()
        self.log(f"indexes: {time.perf_counter() - paso:.1f} s")
        reiniciar_secuencias(TABLAS)
        return self.filas

    def _cargar(self, model, columnas, filas) -> None:
        insertar(model, columnas, filas)
        self.filas[model._meta.db_table] = self.filas.get(model._meta.db_table, 0) + len(filas)

    # --- The network: districts, topics, bodies, persons, accounts, Juntas and their members ---------

    def _red(self) -> None:
        rng = self.rng
        self.distritos = {
            nombre: self._obtener(Distrito, f"Distrito {nombre}", codigo=f"B{i:02d}")
            for i, nombre in enumerate(DISTRITOS)
        }
        self.materias = [self._obtener(Materia, nombre) for nombre in MATERIAS]
        sin_clave = make_password(None)
        self.juntas: list[_Junta] = []
        usuarios = []
        for n, municipio in enumerate(MUNICIPIOS[: self.meta["juntas"]]):
            junta = Junta.objects.create(
                nombre=PREFIJO_JUNTA + municipio,
                municipio=municipio,
                fecha_constitucion=dt.date(2010, 3, 1),
                quorum_segunda_pct=33,
            )
            orgs = []
            for nombre, tipo, siglas, distrito, _peso in ORGANISMOS:
                org = Organismo.objects.create(
                    nombre=nombre.format(m=municipio),
                    siglas=siglas,
                    tipo=tipo,
                    distrito=self.distritos[distrito] if distrito else None,
                )
                personas = Persona.objects.bulk_create(
                    Persona(
                        nombre=f"{rng.choice(NOMBRES)} {rng.choice(APELLIDOS)} {rng.choice(APELLIDOS)}",
                        cargo=f"{cargo} · {org.siglas or org.nombre}",
                        organismo=org,
                        email=f"p{org.pk}-{i}@{municipio.split()[0].lower()}.example.org",
                    )
                    for i, cargo in enumerate(CARGOS)
                )
                orgs.append(_Org(org.pk, tipo, org.nombre, [p.pk for p in personas]))
            concejalia, subdelegacion, participacion = orgs[4], orgs[3], orgs[7]
            miembros = [
                (concejalia.personas[0], CargoJunta.PRESIDENTE),
                (subdelegacion.personas[0], CargoJunta.COPRESIDENTE),
                (concejalia.personas[2], CargoJunta.SECRETARIO),
                (participacion.personas[1], CargoJunta.ASISTENTE),
            ] + [(org.personas[0], CargoJunta.VOCAL) for org in orgs if org not in (concejalia, subdelegacion)]
            MiembroJunta.objects.bulk_create(
                MiembroJunta(junta=junta, persona_id=p, cargo=c, fecha_alta=dt.date(2010, 3, 1)) for p, c in miembros
            )
            self.juntas.append(
                _Junta(junta.pk, municipio, orgs, [peso for *_rest, peso in ORGANISMOS], miembros, miembros[2][0])
            )
            for k, org in enumerate(orgs):
                nombre = USUARIOS[Rol.ENLACE] if n == 0 and k == 0 else f"enlace_{n}_{k}"
                usuarios.append(
                    Usuario(username=nombre, rol=Rol.ENLACE, persona_id=org.personas[1], password=sin_clave)
                )
        primera = self.juntas[0]
        usuarios += [
            Usuario(
                username=USUARIOS[Rol.SECRETARIA], rol=Rol.SECRETARIA, persona_id=primera.secretario, password=sin_clave
            ),
            # The delegate co-chairs the first Junta, so the police-level rules for the presidency apply.
            Usuario(
                username=USUARIOS[Rol.DELEGADO], rol=Rol.DELEGADO, persona_id=primera.miembros[1][0], password=sin_clave
            ),
            Usuario(
                username=USUARIOS[Rol.ADMINISTRACION],
                rol=Rol.ADMINISTRACION,
                is_staff=True,
                is_superuser=True,
                password=sin_clave,
            ),
        ]
        creados = {u.persona_id: u.pk for u in Usuario.objects.bulk_create(usuarios) if u.persona_id}
        self.secretaria = Usuario.objects.get(username=USUARIOS[Rol.SECRETARIA]).pk
        for junta in self.juntas:
            for org in junta.orgs:
                org.enlace_usuario = creados[org.personas[1]]

    @staticmethod
    def _obtener(model, nombre, **defaults):
        return model.objects.get_or_create(nombre=nombre, defaults=defaults)[0]

    # --- Reuniones, with their puntos, convocados and actas ----------------------------------------

    def _reuniones(self) -> None:
        rng = self.rng
        total = self.meta["reuniones"]
        desde = self.ahora - dt.timedelta(days=365 * ANIOS)
        hasta = self.ahora + dt.timedelta(days=60)
        self.reuniones: list[dict] = []
        for n, junta in enumerate(self.juntas):
            cuantas = total // len(self.juntas) + (1 if n < total % len(self.juntas) else 0)
            paso = (hasta - desde) / max(cuantas, 1)
            for i in range(cuantas):
                dia = timezone.localtime(desde + paso * i + dt.timedelta(hours=rng.randint(0, 48))).date()
                inicio = timezone.make_aware(dt.datetime.combine(dia, dt.time(rng.choice([10, 12, 17]), 0)))
                tipo = rng.choices(list(PESO_TIPO), weights=list(PESO_TIPO.values()))[0]
                if inicio < self.ahora:
                    estado = EstadoReunion.CANCELADA if rng.random() < 0.05 else EstadoReunion.CELEBRADA
                else:
                    cerca = inicio - self.ahora < dt.timedelta(days=30)
                    estado = EstadoReunion.CONVOCADA if cerca else EstadoReunion.PREPARACION
                self.reuniones.append(
                    {"id": self.ids.nuevo(Reunion), "junta": junta, "tipo": tipo, "inicio": inicio, "estado": estado}
                )
        # The biggest session: the first Junta's latest ordinary session held.
        pasadas = [r for r in self.reuniones if r["inicio"] < self.ahora]
        primera = [r for r in pasadas if r["junta"] is self.juntas[0]] or pasadas
        self.grande = primera[-1]
        self.grande.update(tipo=TipoReunion.ORDINARIA, estado=EstadoReunion.CELEBRADA)
        # Its acuerdo with the most compromisos is one a year old, so it has a year of notas.
        hace_un_anio = self.ahora - dt.timedelta(days=365)
        anteriores = [r for r in primera if r["inicio"] < hace_un_anio] or primera
        self.sesion_acuerdo_grande = anteriores[-1]

    # --- Acuerdos (rows are written with the reuniones, which may stem from one) --------------------

    def _acuerdos(self) -> None:
        rng = self.rng
        con_acta = [r for r in self.reuniones if r["estado"] == EstadoReunion.CELEBRADA]
        total = self.meta["acuerdos"]
        por_reunion: dict[int, int] = defaultdict(int)
        grandes = min(ACUERDOS_SESION_GRANDE, total // 2)
        por_reunion[self.grande["id"]] = grandes
        resto = total - grandes
        if self.sesion_acuerdo_grande is not self.grande and resto:
            por_reunion[self.sesion_acuerdo_grande["id"]] += 1
            resto -= 1
        otras = [r for r in con_acta if r is not self.grande]
        if otras:
            for r in rng.choices(otras, weights=[PESO_ACUERDOS[r["tipo"]] for r in otras], k=resto):
                por_reunion[r["id"]] += 1
        else:
            por_reunion[self.grande["id"]] += resto
        numeros: dict[tuple[int, int], int] = defaultdict(int)
        self.acuerdos: list[dict] = []
        for reunion in self.reuniones:
            reunion["puntos"] = self._puntos(reunion)
            for i in range(por_reunion.get(reunion["id"], 0)):
                anio = reunion["inicio"].year
                numeros[(reunion["junta"].id, anio)] += 1
                puntos = reunion["puntos"]
                if reunion is self.grande:
                    punto = puntos[i % len(puntos)]["id"]
                else:
                    deliberativos = [p["id"] for p in puntos if p["tipo"] == TipoPunto.DELIBERATIVO]
                    punto = rng.choice(deliberativos) if deliberativos and rng.random() < 0.9 else None
                self.acuerdos.append(
                    {
                        "id": self.ids.nuevo(Acuerdo),
                        "reunion": reunion,
                        "anio": anio,
                        "numero": numeros[(reunion["junta"].id, anio)],
                        "punto": punto,
                        "confidencialidad": rng.choices([PUB, RES, POL], weights=[40, 45, 15])[0],
                        "estados": [],
                    }
                )
        anteriores = [a for a in self.acuerdos if a["reunion"] is self.sesion_acuerdo_grande]
        self.acuerdo_grande = anteriores[0] if anteriores else self.acuerdos[0]
        self.acuerdo_grande["confidencialidad"] = RES
        self._origenes()
        self._escribir_reuniones()

    def _puntos(self, reunion) -> list[dict]:
        rng = self.rng
        if reunion["estado"] == EstadoReunion.CANCELADA:
            return []
        sesion = reunion["tipo"] in (TipoReunion.ORDINARIA, TipoReunion.EXTRAORDINARIA)
        if reunion is self.grande:
            cuantos = PUNTOS_SESION_GRANDE
        else:
            cuantos = rng.randint(6, 12) if sesion else rng.randint(3, 7)
        puntos = []
        for numero in range(1, cuantos + 1):
            if sesion and numero == 1:
                tipo, titulo = TipoPunto.INFORMATIVO, "Lectura y aprobación, si procede, del acta de la sesión anterior"
            elif sesion and numero == 2:
                tipo, titulo = TipoPunto.SEGUIMIENTO, "Seguimiento de los acuerdos adoptados"
            elif sesion and numero == cuantos:
                tipo, titulo = TipoPunto.RUEGOS, "Ruegos y preguntas"
            else:
                tipo = rng.choices([TipoPunto.DELIBERATIVO, TipoPunto.INFORMATIVO], weights=[70, 30])[0]
                titulo = f"{textos.tema(self.rng).capitalize()} {rng.choice(textos.PLACES)}"
            puntos.append({"id": self.ids.nuevo(PuntoOrden), "numero": numero, "tipo": tipo, "titulo": titulo})
        return puntos

    def _origenes(self) -> None:
        """Some coordination meetings and working groups stem from an earlier acuerdo of their Junta."""
        rng = self.rng
        por_junta = defaultdict(list)
        for acuerdo in self.acuerdos:
            por_junta[acuerdo["reunion"]["junta"].id].append(acuerdo)
        for reunion in self.reuniones:
            reunion["origen"] = None
            if reunion["tipo"] in (TipoReunion.COORDINACION, TipoReunion.MESA) and rng.random() < 0.15:
                previos = [
                    a for a in por_junta[reunion["junta"].id][-200:] if a["reunion"]["inicio"] < reunion["inicio"]
                ]
                if previos:
                    reunion["origen"] = rng.choice(previos)["id"]
        # The big acuerdo was followed up in three meetings.
        siguientes = [
            r
            for r in self.reuniones
            if r["junta"] is self.acuerdo_grande["reunion"]["junta"]
            and r["inicio"] > self.acuerdo_grande["reunion"]["inicio"]
            and r["tipo"] == TipoReunion.COORDINACION
        ]
        for reunion in siguientes[:3]:
            reunion["origen"] = self.acuerdo_grande["id"]

    def _escribir_reuniones(self) -> None:
        rng = self.rng
        reuniones, puntos, convocados, actas = [], [], [], []
        for r in self.reuniones:
            junta, inicio, estado = r["junta"], r["inicio"], r["estado"]
            fin = inicio + dt.timedelta(hours=2)
            modalidad = rng.choices(list(Modalidad), weights=[70, 10, 20])[0]
            enlace = f"https://videoconferencia.example.org/jls-{r['id']}" if modalidad != Modalidad.PRESENCIAL else ""
            enviada = inicio - dt.timedelta(days=12) if estado != EstadoReunion.PREPARACION else None
            titulo = f"{TITULOS_REUNION[r['tipo']]} sobre {textos.tema(rng)}"
            lugar = f"Salón de Plenos del Ayuntamiento de {junta.municipio}"
            r["titulo"] = titulo
            reuniones.append(
                (
                    r["id"], junta.id, r["tipo"], titulo, modalidad, lugar, enlace, inicio, fin, estado,
                    junta.secretario, r["origen"], enviada, inicio - dt.timedelta(days=20),
                )
            )  # fmt: skip
            celebrada = estado == EstadoReunion.CELEBRADA
            for p in r["puntos"]:
                deliberacion = textos.parrafo(rng, 2, 5) if celebrada else ""
                descripcion = textos.frase(rng) if rng.random() < 0.5 else ""
                puntos.append(
                    (
                        p["id"],
                        r["id"],
                        p["numero"],
                        p["titulo"],
                        p["tipo"],
                        descripcion,
                        rng.random() < 0.03,
                        deliberacion,
                        1,
                    )
                )
            convocados += self._convocados(r, celebrada)
            if celebrada:
                actas.append(self._acta(r, fin))
        self._cargar(
            Reunion,
            ["id", "junta_id", "tipo", "titulo", "modalidad", "lugar", "enlace_telematico", "inicio", "fin", "estado"]
            + ["convocante_id", "acuerdo_origen_id", "convocatoria_enviada_en", "creada_en"],
            reuniones,
        )
        self._cargar(
            PuntoOrden,
            ["id", "reunion_id", "numero", "titulo", "tipo", "descripcion", "urgente", "deliberacion", "version"],
            puntos,
        )
        self._cargar(
            Convocado,
            ["id", "reunion_id", "organismo_id", "persona_id", "derecho", "asistencia", "notificado_en"],
            convocados,
        )
        self._cargar(
            Acta,
            ["id", "reunion_id", "estado", "observaciones", "redactada_por_id", "enviada_en", "plazo_conformidad"]
            + ["aprobada_en", "version"],
            actas,
        )
        for r in self.reuniones:
            self._auditar(r["inicio"] - dt.timedelta(days=20), AccionAuditoria.CREAR, Reunion, r["id"], r["titulo"], "")

    def _convocados(self, r, celebrada: bool) -> list[tuple]:
        rng = self.rng
        junta = r["junta"]
        notificado = r["inicio"] - dt.timedelta(days=12) if r["estado"] != EstadoReunion.PREPARACION else None
        filas = []
        if r["tipo"] in (TipoReunion.ORDINARIA, TipoReunion.EXTRAORDINARIA):
            organismo_de = {p: org.id for org in junta.orgs for p in org.personas}
            for persona, cargo in junta.miembros:
                derecho = Derecho.VOZ if cargo == CargoJunta.ASISTENTE else Derecho.VOZ_Y_VOTO
                asistencia = (
                    rng.choices([Asistencia.ASISTE, Asistencia.EXCUSA, Asistencia.AUSENTE], weights=[85, 10, 5])[0]
                    if celebrada
                    else Asistencia.PENDIENTE
                )
                filas.append(
                    (
                        self.ids.nuevo(Convocado),
                        r["id"],
                        organismo_de[persona],
                        persona,
                        derecho,
                        asistencia,
                        notificado,
                    )
                )
        else:
            # The local police is at most coordination meetings; a few other bodies join.
            orgs = rng.sample(junta.orgs[1:], rng.randint(2, 5))
            if rng.random() < 0.8:
                orgs.append(junta.orgs[0])
            for org in orgs:
                asistencia = Asistencia.ASISTE if celebrada else Asistencia.PENDIENTE
                filas.append(
                    (self.ids.nuevo(Convocado), r["id"], org.id, None, Derecho.VOZ_Y_VOTO, asistencia, notificado)
                )
        return filas

    def _acta(self, r, fin) -> tuple:
        rng = self.rng
        antiguedad = self.ahora - fin
        if r is self.grande or antiguedad < dt.timedelta(days=30):
            estado, enviada, plazo, aprobada = EstadoActa.BORRADOR, None, None, None
        else:
            enviada = fin + dt.timedelta(days=7)
            plazo = enviada + dt.timedelta(days=10)
            aprobada = enviada + dt.timedelta(days=30) if antiguedad > dt.timedelta(days=120) else None
            estado = EstadoActa.APROBADA if aprobada else EstadoActa.ENVIADA
        observaciones = textos.parrafo(rng, 1, 2) if rng.random() < 0.5 else ""
        acta_id = self.ids.nuevo(Acta)
        self._auditar(fin, AccionAuditoria.CREAR, Acta, acta_id, f"Acta de {r['titulo']}", "")
        return (acta_id, r["id"], estado, observaciones, self.secretaria, enviada, plazo, aprobada, 1)

    # --- Compromisos, then the acuerdos (whose status derives from them) and their tags -------------

    def _compromisos(self) -> None:
        rng = self.rng
        total = self.meta["compromisos"]
        cuantos: dict[int, int] = defaultdict(int)
        grande = min(COMPROMISOS_ACUERDO_GRANDE, total // 2)
        cuantos[self.acuerdo_grande["id"]] = grande
        # One acuerdo in ten never gets a compromiso.
        con = [a for a in self.acuerdos if a is not self.acuerdo_grande and rng.random() >= 0.1] or [
            self.acuerdo_grande
        ]
        for acuerdo in rng.choices(con, k=total - grande):
            cuantos[acuerdo["id"]] += 1
        self.compromisos: list[dict] = []
        filas = []
        for acuerdo in self.acuerdos:
            reunion, junta = acuerdo["reunion"], acuerdo["reunion"]["junta"]
            fecha = timezone.localtime(reunion["inicio"]).date()
            for _ in range(cuantos.get(acuerdo["id"], 0)):
                org = rng.choices(junta.orgs, weights=junta.pesos)[0]
                creado = reunion["inicio"] + dt.timedelta(days=rng.randint(1, 5), hours=rng.randint(0, 8))
                limite = fecha + dt.timedelta(days=rng.randint(30, 365))
                if limite < self.hoy - dt.timedelta(days=365):
                    estados, pesos = ESTADOS_ANTIGUOS
                elif limite < self.hoy - dt.timedelta(days=60):
                    estados, pesos = ESTADOS_PASADOS
                else:
                    estados, pesos = ESTADOS_FUTUROS
                estado = rng.choices(estados, weights=pesos)[0]
                avance = {E.CUMPLIDO: 100, E.EN_CURSO: rng.randint(10, 90), E.BLOQUEADO: rng.randint(0, 60)}.get(
                    estado, 0
                )
                cerrado = None
                if estado in (E.CUMPLIDO, E.CANCELADO):
                    plazo = max(1, (limite - fecha).days + 30)
                    cerrado = min(creado + dt.timedelta(days=rng.randint(1, plazo)), self.ahora)
                if org.policial:
                    nivel = rng.choices([PUB, RES, POL], weights=[20, 50, 30])[0]
                else:
                    nivel = rng.choices([PUB, RES], weights=[35, 65])[0]
                c = {
                    "id": self.ids.nuevo(Compromiso),
                    "acuerdo": acuerdo,
                    "org": org,
                    "estado": estado,
                    "nivel": nivel,
                    "creado": creado,
                    "cerrado": cerrado,
                }
                self.compromisos.append(c)
                acuerdo["estados"].append(estado)
                responsable = rng.choice(org.personas[:2]) if rng.random() < 0.7 else None
                filas.append(
                    (
                        c["id"], acuerdo["id"], org.id, responsable, textos.descripcion_compromiso(rng), limite, estado,
                        avance, nivel, cerrado, creado, cerrado or min(creado + dt.timedelta(days=20), self.ahora),
                    )
                )  # fmt: skip
        self._escribir_acuerdos()
        self._cargar(
            Compromiso,
            ["id", "acuerdo_id", "organismo_id", "responsable_id", "descripcion", "fecha_limite", "estado", "avance"]
            + ["confidencialidad", "cerrado_en", "creado_en", "actualizado_en"],
            filas,
        )
        for c, fila in zip(self.compromisos, filas, strict=True):
            objeto = f"{c['acuerdo']['numero']}/{c['acuerdo']['anio']} · {c['org'].nombre}: {fila[4][:80]}"
            c["objeto"] = objeto
            self._auditar(c["creado"], AccionAuditoria.CREAR, Compromiso, c["id"], objeto, c["nivel"])

    def _escribir_acuerdos(self) -> None:
        rng = self.rng
        filas, materias, distritos = [], [], []
        distrito_ids = [d.pk for d in self.distritos.values()]
        for a in self.acuerdos:
            reunion = a["reunion"]
            votacion = rng.choices(list(Votacion), weights=[60, 15, 25])[0]
            favor = contra = abstenciones = None
            particulares = ""
            if votacion == Votacion.MAYORIA:
                favor, contra, abstenciones = rng.randint(8, 14), rng.randint(1, 4), rng.randint(0, 2)
                particulares = f"Voto en contra razonado: {textos.frase(rng)}"
            titulo = textos.titulo_acuerdo(rng)
            a["titulo"] = titulo
            fecha = timezone.localtime(reunion["inicio"]).date()
            filas.append(
                (
                    a["id"], reunion["junta"].id, a["anio"], a["numero"], reunion["id"], a["punto"], fecha, titulo,
                    textos.texto_acuerdo(rng), votacion, favor, contra, abstenciones, particulares,
                    a["confidencialidad"], estado_acuerdo(a["estados"]), reunion["inicio"] + dt.timedelta(hours=2),
                )
            )  # fmt: skip
            for materia in rng.sample(self.materias, rng.randint(1, 2)):
                materias.append((self.ids.nuevo(Acuerdo.materias.through), a["id"], materia.pk))
            for distrito in rng.sample(distrito_ids, rng.randint(0, 2)):
                distritos.append((self.ids.nuevo(Acuerdo.distritos.through), a["id"], distrito))
        self._cargar(
            Acuerdo,
            ["id", "junta_id", "anio", "numero", "reunion_id", "punto_id", "fecha", "titulo", "texto", "votacion"]
            + ["votos_favor", "votos_contra", "abstenciones", "votos_particulares", "confidencialidad", "estado"]
            + ["creado_en"],
            filas,
        )
        self._cargar(Acuerdo.materias.through, ["id", "acuerdo_id", "materia_id"], materias)
        self._cargar(Acuerdo.distritos.through, ["id", "acuerdo_id", "distrito_id"], distritos)
        for a in self.acuerdos:
            objeto = f"{a['numero']}/{a['anio']} — {a['titulo']}"
            cuando = a["reunion"]["inicio"] + dt.timedelta(hours=2)
            self._auditar(cuando, AccionAuditoria.CREAR, Acuerdo, a["id"], objeto, a["confidencialidad"])

    # --- Notas: every status change has one, the rest are progress reports ---------------------------

    def _notas(self) -> None:
        rng = self.rng
        total = self.meta["notas"]
        cuantas = [len(RECORRIDO[c["estado"]]) for c in self.compromisos]
        sobran = total - sum(cuantas)
        if sobran >= 0:
            grandes = [i for i, c in enumerate(self.compromisos) if c["acuerdo"] is self.acuerdo_grande]
            for i in grandes[: sobran // 4]:
                cuantas[i] += 4
                sobran -= 4
            for i in rng.choices(range(len(cuantas)), k=max(sobran, 0)):
                cuantas[i] += 1
        else:
            # Tiny scales: fewer notas than status changes; the latest compromisos record none.
            for i in range(len(cuantas) - 1, -1, -1):
                quitar = min(cuantas[i], -sobran)
                cuantas[i] -= quitar
                sobran += quitar
                if not sobran:
                    break
        notas = []
        for c, n in zip(self.compromisos, cuantas, strict=True):
            if not n:
                continue
            hasta = c["cerrado"] or self.ahora
            margen = max((hasta - c["creado"]).total_seconds(), 60)
            momentos = sorted(c["creado"] + dt.timedelta(seconds=rng.uniform(30, margen)) for _ in range(n))
            recorrido = RECORRIDO[c["estado"]]
            for k, momento in enumerate(momentos):
                anterior, nuevo = recorrido[k] if k < len(recorrido) else ("", "")
                if c["org"].policial:
                    nivel = rng.choices([PUB, RES, POL], weights=[15, 55, 30])[0]
                else:
                    nivel = rng.choices([PUB, RES], weights=[30, 70])[0]
                autor = c["org"].enlace_usuario if rng.random() < 0.75 else self.secretaria
                notas.append((momento, c["id"], autor, textos.parrafo(rng, 1, 3), anterior, nuevo, nivel))
        # Oldest first, as the portal writes them: ids and the table's physical order follow creada_en.
        notas.sort(key=lambda nota: nota[0])
        self._cargar(
            NotaActuacion,
            ["id", "creada_en", "compromiso_id", "autor_id", "texto", "estado_anterior", "estado_nuevo"]
            + ["confidencialidad"],
            [(self.ids.nuevo(NotaActuacion), *nota) for nota in notas],
        )

    # --- The audit log ------------------------------------------------------------------------------

    def _auditar(self, cuando, accion, model, object_id, objeto, nivel, cambios=None, usuario=None) -> None:
        self.auditoria.append(
            (
                cuando,
                usuario or self.secretaria,
                accion,
                self.ct[model],
                str(object_id),
                objeto[:300],
                cambios or {},
                nivel,
            )
        )

    def _auditoria(self) -> None:
        """One creation entry per reunión, acta, acuerdo and compromiso, which their history panels read.

        The status changes' entries are left out: no measured page reads them, and at 200,000 rows
        they would cost a fifth of the load time.
        """
        nombres = dict(Usuario.objects.values_list("pk", "username"))
        self.auditoria.sort(key=lambda fila: fila[0])
        filas = [
            (
                self.ids.nuevo(RegistroAuditoria),
                cuando,
                usuario,
                nombres[usuario],
                accion,
                ct,
                oid,
                objeto,
                cambios,
                nivel,
            )
            for cuando, usuario, accion, ct, oid, objeto, cambios, nivel in self.auditoria
        ]
        self._cargar(
            RegistroAuditoria,
            ["id", "creado_en", "usuario_id", "nombre_usuario", "accion", "content_type_id", "object_id", "objeto"]
            + ["cambios", "confidencialidad"],
            filas,
        )
