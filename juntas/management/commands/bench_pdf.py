"""Time the acta PDF of a large session: `python manage.py bench_pdf` (issue 3 asks for 1 s or less).

It builds a 30-punto session with acuerdos inside a transaction that it rolls back, so it leaves
nothing behind, and prints the median of several runs.
"""

import datetime as dt
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from coordinacion.choices import Confidencialidad, Rol, TipoOrganismo
from coordinacion.models import Organismo, Persona, Usuario
from juntas.documentos import acta_pdf
from juntas.models import (
    Acta,
    Acuerdo,
    Asistencia,
    CargoJunta,
    Convocado,
    Junta,
    MiembroJunta,
    PuntoOrden,
    Reunion,
    TipoReunion,
    Votacion,
)

PARRAFO = (
    "La Policía Local informa de las actuaciones realizadas en el distrito y de la coordinación con el "
    "Cuerpo Nacional de Policía. Se debate la conveniencia de reforzar la presencia en horario nocturno. "
)


class _Rollback(Exception):  # noqa: N818
    pass


class Command(BaseCommand):
    help = "Median time to build the acta PDF of a session with many puntos (data rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--puntos", type=int, default=30)
        parser.add_argument("--repeticiones", type=int, default=5)

    def handle(self, *args, puntos: int, repeticiones: int, **options):
        tiempos: list[float] = []
        try:
            with transaction.atomic():
                reunion, acta, usuario = self._sesion(puntos)
                acta_pdf(reunion=reunion, acta=acta, user=usuario)  # warm-up: fonts and caches
                for _ in range(repeticiones):
                    start = time.perf_counter()
                    content, _restringido = acta_pdf(reunion=reunion, acta=acta, user=usuario)
                    tiempos.append(time.perf_counter() - start)
                raise _Rollback
        except _Rollback:
            pass
        mediana = statistics.median(tiempos)
        self.stdout.write(
            f"PDF del acta con {puntos} puntos y {puntos} acuerdos ({len(content)} bytes): "
            f"mediana {mediana:.3f} s, mín {min(tiempos):.3f} s, máx {max(tiempos):.3f} s "
            f"en {repeticiones} repeticiones"
        )

    def _sesion(self, puntos: int):
        organismo = Organismo.objects.create(nombre="Bench · Policía Local", tipo=TipoOrganismo.POLICIA_LOCAL)
        junta = Junta.objects.create(nombre="Bench · Junta Local de Seguridad", municipio="Bench")
        for cargo in (CargoJunta.PRESIDENTE, CargoJunta.SECRETARIO):
            persona = Persona.objects.create(cargo=f"Bench {cargo}", organismo=organismo)
            MiembroJunta.objects.create(junta=junta, persona=persona, cargo=cargo, fecha_alta=dt.date(2020, 1, 1))
        inicio = timezone.now() - dt.timedelta(hours=3)
        reunion = Reunion.objects.create(
            junta=junta,
            tipo=TipoReunion.ORDINARIA,
            titulo="Bench",
            lugar="Salón de Plenos",
            inicio=inicio,
            fin=inicio + dt.timedelta(hours=2),
        )
        for n in range(20):
            persona = Persona.objects.create(cargo=f"Vocal {n}", organismo=organismo)
            Convocado.objects.create(
                reunion=reunion, persona=persona, organismo=organismo, asistencia=Asistencia.ASISTE
            )
        acta = Acta.objects.create(reunion=reunion, observaciones=PARRAFO)
        for n in range(1, puntos + 1):
            punto = PuntoOrden.objects.create(reunion=reunion, numero=n, titulo=f"Punto {n}", deliberacion=PARRAFO * 4)
            Acuerdo.objects.create(
                junta=junta,
                anio=inicio.year,
                numero=n,
                reunion=reunion,
                punto=punto,
                fecha=inicio.date(),
                titulo=f"Acuerdo del punto {n}",
                texto=PARRAFO * 2,
                votacion=Votacion.MAYORIA,
                votos_favor=12,
                votos_contra=3,
                abstenciones=1,
                votos_particulares="Voto particular razonado.",
                confidencialidad=Confidencialidad.RESERVADA,
            )
        usuario = Usuario.objects.create(username="bench-secretaria", rol=Rol.SECRETARIA)
        return reunion, acta, usuario
