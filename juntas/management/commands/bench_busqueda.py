"""Measure search speed over many notas de actuación (PostgreSQL only).

Creates a scratch Junta with acuerdos, compromisos and --notas notas (COPY), runs a fixed list of
varied queries through the real search service as a secretaría and as a Policía Local liaison, prints
p50/p95/max per role, and deletes everything it created (unless --keep).

    DATABASE_URL=postgres://... python manage.py bench_busqueda
"""

import datetime as dt
import io
import random
import statistics
import time
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from coordinacion.choices import Confidencialidad, Rol, TipoOrganismo
from coordinacion.models import Organismo, Persona, Usuario
from juntas.bench import textos
from juntas.models import Acuerdo, Compromiso, Convocado, Junta, NotaActuacion, PuntoOrden, Reunion
from juntas.search import service
from juntas.search.query import parse

ESTADOS = ["pendiente", "aceptado", "en_curso", "bloqueado"]

QUERIES = [
    "absentismo",
    "absentismos",
    "policia",
    "Policía Local",
    "botellón",
    "botellon",
    "ruido",
    '"ruido nocturno"',
    "ocio nocturno",
    "venta ambulante",
    '"violencia de género"',
    "acoso",
    "drogas",
    "hurtos comercios",
    "vehículos abandonados",
    "velocidad",
    "doble fila",
    "patinetes",
    "distrito Norte",
    '"distrito Norte"',
    "absentismo -Cervantes",
    "botellón -fiestas",
    "ruido -madrugada",
    "plaza Mayor",
    "Cervantes",
    "Zurbarán",
    "calle Goya",
    "expediente",
    "familias",
    "vigilancia",
    "denuncias",
    "mediadora",
    "Guardia Civil",
    "menores",
    "contenedores",
    "vandalismo parque",
    "ciberacoso",
    "estafas mayores",
    "sin hogar",
    "terrazas licencia",
    "incendios",
    "okupas",
    "alcohol menores",
    "salida discotecas",
    "seguimiento",
    "coordinación",
    "medidas",
    "educadores",
    "inexistente",
    '"absentismo escolar" -Norte',
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


class Command(BaseCommand):
    help = "Measure search p50/p95 over many notas de actuación (PostgreSQL only)."

    def add_arguments(self, parser):
        parser.add_argument("--notas", type=int, default=300_000, help="How many notas to create (300,000).")
        parser.add_argument("--keep", action="store_true", help="Keep the scratch data instead of deleting it.")
        parser.add_argument("--seed", type=int, default=2021)

    def handle(self, *args, notas, keep, seed, **options):
        if connection.vendor != "postgresql":
            raise CommandError("bench_busqueda measures the PostgreSQL full-text search; set DATABASE_URL.")
        rng = random.Random(seed)  # noqa: S311 - sample data, not secrets
        tag = uuid.uuid4().hex[:8]
        started = time.perf_counter()
        scratch = self._create(rng, tag, notas)
        self.stdout.write(f"Created {notas:,} notas in {time.perf_counter() - started:.1f} s; vacuuming.")
        # What autovacuum does after a bulk load: statistics, the visibility map, GIN's pending list.
        with connection.cursor() as cursor:
            for model in [NotaActuacion, Compromiso, Acuerdo, Reunion, PuntoOrden]:
                cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")  # noqa: S608 - our own table names
        try:
            for label, user in [("secretaría", scratch["secretaria"]), ("enlace", scratch["enlace"])]:
                self._measure(label, user)
        finally:
            if keep:
                self.stdout.write(f"Kept the scratch data (Junta {scratch['junta'].nombre!r}).")
            else:
                self._delete(scratch)

    def _measure(self, label: str, user) -> None:
        user = Usuario.objects.select_related("persona__organismo").get(pk=user.pk)
        for query in QUERIES[:5]:  # warm the caches the way a running server would have them
            service.search(user, parse(query))
        timings = []
        for query in QUERIES:
            start = time.perf_counter()
            groups = service.search(user, parse(query))
            elapsed = (time.perf_counter() - start) * 1000
            timings.append(elapsed)
            notas = next(group.total for group in groups if group.kind.key == "notas")
            self.stdout.write(f"  {label:>10} {elapsed:7.1f} ms  {notas:>7,} notas  {query}", ending="\n")
        self.stdout.write(
            self.style.SUCCESS(
                f"{label}: {len(timings)} queries, p50 {statistics.median(timings):.1f} ms, "
                f"p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms"
            )
        )

    @transaction.atomic
    def _create(self, rng: random.Random, tag: str, count: int) -> dict:
        junta = Junta.objects.create(nombre=f"Junta de pruebas de rendimiento {tag}", municipio="Villanueva")
        bodies = [
            Organismo.objects.create(nombre=f"Policía Local {tag}", tipo=TipoOrganismo.POLICIA_LOCAL),
            Organismo.objects.create(nombre=f"Cuerpo Nacional de Policía {tag}", tipo=TipoOrganismo.CNP),
        ] + [
            Organismo.objects.create(nombre=f"Organismo {i} {tag}", tipo=TipoOrganismo.DELEGACION_MUNICIPAL)
            for i in range(6)
        ]
        persona = Persona.objects.create(cargo=f"Enlace {tag}", organismo=bodies[0])
        enlace = Usuario.objects.create(username=f"bench-enlace-{tag}", rol=Rol.ENLACE, persona=persona)
        secretaria = Usuario.objects.create(username=f"bench-secretaria-{tag}", rol=Rol.SECRETARIA)
        levels = [Confidencialidad.PUBLICA, Confidencialidad.RESERVADA, Confidencialidad.POLICIAL]
        reuniones, acuerdos = [], []
        for i in range(40):
            inicio = timezone.now() - dt.timedelta(days=45 * i)
            reunion = Reunion.objects.create(
                junta=junta, tipo="ordinaria", titulo=f"Sesión {i}: {textos.tema(rng)}", inicio=inicio
            )
            Convocado.objects.create(reunion=reunion, organismo=rng.choice(bodies))
            PuntoOrden.objects.bulk_create(
                PuntoOrden(
                    reunion=reunion, numero=n, titulo=textos.tema(rng).capitalize(), deliberacion=self._text(rng)
                )
                for n in range(1, 6)
            )
            reuniones.append(reunion)
        for i in range(1, 501):
            reunion = rng.choice(reuniones)
            acuerdos.append(
                Acuerdo(
                    junta=junta,
                    anio=reunion.inicio.year,
                    numero=i,
                    reunion=reunion,
                    fecha=reunion.inicio.date(),
                    titulo=f"Plan sobre {textos.tema(rng)}",
                    texto=self._text(rng),
                    confidencialidad=rng.choices(levels, weights=[3, 5, 2])[0],
                )
            )
        acuerdos = Acuerdo.objects.bulk_create(acuerdos)
        compromisos = Compromiso.objects.bulk_create(
            Compromiso(
                acuerdo=rng.choice(acuerdos),
                organismo=rng.choice(bodies),
                descripcion=self._text(rng),
                fecha_limite=timezone.localdate() + dt.timedelta(days=rng.randint(-300, 300)),
                estado=rng.choice(ESTADOS),
                confidencialidad=rng.choices(levels, weights=[3, 5, 2])[0],
            )
            for _ in range(3000)
        )
        now = timezone.now()
        rows = io.StringIO()
        # Oldest first, as the portal writes them: creada_en follows the physical order of the table.
        minutes_ago = sorted((rng.randint(0, 5 * 365 * 24 * 60) for _ in range(count)), reverse=True)
        for minutes in minutes_ago:
            written = now - dt.timedelta(minutes=minutes)
            level = rng.choices(levels, weights=[5, 12, 3])[0]
            rows.write(
                f"{rng.choice(compromisos).pk}\t{enlace.pk}\t{self._text(rng)}\t\t\t{level}\t{written.isoformat()}\n"
            )
        rows.seek(0)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(
                f"COPY {NotaActuacion._meta.db_table} (compromiso_id, autor_id, texto, estado_anterior, "  # noqa: S608
                "estado_nuevo, confidencialidad, creada_en) FROM STDIN",
                rows,
            )
        return {"junta": junta, "bodies": bodies, "persona": persona, "enlace": enlace, "secretaria": secretaria}

    @staticmethod
    def _text(rng: random.Random) -> str:
        return textos.parrafo(rng, 1, 3)

    @transaction.atomic
    def _delete(self, scratch: dict) -> None:
        junta = scratch["junta"]
        # Raw SQL: the ORM would load every nota to check for protected attachments (there are none).
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {NotaActuacion._meta.db_table} WHERE compromiso_id IN "  # noqa: S608
                f"(SELECT c.id FROM {Compromiso._meta.db_table} c JOIN {Acuerdo._meta.db_table} a "
                "ON a.id = c.acuerdo_id WHERE a.junta_id = %s)",
                [junta.pk],
            )
            deleted = cursor.rowcount
        Compromiso.objects.filter(acuerdo__junta=junta).delete()
        Reunion.objects.filter(junta=junta).update(acuerdo_origen=None)
        Acuerdo.objects.filter(junta=junta).delete()
        Reunion.objects.filter(junta=junta).delete()  # puntos and convocados cascade
        Usuario.objects.filter(pk__in=[scratch["enlace"].pk, scratch["secretaria"].pk]).delete()
        Persona.objects.filter(pk=scratch["persona"].pk).delete()
        Organismo.objects.filter(pk__in=[body.pk for body in scratch["bodies"]]).delete()
        junta.delete()
        self.stdout.write(f"Deleted the scratch data ({deleted:,} notas).")
