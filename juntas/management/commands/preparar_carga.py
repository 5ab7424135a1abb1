"""Prepare a database for the load test (tests/load/): the demo story, a volume of acuerdos, and accounts.

On top of the demo data (cargar_demo) it adds:

- `--acuerdos` acuerdos with three compromisos each (Policía Local, CNP and a third body) and two
  notas per compromiso, so that lists, the dashboard and search read more than a handful of rows;
- `--cuentas` accounts per role (carga_secretaria_NN, carga_delegado_NN, carga_enlace_NN; liaisons
  alternate between the Policía Local and the CNP), all with the password LOAD_PASSWORD; each
  secretaría account has a confirmed TOTP device, so the load signs in with a real second factor;
- two future reuniones whose orden del día the secretaría accounts extend concurrently, and held
  reuniones with a draft acta holding one punto per secretaría account, whose deliberation only that
  account writes (so a 409 conflict in the load would be a lost version, not two people typing).

It writes what the load needs to know (usernames, the password, TOTP keys, the reuniones and puntos)
as JSON to --salida. Running it again creates nothing new but the file. Only with DEBUG on: it creates
accounts with a known password, like the demo.
"""

import datetime as dt
import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordinacion.choices import Confidencialidad, Rol, TipoOrganismo
from coordinacion.models import Organismo, Persona, Usuario
from juntas.management.commands.cargar_demo import JUNTA
from juntas.models import (
    Acta,
    Acuerdo,
    Compromiso,
    EstadoAcuerdo,
    EstadoCompromiso,
    EstadoReunion,
    Junta,
    NotaActuacion,
    PuntoOrden,
    Reunion,
    TipoReunion,
)

LOAD_PASSWORD = "carga-jls-2026"  # noqa: S105 - load-test accounts, and the command refuses to run without DEBUG.
PREFIJO = "carga_"
TITULO_ORDEN = "Carga: sesión con orden del día abierto {n}"
TITULO_ACTA = "Carga: sesión celebrada con acta en borrador {n}"
PUNTOS_POR_ACTA = 10
ESTADOS = [EstadoCompromiso.PENDIENTE, EstadoCompromiso.ACEPTADO, EstadoCompromiso.EN_CURSO, EstadoCompromiso.BLOQUEADO]


class Command(BaseCommand):
    help = "Prepare the load-test database: demo data, volume, load accounts and their reuniones. DEBUG only."

    def add_arguments(self, parser):
        parser.add_argument("--salida", type=Path, required=True, help="where to write the accounts as JSON")
        parser.add_argument("--cuentas", type=int, default=50, help="accounts per role (default 50)")
        parser.add_argument("--acuerdos", type=int, default=300, help="extra acuerdos (default 300)")

    def handle(self, *args, salida: Path, cuentas: int, acuerdos: int, **options):
        if not settings.DEBUG:
            raise CommandError("The load accounts have a known password: prepare them only with DEBUG on.")
        call_command("cargar_demo", stdout=self.stdout)
        junta = Junta.objects.get(nombre=JUNTA["nombre"])
        with transaction.atomic():
            self.volumen(junta, acuerdos)
            usuarios = self.cuentas(cuentas)
            datos = self.reuniones(junta, usuarios)
        salida.write_text(json.dumps(datos, indent=1))
        self.stdout.write(
            f"Load data ready: {Acuerdo.objects.count()} acuerdos, {Compromiso.objects.count()} compromisos, "
            f"{NotaActuacion.objects.count()} notas; {cuentas} accounts per role; written to {salida}."
        )

    def volumen(self, junta: Junta, total: int) -> None:
        """Acuerdos of past sessions with compromisos in every open status and a few notas (bulk)."""
        reuniones = list(Reunion.objects.filter(junta=junta, inicio__lt=timezone.now()).order_by("inicio"))
        ya = Acuerdo.objects.filter(junta=junta, titulo__startswith="Carga:").count()
        if ya >= total or not reuniones:
            return
        organismos = list(Organismo.objects.order_by("pk"))
        pl = Organismo.objects.get(tipo=TipoOrganismo.POLICIA_LOCAL)
        cnp = Organismo.objects.get(tipo=TipoOrganismo.CNP)
        autor = Usuario.objects.get(username="secretaria")
        hoy = timezone.localdate()
        nuevos = []
        for i in range(ya, total):
            reunion = reuniones[i % len(reuniones)]
            anio = timezone.localdate(reunion.inicio).year
            nuevos.append((reunion, anio, i))
        siguiente: dict[int, int] = {}
        acuerdos = []
        for reunion, anio, i in nuevos:
            if anio not in siguiente:
                ultimo = Acuerdo.objects.filter(junta=junta, anio=anio).aggregate(m=Max("numero"))["m"] or 0
                siguiente[anio] = ultimo + 1
            acuerdos.append(
                Acuerdo(
                    junta=junta,
                    anio=anio,
                    numero=siguiente[anio],
                    reunion=reunion,
                    fecha=timezone.localdate(reunion.inicio),
                    titulo=f"Carga: coordinación de servicios en el distrito {i % 7 + 1}, medida {i}",
                    texto="Reforzar la coordinación entre la Policía Local, el CNP y los servicios municipales.",
                    confidencialidad=Confidencialidad.RESERVADA if i % 3 else Confidencialidad.PUBLICA,
                    estado=EstadoAcuerdo.EN_CURSO,
                )
            )
            siguiente[anio] += 1
        acuerdos = Acuerdo.objects.bulk_create(acuerdos)
        compromisos = []
        for i, acuerdo in enumerate(acuerdos):
            for j, organismo in enumerate((pl, cnp, organismos[i % len(organismos)])):
                compromisos.append(
                    Compromiso(
                        acuerdo=acuerdo,
                        organismo=organismo,
                        descripcion=f"Actuación {j + 1} del acuerdo {acuerdo.numero}/{acuerdo.anio}",
                        fecha_limite=hoy + dt.timedelta(days=(i * 7 + j * 11) % 120 - 30),
                        estado=ESTADOS[(i + j) % len(ESTADOS)],
                        avance=(i * 13 + j * 29) % 100,
                        confidencialidad=acuerdo.confidencialidad,
                    )
                )
        compromisos = Compromiso.objects.bulk_create(compromisos)
        NotaActuacion.objects.bulk_create(
            NotaActuacion(compromiso=c, autor=autor, texto=f"Seguimiento {k + 1}: reunión con el servicio responsable.")
            for c in compromisos
            for k in range(2)
        )

    def cuentas(self, total: int) -> dict[str, list[Usuario]]:
        """Accounts per role with one shared password hash (hashing 150 times would take a minute)."""
        password = make_password(LOAD_PASSWORD)
        cuerpos = [
            Organismo.objects.get(tipo=TipoOrganismo.POLICIA_LOCAL),
            Organismo.objects.get(tipo=TipoOrganismo.CNP),
        ]
        secretaria = Organismo.objects.get(nombre="Secretaría General del Ayuntamiento")
        delegacion = Organismo.objects.get(nombre="Delegación de Seguridad Ciudadana")
        usuarios: dict[str, list[Usuario]] = {}
        for rol, organismos in ((Rol.SECRETARIA, [secretaria]), (Rol.DELEGADO, [delegacion]), (Rol.ENLACE, cuerpos)):
            lista = []
            for n in range(1, total + 1):
                username = f"{PREFIJO}{rol}_{n:02d}"
                organismo = organismos[n % len(organismos)]
                usuario = Usuario.objects.filter(username=username).first()
                if usuario is None:
                    persona = Persona.objects.create(organismo=organismo, cargo=f"Cuenta de carga {rol} {n:02d}")
                    usuario = Usuario.objects.create(username=username, password=password, rol=rol, persona=persona)
                lista.append(usuario)
            usuarios[rol] = lista
        for usuario in usuarios[Rol.SECRETARIA]:
            TOTPDevice.objects.get_or_create(user=usuario, defaults={"name": "Carga", "confirmed": True})
        return usuarios

    def reuniones(self, junta: Junta, usuarios: dict[str, list[Usuario]]) -> dict:
        ahora = timezone.now()
        secretaria = Usuario.objects.get(username="secretaria")
        orden = [
            self.reunion(junta, TITULO_ORDEN.format(n=n), ahora + dt.timedelta(days=30 + n), EstadoReunion.CONVOCADA)
            for n in (1, 2)
        ]
        secretarias = usuarios[Rol.SECRETARIA]
        puntos = []
        for n in range((len(secretarias) + PUNTOS_POR_ACTA - 1) // PUNTOS_POR_ACTA):
            reunion = self.reunion(
                junta, TITULO_ACTA.format(n=n + 1), ahora - dt.timedelta(days=2 + n), EstadoReunion.CELEBRADA
            )
            Acta.objects.get_or_create(reunion=reunion, defaults={"redactada_por": secretaria})
            for numero in range(1, PUNTOS_POR_ACTA + 1):
                punto, _created = PuntoOrden.objects.get_or_create(
                    reunion=reunion, numero=numero, defaults={"titulo": f"Asunto {numero} de la sesión"}
                )
                puntos.append(punto)
        devices = {d.user_id: d.key for d in TOTPDevice.objects.filter(user__in=secretarias)}
        return {
            "password": LOAD_PASSWORD,
            "reuniones_orden": [r.pk for r in orden],
            "secretaria": [
                {"username": u.username, "totp_key": devices[u.pk], "reunion": p.reunion_id, "punto": p.pk}
                for u, p in zip(secretarias, puntos, strict=False)
            ],
            "delegado": [{"username": u.username} for u in usuarios[Rol.DELEGADO]],
            "enlace": [{"username": u.username} for u in usuarios[Rol.ENLACE]],
        }

    @staticmethod
    def reunion(junta: Junta, titulo: str, inicio: dt.datetime, estado: str) -> Reunion:
        reunion, _created = Reunion.objects.get_or_create(
            junta=junta,
            titulo=titulo,
            defaults={
                "tipo": TipoReunion.COORDINACION,
                "lugar": "Sala de coordinación",
                "inicio": inicio,
                "fin": inicio + dt.timedelta(hours=2),
                "estado": estado,
            },
        )
        return reunion
