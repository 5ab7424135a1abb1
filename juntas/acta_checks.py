"""The five elements an acta must state (Ley 40/2015, art. 18.1), checked on plain values.

Pure functions, so the rule is tested without a database and shared by the page, the services
(which refuse to send or approve an incomplete acta) and the PDF.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from juntas.models.choices import Modalidad


@dataclass(frozen=True)
class Elemento:
    clave: str
    nombre: str
    presente: bool
    falta: str = ""  # what is missing, when not present


@dataclass(frozen=True)
class PuntoResumen:
    numero: int
    deliberacion: str


def elementos_acta(
    *,
    asistentes: int,
    puntos: Sequence[PuntoResumen],
    lugar: str,
    modalidad: str,
    inicio: dt.datetime | None,
    fin: dt.datetime | None,
    textos_acuerdos: Sequence[str],
) -> list[Elemento]:
    """The five elements in the order of art. 18.1, each saying whether it is present."""
    sin_deliberacion = [str(p.numero) for p in puntos if not p.deliberacion.strip()]
    lugar_ok = bool(lugar.strip()) or modalidad == Modalidad.TELEMATICA
    acuerdos_vacios = sum(1 for texto in textos_acuerdos if not texto.strip())
    return [
        Elemento(
            "asistentes",
            _("Attendees"),
            asistentes > 0,
            _("Nobody is recorded as present: record the attendance first."),
        ),
        Elemento("orden_del_dia", _("Agenda"), bool(puntos), _("The agenda has no items.")),
        Elemento(
            "lugar_tiempo",
            _("Place and time"),
            lugar_ok and inicio is not None and fin is not None,
            _("The meeting needs a place (or remote modality), a start and an end time."),
        ),
        Elemento(
            "deliberaciones",
            _("Main points of the deliberations"),
            bool(puntos) and not sin_deliberacion,
            _("Items without deliberation text: %(items)s.") % {"items": ", ".join(sin_deliberacion)}
            if sin_deliberacion
            else _("The agenda has no items."),
        ),
        Elemento(
            "acuerdos",
            _("Content of the agreements"),
            bool(textos_acuerdos) and acuerdos_vacios == 0,
            _("No agreement has been recorded.") if not textos_acuerdos else _("Some agreements have no text."),
        ),
    ]


def elementos_que_faltan(elementos: Sequence[Elemento]) -> list[Elemento]:
    return [e for e in elementos if not e.presente]
