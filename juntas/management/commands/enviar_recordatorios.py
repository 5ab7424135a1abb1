"""Daily cron job: e-mail each liaison a digest of their body's compromisos due soon or overdue.

python manage.py enviar_recordatorios --dias 7
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from juntas.services.recordatorios import enviar_recordatorios

MAX_DIAS = 365


class Command(BaseCommand):
    help = "E-mail each liaison one digest of their body's commitments due within N days or overdue."

    def add_arguments(self, parser):
        parser.add_argument("--dias", type=int, default=7, help="Days ahead to look for due dates (default 7).")

    def handle(self, *args, dias: int, **options):
        if not 0 <= dias <= MAX_DIAS:
            raise CommandError(f"--dias must be between 0 and {MAX_DIAS}.")
        with translation.override(settings.LANGUAGE_CODE):
            resultado = enviar_recordatorios(dias=dias)
        self.stdout.write(
            f"sent={resultado.enviados} already_sent_today={resultado.ya_enviados} "
            f"nothing_due={resultado.sin_pendientes} no_email={resultado.sin_correo} failed={resultado.fallidos}"
        )
        if resultado.fallidos:
            raise CommandError(f"{resultado.fallidos} reminder(s) could not be sent; see the log.")
