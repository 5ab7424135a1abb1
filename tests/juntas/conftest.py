import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from juntas.models import CargoJunta
from tests import factories


@pytest.fixture
def junta(policia_local, cnp):
    """A Junta of five: chair, secretary, two members (Policía Local and CNP) and a voice-only attendee."""
    junta = factories.JuntaFactory(nombre="Junta Local de Seguridad de Villanueva", quorum_segunda_pct=30)

    def miembro(cargo, titulo, organismo=None):
        persona = factories.PersonaFactory(cargo=titulo, **({"organismo": organismo} if organismo else {}))
        factories.MiembroJuntaFactory(junta=junta, persona=persona, cargo=cargo)
        return persona

    return SimpleNamespace(
        junta=junta,
        presidente=miembro(CargoJunta.PRESIDENTE, "Alcalde"),
        secretario=miembro(CargoJunta.SECRETARIO, "Secretaria de la Junta"),
        jefe_pl=miembro(CargoJunta.VOCAL, "Jefe de la Policía Local", policia_local),
        comisario=miembro(CargoJunta.VOCAL, "Comisario del CNP", cnp),
        asistente=miembro(CargoJunta.ASISTENTE, "Técnica de Acción Social"),
    )


@pytest.fixture
def reunion(junta):
    return factories.ReunionFactory(
        junta=junta.junta, titulo="Sesión ordinaria de otoño", inicio=timezone.now() + dt.timedelta(days=15)
    )
