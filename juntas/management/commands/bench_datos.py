"""Create the benchmark data set (see juntas/bench/datos.py); a second run finds it and does nothing.

DATABASE_URL=postgres://.../jls_bench python manage.py bench_datos            # full scale
python manage.py bench_datos --escala 0.01                                    # a hundredth
"""

from django.core.management.base import BaseCommand, CommandError

from juntas.bench import datos


class Command(BaseCommand):
    help = "Create 5 juntas, 2,000 reuniones, 20,000 acuerdos, 100,000 compromisos and 300,000 notas (once)."

    def add_arguments(self, parser):
        parser.add_argument("--escala", type=float, default=1.0, help="Share of the full data set (1 = full).")
        parser.add_argument("--semilla", type=int, default=2021, help="Random seed: the same seed, the same data.")

    def handle(self, *args, escala: float, semilla: int, **options):
        if not 0 < escala <= 1:
            raise CommandError("--escala must be greater than 0 and at most 1.")
        try:
            resultado = datos.generar(escala, semilla, log=lambda texto: self.stdout.write(f"  {texto}"))
        except datos.DatosIncompletos as error:
            raise CommandError(str(error)) from error
        cifras = ", ".join(f"{total:,} {clave}" for clave, total in resultado.recuento.items())
        if not resultado.creado:
            self.stdout.write(f"The benchmark data is already there ({cifras}): nothing to do.")
            return
        self.stdout.write(self.style.SUCCESS(f"Created {cifras} in {resultado.segundos:.1f} s."))
        for tabla, filas in sorted(resultado.filas.items()):
            self.stdout.write(f"  {tabla}: {filas:,} rows")
