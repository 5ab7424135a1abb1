"""A held session ready to be minuted, built from factories (shared by unit, view and browser tests)."""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from juntas.models import Asistencia, CargoJunta, Derecho, EstadoReunion, TipoReunion
from tests import factories


def crear_sesion(*, miembros=(), presentes: int = 3, puntos: int = 2, junta=None, inicio=None, **reunion_kwargs):
    """A session held an hour ago with a chair and a secretary, `presentes` voting members present
    (plus the persons of the `miembros` user accounts, present too), one excused, and `puntos` items."""
    presidente = secretario = None
    if junta is None:  # a new Junta with its chair and secretary; a given one already has them
        junta = factories.JuntaFactory(municipio="Villanueva del Río")
        presidente = factories.MiembroJuntaFactory(
            junta=junta,
            cargo=CargoJunta.PRESIDENTE,
            persona=factories.PersonaFactory(cargo="Alcaldesa", nombre="Ana Ruiz"),
        )
        secretario = factories.MiembroJuntaFactory(
            junta=junta,
            cargo=CargoJunta.SECRETARIO,
            persona=factories.PersonaFactory(cargo="Secretario General", nombre="Luis Gómez"),
        )
    inicio = inicio or timezone.now() - dt.timedelta(hours=3)
    reunion = factories.ReunionFactory(
        junta=junta,
        tipo=TipoReunion.ORDINARIA,
        inicio=inicio,
        fin=inicio + dt.timedelta(hours=2),
        estado=EstadoReunion.CELEBRADA,
        **reunion_kwargs,
    )
    for user in miembros:
        factories.ConvocadoFactory(reunion=reunion, persona=user.persona, asistencia=Asistencia.ASISTE)
    for _ in range(presentes):
        factories.ConvocadoFactory(reunion=reunion, asistencia=Asistencia.ASISTE, derecho=Derecho.VOZ_Y_VOTO)
    factories.ConvocadoFactory(reunion=reunion, asistencia=Asistencia.EXCUSA)
    lista = [
        factories.PuntoOrdenFactory(reunion=reunion, numero=n, titulo=f"Punto número {n}") for n in range(1, puntos + 1)
    ]
    return SimpleNamespace(junta=junta, reunion=reunion, puntos=lista, presidente=presidente, secretario=secretario)
