from juntas.models.acuerdo import Acuerdo, Adjunto, Compromiso, NotaActuacion
from juntas.models.calendario import TokenCalendario
from juntas.models.choices import (
    Asistencia,
    CargoJunta,
    Derecho,
    EstadoActa,
    EstadoAcuerdo,
    EstadoCompromiso,
    EstadoReunion,
    Modalidad,
    TipoConformidad,
    TipoPunto,
    TipoReunion,
    Votacion,
)
from juntas.models.conformidad import Conformidad
from juntas.models.junta import Junta, MiembroJunta
from juntas.models.recordatorio import RecordatorioEnviado
from juntas.models.reunion import Acta, Convocado, PuntoOrden, Reunion
from juntas.models.version import VersionDatos

__all__ = [
    "Acta",
    "Acuerdo",
    "Adjunto",
    "Asistencia",
    "CargoJunta",
    "Compromiso",
    "Conformidad",
    "Convocado",
    "Derecho",
    "EstadoActa",
    "EstadoAcuerdo",
    "EstadoCompromiso",
    "EstadoReunion",
    "Junta",
    "MiembroJunta",
    "Modalidad",
    "NotaActuacion",
    "PuntoOrden",
    "RecordatorioEnviado",
    "Reunion",
    "TipoConformidad",
    "TipoPunto",
    "TipoReunion",
    "TokenCalendario",
    "Votacion",
    "VersionDatos",
]
