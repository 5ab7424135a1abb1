"""Measure the main pages on the benchmark data set and say, page by page, whether each target is met.

    python manage.py bench_datos                 # once: the data set (see juntas/bench/datos.py)
    python manage.py bench --json bench.json     # p50/p95 over 50 requests, queries, targets

See juntas/bench/medida.py for what is measured and how.
"""

import json
import logging
import os
import time
import warnings
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from juntas.bench import medida


class Command(BaseCommand):
    help = "p50/p95 server time and SQL queries of the main pages, against their targets and the admin's."

    def add_arguments(self, parser):
        parser.add_argument("--peticiones", type=int, default=50, help="Timed requests per page (at least 50).")
        parser.add_argument(
            "--json", dest="ruta_json", default="bench.json", help="Where to write the figures (bench.json)."
        )
        parser.add_argument("--sql", action="store_true", help="Also print each page's SQL (to find a miss's cause).")
        parser.add_argument(
            "--paginas",
            nargs="+",
            metavar="CLAVE",
            help="Measure only these pages (keys such as reunion, acta, acuerdo, acta_pdf) and the admin reference.",
        )

    def handle(self, *args, peticiones: int, ruta_json: str, sql: bool, paginas: list[str] | None, **options):
        if peticiones < 1:
            raise CommandError("--peticiones must be at least 1.")
        # django-axes logs every force_login; WhiteNoise warns that collectstatic has not run.
        logging.getLogger("axes").setLevel(logging.WARNING)
        warnings.filterwarnings("ignore", message="No directory at")
        carga = os.getloadavg()[0]
        inicio = time.perf_counter()
        try:
            medidas = medida.medir(
                peticiones, con_sql=sql, log=lambda texto: self.stdout.write(f"  {texto}"), claves=paginas
            )
        except (medida.SinDatos, ValueError) as error:
            raise CommandError(str(error)) from error
        segundos = time.perf_counter() - inicio
        informe = medida.informe(medidas, segundos) | {"carga_inicial": round(carga, 2)}
        Path(ruta_json).write_text(json.dumps(informe, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        self.stdout.write("")
        self.stdout.write(medida.tabla(medidas))
        if sql:
            for m in medidas:
                self.stdout.write(f"\n{m.clave} ({m.consultas} queries):")
                for texto in m.sql:
                    self.stdout.write(f"  {texto}")
        fallos = informe["fallos"]
        resumen = (
            f"{peticiones} requests per page in {segundos:.0f} s, machine load {carga:.1f} at the start "
            f"({os.cpu_count()} CPUs); figures in {ruta_json}."
        )
        if fallos:
            self.stdout.write(
                self.style.WARNING(f"\n{len(fallos)} page(s) miss a target: {', '.join(fallos)}. {resumen}")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"\nEvery target met. {resumen}"))
