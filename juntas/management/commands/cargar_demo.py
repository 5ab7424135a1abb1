"""Load the demo data: the story of the press release of 3 March 2021 (see DESIGN.md and the seed).

In the ordinary session of 15 December 2020 the Junta Local de Seguridad agreed to strengthen the
coordination and communication between the municipal administration and the police forces (acuerdo
1/2020). On 3 March 2021 the Delegado de Seguridad Ciudadana convened the coordination meeting that
stems from it. Around that story sit further sessions, mesas and comisiones, acuerdos and compromisos
in every status, dated relative to today so that the dashboards stay meaningful.

Persons appear by their cargo only. Every row is looked up by a natural key before it is created,
so running the command again creates nothing. Dates relative to today are fixed by the first run.
"""

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from coordinacion.choices import Confidencialidad, Rol, TipoOrganismo
from coordinacion.models import Distrito, Materia, Organismo, Persona, Usuario
from juntas.models import (
    Acta,
    Acuerdo,
    Asistencia,
    CargoJunta,
    Compromiso,
    Convocado,
    Derecho,
    EstadoActa,
    EstadoAcuerdo,
    EstadoCompromiso,
    EstadoReunion,
    Junta,
    MiembroJunta,
    Modalidad,
    NotaActuacion,
    PuntoOrden,
    Reunion,
    TipoPunto,
    TipoReunion,
    Votacion,
)

MADRID = ZoneInfo("Europe/Madrid")
DEMO_PASSWORD = "demo-jls-2021"  # noqa: S105 - a demo password, and the command refuses to run without DEBUG.

PUB = Confidencialidad.PUBLICA
RES = Confidencialidad.RESERVADA
POL = Confidencialidad.POLICIAL
EC = EstadoCompromiso

# Dates in the data: a dt.date is a fixed day of the story; an int is a number of days from today.

# --- Reference data -------------------------------------------------------------------------

DISTRITOS = (
    ("01", "Centro"),
    ("02", "Norte"),
    ("03", "Sur"),
    ("04", "Este"),
    ("05", "Oeste"),
    ("06", "Casco Antiguo"),
    ("07", "Puerto"),
)

MATERIAS = (
    ("Absentismo escolar", "Prevención y seguimiento del absentismo en la enseñanza obligatoria."),
    ("Convivencia", "Convivencia vecinal, mediación e intervención comunitaria."),
    ("Violencia de género", "Protección de las víctimas y coordinación de los protocolos de violencia de género."),
    ("Seguridad vial", "Siniestralidad, educación vial y entornos escolares seguros."),
    ("Ocio nocturno", "Zonas de ocio nocturno, ruido y convivencia con el vecindario."),
    ("Participación ciudadana", "Cercanía entre las fuerzas de seguridad y la ciudadanía; tejido asociativo."),
    ("Grandes eventos y fiestas", "Dispositivos de seguridad de fiestas, eventos deportivos y concentraciones."),
    ("Menores y entornos escolares", "Seguridad en el entorno de los centros educativos."),
)

# key: (name, acronym, type, district code or None)
ORGANISMOS = {
    "alcaldia": ("Alcaldía", "", TipoOrganismo.DELEGACION_MUNICIPAL, None),
    "secretaria_general": ("Secretaría General del Ayuntamiento", "", TipoOrganismo.DELEGACION_MUNICIPAL, None),
    "seguridad": ("Delegación de Seguridad Ciudadana", "", TipoOrganismo.DELEGACION_MUNICIPAL, None),
    "distritos": ("Delegación de Coordinación de Distritos", "", TipoOrganismo.DELEGACION_MUNICIPAL, None),
    "informatica": ("Servicio de Informática del Ayuntamiento", "", TipoOrganismo.DELEGACION_MUNICIPAL, None),
    "pl": ("Policía Local", "PL", TipoOrganismo.POLICIA_LOCAL, None),
    "cnp": ("Cuerpo Nacional de Policía", "CNP", TipoOrganismo.CNP, None),
    "gc": ("Guardia Civil", "GC", TipoOrganismo.GUARDIA_CIVIL, None),
    "subdelegacion": ("Subdelegación del Gobierno", "", TipoOrganismo.SUBDELEGACION, None),
    "accion_social": ("Servicios Sociales (Acción Social)", "", TipoOrganismo.SERVICIOS_SOCIALES, None),
    "educacion": ("Delegación de Educación", "", TipoOrganismo.EDUCACION, None),
    "participacion": ("Delegación de Participación Ciudadana", "", TipoOrganismo.PARTICIPACION, None),
    "distrito_norte": ("Junta Municipal del Distrito Norte", "", TipoOrganismo.DISTRITO, "02"),
    "fav": ("Federación de Asociaciones Vecinales", "FAV", TipoOrganismo.ASOCIACION, None),
}

# key: (body, cargo). Names stay empty: the portal knows persons by their cargo.
PERSONAS = {
    "alcalde": ("alcaldia", "Alcalde"),
    "subdelegado": ("subdelegacion", "Subdelegado del Gobierno"),
    "secretaria": ("secretaria_general", "Secretaria de la Junta"),
    "delegado_seguridad": ("seguridad", "Delegado de Seguridad Ciudadana"),
    "delegada_distritos": ("distritos", "Delegada de Coordinación de Distritos"),
    "tecnico_convivencia": ("distritos", "Técnico de intervención comunitaria (Mesa Local de Convivencia)"),
    "jefe_pl": ("pl", "Jefe de la Policía Local"),
    "intendente_pl": ("pl", "Intendente de la Policía Local"),
    "proximidad_pl": ("pl", "Oficial de la Unidad de Proximidad de la Policía Local"),
    "enlace_pl": ("pl", "Enlace de la Policía Local con la Junta"),
    "comisario_cnp": ("cnp", "Comisario Jefe del CNP"),
    "participacion_cnp": ("cnp", "Responsable de Participación Ciudadana del CNP"),
    "enlace_cnp": ("cnp", "Enlace del CNP con la Junta"),
    "comandante_gc": ("gc", "Comandante de puesto de la Guardia Civil"),
    "jefa_accion_social": ("accion_social", "Jefa de Servicio de Acción Social"),
    "enlace_accion_social": ("accion_social", "Enlace de Servicios Sociales"),
    "delegado_educacion": ("educacion", "Delegado de Educación"),
    "tecnica_absentismo": ("educacion", "Técnica del programa de absentismo escolar"),
    "delegada_participacion": ("participacion", "Delegada de Participación Ciudadana"),
    "presidente_norte": ("distrito_norte", "Presidente de la Junta Municipal del Distrito Norte"),
    "presidenta_fav": ("fav", "Presidenta de la Federación de Asociaciones Vecinales"),
    "admin_sistemas": ("informatica", "Administrador de sistemas del Ayuntamiento"),
}

# username: (person, role, staff and superuser)
USUARIOS = {
    "secretaria": ("secretaria", Rol.SECRETARIA, False),
    "delegado": ("delegado_seguridad", Rol.DELEGADO, False),
    "enlace_pl": ("enlace_pl", Rol.ENLACE, False),
    "enlace_cnp": ("enlace_cnp", Rol.ENLACE, False),
    "admin": ("admin_sistemas", Rol.ADMINISTRACION, True),
}

# --- The Junta ------------------------------------------------------------------------------

JUNTA = {
    "nombre": "Junta Local de Seguridad de Villanueva",
    "municipio": "Villanueva",
    "fecha_constitucion": dt.date(2016, 3, 10),
    "quorum_primera_pct": 50,
    "quorum_segunda_pct": 33,
    "minutos_segunda_convocatoria": 30,
    "preaviso_ordinaria_dias": 10,
    "preaviso_extraordinaria_horas": 48,
    "periodicidad_ordinaria_meses": 6,
}
ALTA_MIEMBROS = dt.date(2019, 7, 15)

MIEMBROS = (
    ("alcalde", CargoJunta.PRESIDENTE),
    ("subdelegado", CargoJunta.COPRESIDENTE),
    ("secretaria", CargoJunta.SECRETARIO),
    ("delegado_seguridad", CargoJunta.VOCAL),
    ("delegada_distritos", CargoJunta.VOCAL),
    ("jefe_pl", CargoJunta.VOCAL),
    ("comisario_cnp", CargoJunta.VOCAL),
    ("comandante_gc", CargoJunta.VOCAL),
    ("delegada_participacion", CargoJunta.VOCAL),
    ("jefa_accion_social", CargoJunta.ASISTENTE),
    ("delegado_educacion", CargoJunta.ASISTENTE),
)
JUNTA_COMPLETA = tuple(persona for persona, _cargo in MIEMBROS)

# --- Reuniones ------------------------------------------------------------------------------
# Each: when (day, hour, minutes long), who convened it, who was called (with exceptions to the
# default attendance: present if held, not recorded otherwise), the agenda (type, title,
# deliberation) and the acta. "aviso" is how many days before the start the notice went out.

SALON_PLENOS = "Salón de Plenos del Ayuntamiento"

REUNIONES = (
    {
        "clave": "sesion_2020_12",
        "tipo": TipoReunion.ORDINARIA,
        "titulo": "Sesión ordinaria del segundo semestre de 2020",
        "dia": dt.date(2020, 12, 15),
        "hora": (10, 0),
        "minutos": 150,
        "modalidad": Modalidad.MIXTA,
        "lugar": SALON_PLENOS,
        "estado": EstadoReunion.CELEBRADA,
        "convocante": "alcalde",
        "aviso": 14,
        "convocados": JUNTA_COMPLETA,
        "asistencia": {"comandante_gc": Asistencia.EXCUSA},
        "puntos": (
            (
                TipoPunto.SEGUIMIENTO,
                "Seguimiento de los acuerdos de la sesión anterior",
                "La Secretaria da cuenta del estado de los acuerdos de la sesión de junio. "
                "No se formulan observaciones.",
            ),
            (
                TipoPunto.INFORMATIVO,
                "Balance de seguridad del segundo semestre de 2020",
                "El Jefe de la Policía Local y el Comisario Jefe del CNP presentan el balance del semestre, marcado "
                "por el control de las medidas sanitarias. Se destaca la buena colaboración entre ambos cuerpos.",
            ),
            (
                TipoPunto.DELIBERATIVO,
                "Coordinación y comunicación entre la administración municipal y las fuerzas de seguridad",
                "El Delegado de Seguridad Ciudadana propone potenciar líneas de coordinación y de comunicación "
                "entre la administración municipal y las fuerzas y cuerpos de seguridad, para seguir impulsando la "
                "cercanía con la ciudadanía y poner en valor el trabajo policial. La Delegada de Coordinación de "
                "Distritos ofrece la experiencia de la Mesa Local de Convivencia. Todas las partes asumen "
                "compromisos y se acuerda celebrar una reunión de coordinación en el primer trimestre de 2021.",
            ),
            (
                TipoPunto.DELIBERATIVO,
                "Dispositivo de seguridad de las fiestas navideñas",
                "Se revisa el dispositivo conjunto para las fiestas, con especial atención al control de aforos.",
            ),
            (
                TipoPunto.DELIBERATIVO,
                "Intercambio de información en materia de violencia de género",
                "Los mandos policiales exponen la conveniencia de un protocolo de intercambio de información entre "
                "la Policía Local y el CNP. El contenido del debate consta en anexo de difusión policial.",
            ),
            (TipoPunto.RUEGOS, "Ruegos y preguntas", "No se formulan."),
        ),
        "acta": {
            "estado": EstadoActa.APROBADA,
            "enviada": dt.date(2020, 12, 22),
            "plazo": dt.date(2021, 1, 8),
            "aprobada_en_reunion": "sesion_2021_06",
        },
    },
    {
        "clave": "coordinacion_2021_03_03",
        "tipo": TipoReunion.COORDINACION,
        "titulo": "Reunión de coordinación entre la administración municipal y las fuerzas de seguridad",
        "dia": dt.date(2021, 3, 3),
        "hora": (10, 30),
        "minutos": 120,
        "modalidad": Modalidad.PRESENCIAL,
        "lugar": "Sala de reuniones de la Delegación de Seguridad Ciudadana",
        "estado": EstadoReunion.CELEBRADA,
        "convocante": "delegado_seguridad",
        "acuerdo_origen": "coordinacion_comunicacion",
        "aviso": 7,
        "convocados": (
            "delegado_seguridad",
            "delegada_distritos",
            "tecnico_convivencia",
            "participacion_cnp",
            "intendente_pl",
            "proximidad_pl",
            "jefa_accion_social",
        ),
        "asistencia": {"jefa_accion_social": Asistencia.EXCUSA},
        "puntos": (
            (
                TipoPunto.INFORMATIVO,
                "Objetivos del encuentro",
                "El Delegado de Seguridad Ciudadana explica que la reunión emana del compromiso adquirido por todas "
                "las partes en la Junta Local de Seguridad (acuerdo 1/2020): crear mecanismos de coordinación que "
                "den eficacia a los cuerpos policiales en toda la ciudad y mejorar los cauces de comunicación entre "
                "la administración local y la Policía Nacional, con áreas como Participación, Servicios Sociales y "
                "el tejido asociativo.",
            ),
            (
                TipoPunto.INFORMATIVO,
                "El trabajo de la Mesa Local de Convivencia en la intervención comunitaria",
                "La Delegada de Coordinación de Distritos presenta el trabajo de la Mesa Local de Convivencia. Se "
                "comparte una mirada común sobre las problemáticas de los barrios, evitando la estigmatización, y "
                "se buscan alternativas que creen valores de ciudadanía.",
            ),
            (
                TipoPunto.INFORMATIVO,
                "Prevención del absentismo escolar y coordinación con Acción Social",
                "El área de Participación Ciudadana del CNP informa de su trabajo en la prevención del absentismo "
                "escolar y de la coordinación con el área de Acción Social. El Ayuntamiento agradece al CNP su "
                "colaboración constante con las iniciativas municipales.",
            ),
            (
                TipoPunto.DELIBERATIVO,
                "Mecanismos para que la ciudadanía conozca la labor policial",
                "Se acuerda generar un espacio de trabajo estable para que la ciudadanía conozca y valore el "
                "trabajo de los cuerpos de seguridad en toda su amplitud: charlas en centros educativos, jornadas "
                "de puertas abiertas y presencia policial en los consejos de distrito.",
            ),
        ),
        "acta": {
            "estado": EstadoActa.APROBADA,
            "enviada": dt.date(2021, 3, 5),
            "plazo": dt.date(2021, 3, 15),
            "aprobada": dt.date(2021, 3, 16),
            "observaciones": "Aprobada por conformidad de todos los asistentes, sin reparos.",
        },
    },
    {
        "clave": "mesa_convivencia_2021_04",
        "tipo": TipoReunion.MESA,
        "titulo": "Mesa Local de Convivencia: intervención comunitaria en el Distrito Norte",
        "dia": dt.date(2021, 4, 20),
        "hora": (17, 0),
        "minutos": 90,
        "modalidad": Modalidad.PRESENCIAL,
        "lugar": "Centro cívico del Distrito Norte",
        "estado": EstadoReunion.CELEBRADA,
        "convocante": "delegada_distritos",
        "acuerdo_origen": "coordinacion_comunicacion",
        "aviso": 10,
        "convocados": (
            "delegada_distritos",
            "tecnico_convivencia",
            "presidente_norte",
            "presidenta_fav",
            "proximidad_pl",
            "participacion_cnp",
            "enlace_accion_social",
        ),
        "asistencia": {},
        "puntos": (
            (
                TipoPunto.INFORMATIVO,
                "Incorporación de la Policía Local y del CNP a la Mesa",
                "Primera sesión con presencia policial. Las asociaciones valoran la cercanía de los agentes.",
            ),
            (
                TipoPunto.DELIBERATIVO,
                "Calendario de actividades comunitarias en el Distrito Norte",
                "Se fijan paseos de barrio trimestrales con la unidad de proximidad y el CNP.",
            ),
        ),
    },
    {
        "clave": "sesion_2021_06",
        "tipo": TipoReunion.ORDINARIA,
        "titulo": "Sesión ordinaria del primer semestre de 2021",
        "dia": dt.date(2021, 6, 16),
        "hora": (10, 0),
        "minutos": 120,
        "modalidad": Modalidad.MIXTA,
        "lugar": SALON_PLENOS,
        "estado": EstadoReunion.CELEBRADA,
        "convocante": "alcalde",
        "aviso": 12,
        "convocados": JUNTA_COMPLETA,
        "asistencia": {"delegada_participacion": Asistencia.AUSENTE},
        "puntos": (
            (
                TipoPunto.DELIBERATIVO,
                "Aprobación del acta de la sesión de 15 de diciembre de 2020",
                "Se aprueba el acta sin reparos.",
            ),
            (
                TipoPunto.SEGUIMIENTO,
                "Seguimiento del acuerdo 1/2020 y de la reunión de coordinación de 3 de marzo",
                "El Delegado de Seguridad Ciudadana informa de la reunión de coordinación de 3 de marzo y de la "
                "incorporación de la Policía Local y del CNP a la Mesa Local de Convivencia.",
            ),
            (
                TipoPunto.DELIBERATIVO,
                "Seguridad vial en los entornos escolares",
                "Se propone reforzar la presencia policial en entradas y salidas de los colegios.",
            ),
            (
                TipoPunto.DELIBERATIVO,
                "Dispositivo de verano en las zonas de ocio nocturno",
                "Se plantea un dispositivo conjunto para el verano en las zonas de ocio nocturno.",
            ),
            (TipoPunto.RUEGOS, "Ruegos y preguntas", "La Delegada de Coordinación de Distritos pide más datos."),
        ),
        "acta": {
            "estado": EstadoActa.APROBADA,
            "enviada": dt.date(2021, 6, 23),
            "plazo": dt.date(2021, 7, 7),
            "aprobada": dt.date(2021, 7, 8),
            "observaciones": "Aprobada por conformidad de los miembros dentro de plazo.",
        },
    },
    {
        "clave": "extraordinaria_fiestas",
        "tipo": TipoReunion.EXTRAORDINARIA,
        "titulo": "Sesión extraordinaria: plan de seguridad de las fiestas patronales",
        "dia": -150,
        "hora": (9, 30),
        "minutos": 90,
        "modalidad": Modalidad.TELEMATICA,
        "lugar": "",
        "estado": EstadoReunion.CELEBRADA,
        "convocante": "alcalde",
        "aviso": 3,
        "convocados": JUNTA_COMPLETA,
        "asistencia": {"delegado_educacion": Asistencia.EXCUSA},
        "puntos": (
            (
                TipoPunto.DELIBERATIVO,
                "Plan de seguridad de las fiestas patronales",
                "Se aprueba el reparto de funciones entre Policía Local, CNP y Guardia Civil.",
            ),
            (
                TipoPunto.DELIBERATIVO,
                "Prevención de las agresiones sexuales en los espacios festivos",
                "Servicios Sociales propone los Puntos Violeta; la Policía Local expone su protocolo.",
            ),
        ),
        "acta": {
            "estado": EstadoActa.APROBADA,
            "enviada": -145,
            "plazo": -135,
            "aprobada_en_reunion": "sesion_ordinaria_reciente",
        },
    },
    {
        "clave": "comision_absentismo",
        "tipo": TipoReunion.COMISION,
        "titulo": "Comisión de seguimiento del absentismo escolar",
        "dia": -75,
        "hora": (12, 0),
        "minutos": 60,
        "modalidad": Modalidad.PRESENCIAL,
        "lugar": "Delegación de Educación",
        "estado": EstadoReunion.CELEBRADA,
        "convocante": "delegado_educacion",
        "aviso": 10,
        "convocados": (
            "delegado_educacion",
            "tecnica_absentismo",
            "participacion_cnp",
            "enlace_cnp",
            "proximidad_pl",
            "enlace_accion_social",
        ),
        "asistencia": {"proximidad_pl": Asistencia.EXCUSA},
        "puntos": (
            (
                TipoPunto.SEGUIMIENTO,
                "Datos de absentismo del inicio de curso",
                "La técnica del programa presenta los datos agregados por distrito.",
            ),
            (
                TipoPunto.DELIBERATIVO,
                "Derivación de casos entre CNP, Educación y Acción Social",
                "Se revisa el circuito de derivación y se acuerda proponer a la Junta su actualización.",
            ),
        ),
        "acta": {"estado": EstadoActa.APROBADA, "enviada": -70, "plazo": -60, "aprobada": -58},
    },
    {
        "clave": "mesa_seguridad_vial",
        "tipo": TipoReunion.MESA,
        "titulo": "Mesa de seguridad vial: travesías urbanas",
        "dia": -45,
        "hora": (11, 0),
        "minutos": 60,
        "modalidad": Modalidad.PRESENCIAL,
        "lugar": "Jefatura de la Policía Local",
        "estado": EstadoReunion.CANCELADA,
        "convocante": "jefe_pl",
        "aviso": 10,
        "convocados": ("jefe_pl", "comandante_gc", "delegado_seguridad"),
        "asistencia": {},
        "puntos": ((TipoPunto.INFORMATIVO, "Siniestralidad en las travesías urbanas", ""),),
    },
    {
        "clave": "sesion_ordinaria_reciente",
        "tipo": TipoReunion.ORDINARIA,
        "titulo": "Sesión ordinaria: revisión del Plan Local de Seguridad",
        "dia": -30,
        "hora": (10, 0),
        "minutos": 150,
        "modalidad": Modalidad.PRESENCIAL,
        "lugar": SALON_PLENOS,
        "estado": EstadoReunion.CELEBRADA,
        "convocante": "alcalde",
        "aviso": 12,
        "convocados": JUNTA_COMPLETA,
        "asistencia": {},
        "puntos": (
            (
                TipoPunto.DELIBERATIVO,
                "Aprobación del acta de la sesión extraordinaria anterior",
                "Se aprueba el acta sin reparos.",
            ),
            (
                TipoPunto.SEGUIMIENTO,
                "Seguimiento de acuerdos y compromisos",
                "La Secretaria presenta el cuadro de compromisos. Se señalan los vencidos y los bloqueados.",
            ),
            (
                TipoPunto.DELIBERATIVO,
                "Diagnóstico del Plan Local de Seguridad por distritos",
                "Se debate la actualización del diagnóstico. El Comandante de puesto de la Guardia Civil anuncia su "
                "abstención.",
            ),
            (
                TipoPunto.DELIBERATIVO,
                "Venta de droga en el entorno de los centros educativos",
                "Los mandos policiales exponen la situación. El contenido del debate consta en anexo de difusión "
                "policial.",
            ),
            (
                TipoPunto.DELIBERATIVO,
                "Campaña de seguridad vial para personas mayores",
                "Se propone una campaña conjunta de Policía Local y Participación Ciudadana.",
            ),
            (
                TipoPunto.DELIBERATIVO,
                "Videovigilancia en el Casco Antiguo",
                "Se plantea estudiar la instalación de cámaras; se pide antes un informe jurídico.",
            ),
            (TipoPunto.RUEGOS, "Ruegos y preguntas", "No se formulan."),
        ),
        "acta": {"estado": EstadoActa.ENVIADA, "enviada": -25, "plazo": 5},
    },
    {
        "clave": "mesa_ocio_nocturno",
        "tipo": TipoReunion.MESA,
        "titulo": "Mesa de ocio nocturno y convivencia vecinal",
        "dia": -10,
        "hora": (18, 0),
        "minutos": 90,
        "modalidad": Modalidad.MIXTA,
        "lugar": "Centro cívico del Casco Antiguo",
        "estado": EstadoReunion.CELEBRADA,
        "convocante": "delegada_distritos",
        "aviso": 10,
        "convocados": ("delegada_distritos", "intendente_pl", "participacion_cnp", "presidenta_fav"),
        "asistencia": {},
        "puntos": (
            (
                TipoPunto.INFORMATIVO,
                "Quejas vecinales por ruido en el Casco Antiguo",
                "La Federación de Asociaciones Vecinales traslada las quejas de los fines de semana.",
            ),
        ),
        "acta": {"estado": EstadoActa.BORRADOR},
    },
    {
        "clave": "coordinacion_diagnostico",
        "tipo": TipoReunion.COORDINACION,
        "titulo": "Reunión de coordinación del diagnóstico de seguridad por distritos",
        "dia": 5,
        "hora": (10, 0),
        "minutos": 90,
        "modalidad": Modalidad.TELEMATICA,
        "lugar": "",
        "estado": EstadoReunion.PREPARACION,
        "convocante": "delegado_seguridad",
        "acuerdo_origen": "diagnostico_plan_local",
        "aviso": None,
        "convocados": ("delegado_seguridad", "jefe_pl", "comisario_cnp", "comandante_gc", "presidente_norte"),
        "asistencia": {},
        "puntos": (
            (TipoPunto.SEGUIMIENTO, "Datos aportados por cada cuerpo", ""),
            (TipoPunto.DELIBERATIVO, "Estructura común del diagnóstico por distrito", ""),
        ),
    },
    {
        "clave": "extraordinaria_maraton",
        "tipo": TipoReunion.EXTRAORDINARIA,
        "titulo": "Sesión extraordinaria: dispositivo de seguridad del maratón de la ciudad",
        "dia": 12,
        "hora": (9, 0),
        "minutos": 60,
        "modalidad": Modalidad.MIXTA,
        "lugar": SALON_PLENOS,
        "estado": EstadoReunion.CONVOCADA,
        "convocante": "alcalde",
        "aviso": 13,
        "convocados": JUNTA_COMPLETA,
        "asistencia": {},
        "puntos": (
            (TipoPunto.DELIBERATIVO, "Dispositivo de seguridad del maratón", ""),
            (TipoPunto.INFORMATIVO, "Cortes de tráfico y afecciones al transporte público", ""),
        ),
    },
    {
        "clave": "mesa_convivencia_proxima",
        "tipo": TipoReunion.MESA,
        "titulo": "Mesa Local de Convivencia: seguimiento de la intervención comunitaria",
        "dia": 26,
        "hora": (17, 0),
        "minutos": 90,
        "modalidad": Modalidad.PRESENCIAL,
        "lugar": "Centro cívico del Distrito Norte",
        "estado": EstadoReunion.CONVOCADA,
        "convocante": "delegada_distritos",
        "aviso": 27,
        "convocados": (
            "delegada_distritos",
            "tecnico_convivencia",
            "presidente_norte",
            "presidenta_fav",
            "proximidad_pl",
            "participacion_cnp",
        ),
        "asistencia": {},
        "puntos": (
            (TipoPunto.SEGUIMIENTO, "Balance de los paseos de barrio", ""),
            (TipoPunto.RUEGOS, "Ruegos y preguntas", ""),
        ),
    },
)

# --- Acuerdos, their compromisos and the notas on them ---------------------------------------
# Numbers are given in order of adoption (1/2020, 2/2020, ...). A compromiso is
# (key, body, responsible person, commitment, due date, status, progress, confidentiality).

TODOS_LOS_DISTRITOS = tuple(codigo for codigo, _nombre in DISTRITOS)

ACUERDOS = (
    {
        "clave": "coordinacion_comunicacion",
        "reunion": "sesion_2020_12",
        "punto": 3,
        "titulo": "Reforzar la coordinación y la comunicación entre la administración municipal y las fuerzas "
        "y cuerpos de seguridad",
        "texto": "La Junta Local de Seguridad acuerda potenciar líneas de coordinación y de comunicación entre la "
        "administración municipal y las fuerzas y cuerpos de seguridad, para seguir impulsando la cercanía con la "
        "ciudadanía y poner en valor el trabajo que realizan las fuerzas policiales en la ciudad. La Delegación de "
        "Seguridad Ciudadana convocará una reunión de coordinación con la Delegación de Coordinación de Distritos, "
        "el área de Participación Ciudadana del Cuerpo Nacional de Policía y los mandos de la Policía Local. Cada "
        "organismo asume los compromisos que se relacionan.",
        "votacion": Votacion.UNANIMIDAD,
        "confidencialidad": RES,
        "materias": ("Participación ciudadana", "Convivencia", "Absentismo escolar"),
        "distritos": ("01", "02", "03", "04", "05"),
        "compromisos": (
            (
                "convocar_coordinacion",
                "seguridad",
                "delegado_seguridad",
                "Convocar una reunión de coordinación con la Delegación de Coordinación de Distritos, el área de "
                "Participación Ciudadana del CNP y los mandos de la Policía Local.",
                dt.date(2021, 3, 31),
                EC.CUMPLIDO,
                100,
                PUB,
            ),
            (
                "mesa_convivencia",
                "distritos",
                "tecnico_convivencia",
                "Presentar a las fuerzas de seguridad el trabajo de la Mesa Local de Convivencia en el ámbito de la "
                "intervención comunitaria e incorporarlas a la Mesa.",
                dt.date(2021, 6, 30),
                EC.CUMPLIDO,
                100,
                RES,
            ),
            (
                "absentismo_cnp",
                "cnp",
                "participacion_cnp",
                "Mantener el programa de prevención del absentismo escolar en coordinación con la Delegación de "
                "Educación e informar de sus resultados a la Junta cada trimestre.",
                40,
                EC.EN_CURSO,
                70,
                RES,
            ),
            (
                "absentismo_educacion",
                "educacion",
                "tecnica_absentismo",
                "Facilitar al CNP los datos agregados de absentismo por centro educativo y distrito, sin datos "
                "personales del alumnado.",
                -20,
                EC.ACEPTADO,
                0,
                RES,
            ),
            (
                "accion_social_cnp",
                "accion_social",
                "jefa_accion_social",
                "Establecer un cauce estable de coordinación entre Acción Social y el CNP para derivar los casos de "
                "vulnerabilidad detectados en la actuación policial.",
                dt.date(2021, 9, 30),
                EC.CUMPLIDO,
                100,
                RES,
            ),
            (
                "labor_policial_pl",
                "pl",
                "jefe_pl",
                "Organizar charlas en centros educativos y asociaciones y jornadas de puertas abiertas para dar a "
                "conocer a la ciudadanía el trabajo de la Policía Local.",
                90,
                EC.EN_CURSO,
                40,
                PUB,
            ),
            (
                "consejos_distrito",
                "participacion",
                "delegada_participacion",
                "Incorporar a la Policía Local y al CNP a los consejos de participación de distrito y a los "
                "encuentros con el tejido asociativo.",
                dt.date(2021, 12, 31),
                EC.CUMPLIDO,
                100,
                PUB,
            ),
            (
                "proximidad_pl",
                "pl",
                "intendente_pl",
                "Revisar los cuadrantes de la Unidad de Proximidad para reforzar la presencia a pie en los puntos "
                "conflictivos señalados por las asociaciones vecinales.",
                -15,
                EC.EN_CURSO,
                50,
                POL,
            ),
            (
                "boletin_cnp",
                "cnp",
                "comisario_cnp",
                "Editar un boletín trimestral conjunto del CNP y el Ayuntamiento sobre la actividad policial en la "
                "ciudad.",
                dt.date(2021, 12, 31),
                EC.CANCELADO,
                20,
                PUB,
            ),
        ),
    },
    {
        "clave": "navidad_2020",
        "reunion": "sesion_2020_12",
        "punto": 4,
        "titulo": "Dispositivo de seguridad de las fiestas navideñas 2020-2021",
        "texto": "Se aprueba el dispositivo conjunto de seguridad de las fiestas navideñas, con control de aforos "
        "y de las medidas sanitarias en el centro urbano y en las zonas comerciales.",
        "votacion": Votacion.UNANIMIDAD,
        "confidencialidad": PUB,
        "materias": ("Grandes eventos y fiestas",),
        "distritos": ("01", "06"),
        "compromisos": (
            (
                "navidad_pl",
                "pl",
                "jefe_pl",
                "Control de aforos y de las medidas sanitarias en el centro urbano durante las fiestas.",
                dt.date(2021, 1, 7),
                EC.CUMPLIDO,
                100,
                PUB,
            ),
            (
                "navidad_cnp",
                "cnp",
                "comisario_cnp",
                "Refuerzo de la vigilancia en las zonas comerciales durante las fiestas.",
                dt.date(2021, 1, 7),
                EC.CUMPLIDO,
                100,
                PUB,
            ),
        ),
    },
    {
        "clave": "viogen",
        "reunion": "sesion_2020_12",
        "punto": 5,
        "titulo": "Protocolo de intercambio de información entre Policía Local y CNP en violencia de género",
        "texto": "Se aprueba el protocolo de intercambio de información entre la Policía Local y el CNP para el "
        "seguimiento compartido de los casos de violencia de género. Su contenido operativo es de difusión policial.",
        "votacion": Votacion.UNANIMIDAD,
        "confidencialidad": POL,
        "materias": ("Violencia de género",),
        "distritos": (),
        "compromisos": (
            (
                "viogen_pl",
                "pl",
                "jefe_pl",
                "Designar agentes de la Unidad de Atención a la Familia y la Mujer como enlace con la UFAM del CNP.",
                dt.date(2021, 3, 31),
                EC.CUMPLIDO,
                100,
                POL,
            ),
            (
                "viogen_cnp",
                "cnp",
                "comisario_cnp",
                "Comunicar a la Policía Local las altas de casos de riesgo medio o superior para su seguimiento "
                "compartido.",
                180,
                EC.EN_CURSO,
                80,
                POL,
            ),
            (
                "viogen_gc",
                "gc",
                "comandante_gc",
                "Extender el protocolo a las pedanías de la demarcación de la Guardia Civil.",
                -30,
                EC.BLOQUEADO,
                30,
                POL,
            ),
        ),
    },
    {
        "clave": "entornos_escolares",
        "reunion": "sesion_2021_06",
        "punto": 3,
        "titulo": "Seguridad vial en los entornos escolares",
        "texto": "Se acuerda reforzar la seguridad vial en las entradas y salidas de los colegios de los distritos "
        "Norte, Sur y Este durante el curso 2021-2022.",
        "votacion": Votacion.UNANIMIDAD,
        "confidencialidad": PUB,
        "materias": ("Seguridad vial", "Menores y entornos escolares"),
        "distritos": ("02", "03", "04"),
        "compromisos": (
            (
                "entornos_pl",
                "pl",
                "jefe_pl",
                "Presencia de agentes en las entradas y salidas de los colegios de los distritos Norte, Sur y Este.",
                dt.date(2022, 6, 24),
                EC.CUMPLIDO,
                100,
                PUB,
            ),
            (
                "entornos_educacion",
                "educacion",
                "delegado_educacion",
                "Diseñar con los centros educativos caminos escolares seguros.",
                dt.date(2021, 12, 17),
                EC.CUMPLIDO,
                100,
                PUB,
            ),
            (
                "entornos_senalizacion",
                "distritos",
                "delegada_distritos",
                "Mejorar la señalización de los pasos de peatones próximos a los colegios.",
                dt.date(2021, 12, 31),
                EC.CANCELADO,
                0,
                PUB,
            ),
        ),
    },
    {
        "clave": "ocio_verano_2021",
        "reunion": "sesion_2021_06",
        "punto": 4,
        "titulo": "Dispositivo de verano 2021 en las zonas de ocio nocturno",
        "texto": "Se acuerda un dispositivo conjunto para el verano en las zonas de ocio nocturno del Centro, el "
        "Casco Antiguo y el Puerto.",
        "votacion": Votacion.ASENTIMIENTO,
        "confidencialidad": RES,
        "materias": ("Ocio nocturno", "Convivencia"),
        "distritos": ("01", "06", "07"),
        "compromisos": (
            (
                "ocio_verano_pl",
                "pl",
                "intendente_pl",
                "Patrullas nocturnas de fin de semana en las zonas de ocio del Centro y el Casco Antiguo.",
                dt.date(2021, 9, 15),
                EC.CANCELADO,
                0,
                RES,
            ),
            (
                "ocio_verano_cnp",
                "cnp",
                "comisario_cnp",
                "Refuerzo de la vigilancia en la zona de ocio del Puerto.",
                dt.date(2021, 9, 15),
                EC.CANCELADO,
                0,
                RES,
            ),
        ),
    },
    {
        "clave": "fiestas_patronales",
        "reunion": "extraordinaria_fiestas",
        "punto": 1,
        "titulo": "Plan de seguridad de las fiestas patronales",
        "texto": "Se aprueba el plan de seguridad de las fiestas patronales y el reparto de funciones entre la "
        "Policía Local, el CNP y la Guardia Civil.",
        "votacion": Votacion.UNANIMIDAD,
        "confidencialidad": PUB,
        "materias": ("Grandes eventos y fiestas", "Seguridad vial", "Ocio nocturno"),
        "distritos": ("01", "06"),
        "compromisos": (
            (
                "fiestas_trafico",
                "pl",
                "jefe_pl",
                "Dispositivo de tráfico y cortes de calle durante las fiestas.",
                -120,
                EC.CUMPLIDO,
                100,
                PUB,
            ),
            (
                "fiestas_recinto",
                "cnp",
                "comisario_cnp",
                "Dispositivo de seguridad ciudadana en el recinto ferial.",
                -120,
                EC.CUMPLIDO,
                100,
                PUB,
            ),
            (
                "fiestas_alcoholemia",
                "gc",
                "comandante_gc",
                "Controles de alcoholemia en los accesos por carretera.",
                -120,
                EC.CUMPLIDO,
                100,
                PUB,
            ),
            (
                "fiestas_memoria",
                "seguridad",
                "delegado_seguridad",
                "Presentar a la Junta la memoria del dispositivo con los datos de todos los cuerpos.",
                -40,
                EC.EN_CURSO,
                60,
                PUB,
            ),
        ),
    },
    {
        "clave": "puntos_violeta",
        "reunion": "extraordinaria_fiestas",
        "punto": 2,
        "titulo": "Prevención de las agresiones sexuales en los espacios festivos",
        "texto": "Se acuerda instalar Puntos Violeta en el recinto ferial y aplicar el protocolo policial de "
        "actuación ante agresiones sexuales.",
        "votacion": Votacion.UNANIMIDAD,
        "confidencialidad": RES,
        "materias": ("Violencia de género", "Ocio nocturno"),
        "distritos": ("01", "06"),
        "compromisos": (
            (
                "violeta_puntos",
                "accion_social",
                "jefa_accion_social",
                "Instalar y atender los Puntos Violeta del recinto ferial.",
                -120,
                EC.CUMPLIDO,
                100,
                RES,
            ),
            (
                "violeta_protocolo_pl",
                "pl",
                "jefe_pl",
                "Aplicar el protocolo de actuación policial ante agresiones sexuales en el recinto ferial.",
                -130,
                EC.CUMPLIDO,
                100,
                POL,
            ),
            (
                "violeta_campana",
                "participacion",
                "delegada_participacion",
                "Difundir la campaña de sensibilización entre las peñas y asociaciones.",
                -100,
                EC.CUMPLIDO,
                100,
                PUB,
            ),
        ),
    },
    {
        "clave": "diagnostico_plan_local",
        "reunion": "sesion_ordinaria_reciente",
        "punto": 3,
        "titulo": "Actualización del diagnóstico del Plan Local de Seguridad por distritos",
        "texto": "Se acuerda actualizar el diagnóstico del Plan Local de Seguridad distrito por distrito, con los "
        "datos de los cuerpos policiales y las demandas vecinales recogidas en los consejos de distrito.",
        "votacion": Votacion.MAYORIA,
        "votos": (9, 0, 1),
        "votos_particulares": "El Comandante de puesto de la Guardia Civil se abstiene porque la mayor parte de los "
        "distritos queda fuera de su demarcación.",
        "confidencialidad": PUB,
        "materias": ("Convivencia", "Participación ciudadana", "Seguridad vial"),
        "distritos": TODOS_LOS_DISTRITOS,
        "compromisos": (
            (
                "diagnostico_coordinacion",
                "seguridad",
                "delegado_seguridad",
                "Coordinar la elaboración del diagnóstico de seguridad de cada distrito.",
                60,
                EC.EN_CURSO,
                30,
                PUB,
            ),
            (
                "diagnostico_norte",
                "distrito_norte",
                "presidente_norte",
                "Recoger en el consejo de distrito las demandas vecinales de seguridad del Distrito Norte.",
                30,
                EC.ACEPTADO,
                0,
                PUB,
            ),
            (
                "diagnostico_encuesta",
                "fav",
                "presidenta_fav",
                "Trasladar la encuesta de percepción de seguridad a las asociaciones vecinales.",
                45,
                EC.PENDIENTE,
                0,
                PUB,
            ),
            (
                "diagnostico_datos_pl",
                "pl",
                "jefe_pl",
                "Aportar los datos de siniestralidad vial y de intervenciones por distrito del último año.",
                -5,
                EC.EN_CURSO,
                80,
                RES,
            ),
            (
                "diagnostico_datos_cnp",
                "cnp",
                "comisario_cnp",
                "Aportar el balance de criminalidad por distrito del último año.",
                -5,
                EC.PENDIENTE,
                0,
                RES,
            ),
            (
                "diagnostico_datos_gc",
                "gc",
                "comandante_gc",
                "Aportar los datos de la demarcación de la Guardia Civil en las pedanías.",
                15,
                EC.ACEPTADO,
                0,
                RES,
            ),
        ),
    },
    {
        "clave": "droga_centros",
        "reunion": "sesion_ordinaria_reciente",
        "punto": 4,
        "titulo": "Intercambio de información sobre venta de droga en el entorno de los centros educativos",
        "texto": "Se acuerda intensificar la vigilancia en el entorno de los institutos de los distritos Sur y Este "
        "e intercambiar por el canal policial la información sobre los puntos de venta detectados.",
        "votacion": Votacion.UNANIMIDAD,
        "confidencialidad": POL,
        "materias": ("Menores y entornos escolares", "Convivencia"),
        "distritos": ("03", "04"),
        "compromisos": (
            (
                "droga_vigilancia_pl",
                "pl",
                "intendente_pl",
                "Intensificar la vigilancia uniformada en los accesos de los institutos de los distritos Sur y Este.",
                20,
                EC.EN_CURSO,
                50,
                POL,
            ),
            (
                "droga_investigacion_cnp",
                "cnp",
                "comisario_cnp",
                "Investigar los puntos de venta señalados e informar del resultado a la Policía Local.",
                60,
                EC.ACEPTADO,
                0,
                POL,
            ),
        ),
    },
    {
        "clave": "mayores_vial",
        "reunion": "sesion_ordinaria_reciente",
        "punto": 5,
        "titulo": "Campaña de seguridad vial para personas mayores",
        "texto": "Se acuerda una campaña de seguridad vial dirigida a las personas mayores de los distritos Centro "
        "y Oeste, con charlas de la Policía Local y difusión a través de las asociaciones.",
        "votacion": Votacion.UNANIMIDAD,
        "confidencialidad": RES,
        "materias": ("Seguridad vial", "Participación ciudadana"),
        "distritos": ("01", "05"),
        "compromisos": (
            (
                "mayores_charlas_pl",
                "pl",
                "enlace_pl",
                "Impartir charlas de educación vial en los centros de mayores.",
                40,
                EC.EN_CURSO,
                20,
                RES,
            ),
            (
                "mayores_difusion",
                "participacion",
                "delegada_participacion",
                "Difundir la campaña a través de las asociaciones de mayores.",
                -10,
                EC.BLOQUEADO,
                10,
                RES,
            ),
        ),
    },
    {
        "clave": "videovigilancia",
        "reunion": "sesion_ordinaria_reciente",
        "punto": 6,
        "titulo": "Estudio de la videovigilancia en el Casco Antiguo",
        "texto": "Se acuerda solicitar un informe jurídico sobre la instalación de cámaras de videovigilancia en el "
        "Casco Antiguo antes de asignar compromisos.",
        "votacion": Votacion.UNANIMIDAD,
        "confidencialidad": RES,
        "materias": ("Convivencia", "Ocio nocturno"),
        "distritos": ("06",),
        "compromisos": (),
    },
)

# (compromiso, author's username, day, text, (previous status, new status) or None, confidentiality)
NOTAS = (
    (
        "convocar_coordinacion",
        "secretaria",
        dt.date(2021, 3, 4),
        "Celebrada el 3 de marzo la reunión de coordinación con la Delegación de Coordinación de Distritos, el área "
        "de Participación Ciudadana del CNP y los mandos de la Policía Local. Se da por cumplido.",
        (EC.EN_CURSO, EC.CUMPLIDO),
        PUB,
    ),
    (
        "mesa_convivencia",
        "secretaria",
        dt.date(2021, 3, 4),
        "La Delegación de Coordinación de Distritos presentó en la reunión de 3 de marzo el trabajo de la Mesa Local "
        "de Convivencia. La Policía Local y el CNP se incorporarán a la Mesa del Distrito Norte.",
        (EC.ACEPTADO, EC.EN_CURSO),
        RES,
    ),
    (
        "mesa_convivencia",
        "secretaria",
        dt.date(2021, 4, 21),
        "Primera sesión de la Mesa Local de Convivencia con presencia de la Policía Local y el CNP.",
        (EC.EN_CURSO, EC.CUMPLIDO),
        RES,
    ),
    (
        "accion_social_cnp",
        "secretaria",
        dt.date(2021, 9, 28),
        "Acción Social y el CNP han acordado un circuito de derivación con una persona de contacto en cada parte.",
        (EC.EN_CURSO, EC.CUMPLIDO),
        RES,
    ),
    (
        "boletin_cnp",
        "enlace_cnp",
        dt.date(2021, 10, 15),
        "Se desiste del boletín conjunto: la información se publicará en los canales municipales y en las redes del "
        "CNP.",
        (EC.EN_CURSO, EC.CANCELADO),
        RES,
    ),
    (
        "entornos_senalizacion",
        "secretaria",
        dt.date(2021, 9, 1),
        "La señalización la asume la Delegación de Movilidad dentro de su plan de caminos escolares.",
        (EC.PENDIENTE, EC.CANCELADO),
        PUB,
    ),
    (
        "ocio_verano_pl",
        "secretaria",
        dt.date(2021, 7, 1),
        "Sin dispositivo especial: las restricciones sanitarias mantienen cerrado el ocio nocturno.",
        (EC.ACEPTADO, EC.CANCELADO),
        RES,
    ),
    (
        "ocio_verano_cnp",
        "secretaria",
        dt.date(2021, 7, 1),
        "Sin dispositivo especial: las restricciones sanitarias mantienen cerrado el ocio nocturno.",
        (EC.ACEPTADO, EC.CANCELADO),
        RES,
    ),
    (
        "absentismo_cnp",
        "enlace_cnp",
        -100,
        "Se renueva el programa para el presente curso escolar, con informes trimestrales a la Junta.",
        (EC.ACEPTADO, EC.EN_CURSO),
        RES,
    ),
    (
        "absentismo_cnp",
        "enlace_cnp",
        -50,
        "Remitido a la Secretaría el informe trimestral: casos detectados y derivados a la Delegación de Educación.",
        None,
        RES,
    ),
    (
        "absentismo_educacion",
        "secretaria",
        -60,
        "La Delegación de Educación acepta el compromiso; falta acordar con el CNP el formato de los datos.",
        (EC.PENDIENTE, EC.ACEPTADO),
        RES,
    ),
    (
        "labor_policial_pl",
        "enlace_pl",
        -20,
        "Celebradas charlas en cuatro centros educativos del Distrito Norte y una jornada de puertas abiertas en la "
        "Jefatura.",
        None,
        PUB,
    ),
    (
        "labor_policial_pl",
        "enlace_pl",
        -18,
        "En las jornadas de puertas abiertas no se mostrarán las dependencias de custodia ni la sala de "
        "comunicaciones; el recorrido lo acompaña un mando.",
        None,
        POL,
    ),
    (
        "proximidad_pl",
        "enlace_pl",
        -40,
        "Reforzadas las patrullas a pie de la Unidad de Proximidad en horario de tarde en los puntos señalados. Falta "
        "completar los cuadrantes del turno de noche por falta de efectivos.",
        (EC.ACEPTADO, EC.EN_CURSO),
        POL,
    ),
    (
        "viogen_cnp",
        "enlace_cnp",
        -25,
        "Comunicadas a la Policía Local por el canal seguro las altas del último trimestre.",
        None,
        POL,
    ),
    (
        "viogen_gc",
        "secretaria",
        -35,
        "Bloqueado: la extensión a las pedanías requiere la adhesión formal de la Comandancia al protocolo.",
        (EC.EN_CURSO, EC.BLOQUEADO),
        POL,
    ),
    (
        "fiestas_memoria",
        "secretaria",
        -45,
        "Recibidos los datos de la Policía Local y del CNP; falta el informe de la Guardia Civil.",
        None,
        PUB,
    ),
    (
        "diagnostico_datos_pl",
        "enlace_pl",
        -12,
        "Datos de siniestralidad vial recopilados; pendientes de validación por la Jefatura.",
        (EC.PENDIENTE, EC.EN_CURSO),
        RES,
    ),
    (
        "droga_vigilancia_pl",
        "enlace_pl",
        -8,
        "Vigilancia reforzada en las entradas y salidas de los institutos del Distrito Sur.",
        (EC.ACEPTADO, EC.EN_CURSO),
        POL,
    ),
    (
        "mayores_difusion",
        "secretaria",
        -10,
        "Participación Ciudadana no puede difundir la campaña hasta que la Policía Local fije el calendario de "
        "charlas.",
        (EC.ACEPTADO, EC.BLOQUEADO),
        RES,
    ),
)

CERRADOS = frozenset({EC.CUMPLIDO, EC.CANCELADO})


def estado_del_acuerdo(estados) -> str:
    """The acuerdo's status as derived from its compromisos' statuses."""
    estados = set(estados)
    if not estados:
        return EstadoAcuerdo.SIN_COMPROMISOS
    if EC.BLOQUEADO in estados:
        return EstadoAcuerdo.BLOQUEADO
    if estados == {EC.CANCELADO}:
        return EstadoAcuerdo.CANCELADO
    if estados <= CERRADOS:
        return EstadoAcuerdo.CUMPLIDO
    return EstadoAcuerdo.EN_CURSO


class Cargador:
    """Writes the demo data, looking each row up by its natural key first and counting what it creates."""

    def __init__(self, hoy: dt.date):
        self.hoy = hoy
        self.ahora = timezone.now()
        self.creados: Counter = Counter()
        self.organismos: dict[str, Organismo] = {}
        self.personas: dict[str, Persona] = {}
        self.usuarios: dict[str, Usuario] = {}
        self.miembros: dict[str, MiembroJunta] = {}
        self.reuniones: dict[str, Reunion] = {}
        self.acuerdos: dict[str, Acuerdo] = {}
        self.compromisos: dict[str, Compromiso] = {}
        self.compromisos_nuevos: set[str] = set()

    # Helpers

    def obtener(self, model, defaults=None, **lookup):
        obj, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
        if created:
            self.creados[model] += 1
        return obj, created

    def dia(self, valor) -> dt.date:
        return valor if isinstance(valor, dt.date) else self.hoy + dt.timedelta(days=valor)

    def momento(self, valor, hora: tuple[int, int] = (12, 0)) -> dt.datetime:
        return dt.datetime.combine(self.dia(valor), dt.time(*hora), tzinfo=MADRID)

    @staticmethod
    def fechar(obj, **campos):
        """Backdate auto_now(_add) fields of a row just created, so the history reads right."""
        type(obj).objects.filter(pk=obj.pk).update(**campos)
        for campo, valor in campos.items():
            setattr(obj, campo, valor)

    # Steps

    def cargar(self):
        distritos = self.cargar_referencias()
        self.cargar_personas()
        self.cargar_usuarios()
        junta = self.cargar_junta()
        self.cargar_reuniones(junta)
        self.cargar_acuerdos(junta, distritos)
        self.enlazar_reuniones()
        self.cargar_actas()
        self.cargar_notas()
        self.cerrar_compromisos()
        self.actualizar_estados_de_acuerdos()

    def cargar_referencias(self) -> dict[str, Distrito]:
        distritos = {}
        for codigo, nombre in DISTRITOS:
            distritos[codigo], _created = self.obtener(Distrito, codigo=codigo, defaults={"nombre": nombre})
        for nombre, descripcion in MATERIAS:
            self.obtener(Materia, nombre=nombre, defaults={"descripcion": descripcion})
        for clave, (nombre, siglas, tipo, distrito) in ORGANISMOS.items():
            self.organismos[clave], _created = self.obtener(
                Organismo,
                nombre=nombre,
                defaults={"siglas": siglas, "tipo": tipo, "distrito": distritos.get(distrito)},
            )
        return distritos

    def cargar_personas(self):
        for clave, (organismo, cargo) in PERSONAS.items():
            self.personas[clave], _created = self.obtener(
                Persona,
                organismo=self.organismos[organismo],
                cargo=cargo,
                defaults={"email": f"{clave.replace('_', '.')}@villanueva.example"},
            )

    def cargar_usuarios(self):
        for username, (persona, rol, superusuario) in USUARIOS.items():
            usuario, created = self.obtener(
                Usuario,
                username=username,
                defaults={
                    "persona": self.personas[persona],
                    "rol": rol,
                    "email": self.personas[persona].email,
                    "is_staff": superusuario,
                    "is_superuser": superusuario,
                },
            )
            if created:
                usuario.set_password(DEMO_PASSWORD)
                usuario.save(update_fields=["password"])
            self.usuarios[username] = usuario

    def cargar_junta(self) -> Junta:
        nombre = JUNTA["nombre"]
        defaults = {campo: valor for campo, valor in JUNTA.items() if campo != "nombre"}
        junta, _created = self.obtener(Junta, nombre=nombre, defaults=defaults)
        for persona, cargo in MIEMBROS:
            self.miembros[persona], _created = self.obtener(
                MiembroJunta,
                junta=junta,
                persona=self.personas[persona],
                fecha_baja=None,
                defaults={"cargo": cargo, "fecha_alta": ALTA_MIEMBROS},
            )
        return junta

    def cargar_reuniones(self, junta: Junta):
        for datos in REUNIONES:
            inicio = self.momento(datos["dia"], datos["hora"])
            enviada = inicio - dt.timedelta(days=datos["aviso"]) if datos["aviso"] is not None else None
            reunion, created = self.obtener(
                Reunion,
                junta=junta,
                titulo=datos["titulo"],
                defaults={
                    "tipo": datos["tipo"],
                    "modalidad": datos["modalidad"],
                    "lugar": datos["lugar"],
                    "enlace_telematico": "https://reuniones.villanueva.example/jls"
                    if datos["modalidad"] != Modalidad.PRESENCIAL
                    else "",
                    "inicio": inicio,
                    "fin": inicio + dt.timedelta(minutes=datos["minutos"]),
                    "estado": datos["estado"],
                    "convocante": self.personas[datos["convocante"]],
                    "convocatoria_enviada_en": enviada,
                },
            )
            if created:
                self.fechar(reunion, creada_en=min(inicio - dt.timedelta(days=30), self.ahora))
            self.reuniones[datos["clave"]] = reunion
            self.cargar_puntos(reunion, datos["puntos"], celebrada=datos["estado"] == EstadoReunion.CELEBRADA)
            self.cargar_convocados(reunion, datos)

    def cargar_puntos(self, reunion: Reunion, puntos, *, celebrada: bool):
        for numero, (tipo, titulo, deliberacion) in enumerate(puntos, start=1):
            self.obtener(
                PuntoOrden,
                reunion=reunion,
                numero=numero,
                defaults={"tipo": tipo, "titulo": titulo, "deliberacion": deliberacion if celebrada else ""},
            )

    def cargar_convocados(self, reunion: Reunion, datos):
        por_defecto = Asistencia.ASISTE if datos["estado"] == EstadoReunion.CELEBRADA else Asistencia.PENDIENTE
        for clave in datos["convocados"]:
            persona = self.personas[clave]
            miembro = self.miembros.get(clave)
            self.obtener(
                Convocado,
                reunion=reunion,
                persona=persona,
                defaults={
                    "organismo": persona.organismo,
                    "derecho": miembro.derecho if miembro else Derecho.VOZ,
                    "asistencia": datos["asistencia"].get(clave, por_defecto),
                    "notificado_en": reunion.convocatoria_enviada_en,
                },
            )

    def cargar_acuerdos(self, junta: Junta, distritos: dict[str, Distrito]):
        materias = {materia.nombre: materia for materia in Materia.objects.all()}
        for datos in ACUERDOS:
            reunion = self.reuniones[datos["reunion"]]
            acuerdo = Acuerdo.objects.filter(junta=junta, titulo=datos["titulo"]).first()
            if acuerdo is None:
                acuerdo = self.crear_acuerdo(junta, reunion, datos)
                acuerdo.materias.set(materias[nombre] for nombre in datos["materias"])
                acuerdo.distritos.set(distritos[codigo] for codigo in datos["distritos"])
            self.acuerdos[datos["clave"]] = acuerdo
            for compromiso in datos["compromisos"]:
                self.cargar_compromiso(acuerdo, *compromiso)

    def crear_acuerdo(self, junta: Junta, reunion: Reunion, datos) -> Acuerdo:
        fecha = timezone.localdate(reunion.inicio)
        ultimo = Acuerdo.objects.filter(junta=junta, anio=fecha.year).aggregate(n=Max("numero"))["n"] or 0
        favor, contra, abstenciones = datos.get("votos", (None, None, None))
        acuerdo = Acuerdo.objects.create(
            junta=junta,
            anio=fecha.year,
            numero=ultimo + 1,
            reunion=reunion,
            punto=reunion.puntos.get(numero=datos["punto"]),
            fecha=fecha,
            titulo=datos["titulo"],
            texto=datos["texto"],
            votacion=datos["votacion"],
            votos_favor=favor,
            votos_contra=contra,
            abstenciones=abstenciones,
            votos_particulares=datos.get("votos_particulares", ""),
            confidencialidad=datos["confidencialidad"],
        )
        self.creados[Acuerdo] += 1
        self.fechar(acuerdo, creado_en=reunion.fin)
        return acuerdo

    def cargar_compromiso(self, acuerdo, clave, organismo, responsable, descripcion, limite, estado, avance, nivel):
        compromiso, created = self.obtener(
            Compromiso,
            acuerdo=acuerdo,
            organismo=self.organismos[organismo],
            descripcion=descripcion,
            defaults={
                "responsable": self.personas[responsable],
                "fecha_limite": self.dia(limite),
                "estado": estado,
                "avance": avance,
                "confidencialidad": nivel,
            },
        )
        if created:
            self.fechar(compromiso, creado_en=acuerdo.reunion.fin, actualizado_en=acuerdo.reunion.fin)
            self.compromisos_nuevos.add(clave)
        self.compromisos[clave] = compromiso

    def enlazar_reuniones(self):
        """Set the acuerdo a meeting stems from, once both exist (only on rows this run created)."""
        for datos in REUNIONES:
            reunion = self.reuniones[datos["clave"]]
            origen = datos.get("acuerdo_origen")
            if origen and reunion.acuerdo_origen_id is None:
                reunion.acuerdo_origen = self.acuerdos[origen]
                reunion.save(update_fields=["acuerdo_origen"])

    def cargar_actas(self):
        for datos in REUNIONES:
            acta = datos.get("acta")
            if acta is None:
                continue
            reunion = self.reuniones[datos["clave"]]
            aprobada_en_reunion = self.reuniones.get(acta.get("aprobada_en_reunion", ""))
            if aprobada_en_reunion is not None:
                aprobada_en = aprobada_en_reunion.inicio + dt.timedelta(minutes=15)
            elif "aprobada" in acta:
                aprobada_en = self.momento(acta["aprobada"], (14, 0))
            else:
                aprobada_en = None
            self.obtener(
                Acta,
                reunion=reunion,
                defaults={
                    "estado": acta["estado"],
                    "observaciones": acta.get("observaciones", ""),
                    "redactada_por": self.usuarios["secretaria"],
                    "enviada_en": self.momento(acta["enviada"], (12, 0)) if "enviada" in acta else None,
                    "plazo_conformidad": self.momento(acta["plazo"], (23, 59)) if "plazo" in acta else None,
                    "aprobada_en": aprobada_en,
                    "aprobada_en_reunion": aprobada_en_reunion,
                },
            )

    def cargar_notas(self):
        for orden, (compromiso, autor, dia, texto, cambio, nivel) in enumerate(NOTAS):
            anterior, nuevo = cambio or ("", "")
            nota, created = self.obtener(
                NotaActuacion,
                compromiso=self.compromisos[compromiso],
                autor=self.usuarios[autor],
                texto=texto,
                defaults={"estado_anterior": anterior, "estado_nuevo": nuevo, "confidencialidad": nivel},
            )
            if created:
                self.fechar(nota, creada_en=self.momento(dia, (9, orden)))

    def cerrar_compromisos(self):
        """On the compromisos this run created: closing time and last update, taken from their notas."""
        for clave in self.compromisos_nuevos:
            compromiso = self.compromisos[clave]
            ultima = compromiso.notas.order_by("-creada_en").first()
            campos = {}
            if ultima is not None:
                campos["actualizado_en"] = ultima.creada_en
            if compromiso.estado in CERRADOS and compromiso.cerrado_en is None:
                if ultima is not None and ultima.estado_nuevo == compromiso.estado:
                    campos["cerrado_en"] = ultima.creada_en
                else:
                    campos["cerrado_en"] = self.momento(min(compromiso.fecha_limite, self.hoy), (13, 0))
            if campos:
                self.fechar(compromiso, **campos)

    def actualizar_estados_de_acuerdos(self):
        for acuerdo in self.acuerdos.values():
            estado = estado_del_acuerdo(acuerdo.compromisos.values_list("estado", flat=True))
            if acuerdo.estado != estado:
                acuerdo.estado = estado
                acuerdo.save(update_fields=["estado"])


RESUMEN = (
    Distrito,
    Materia,
    Organismo,
    Persona,
    Usuario,
    Junta,
    MiembroJunta,
    Reunion,
    PuntoOrden,
    Convocado,
    Acta,
    Acuerdo,
    Compromiso,
    NotaActuacion,
)


class Command(BaseCommand):
    help = _("Load the demo data (the coordination story of March 2021). Only with DEBUG on.")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                _("The demo data creates accounts with a known password: it may only be loaded with DEBUG on.")
            )
        cargador = Cargador(timezone.localdate())
        with transaction.atomic():
            cargador.cargar()

        creados = sum(cargador.creados.values())
        if creados:
            self.stdout.write(self.style.SUCCESS(_("Demo data loaded: %(count)d rows created.") % {"count": creados}))
        else:
            self.stdout.write(_("Demo data already present: nothing changed."))
        for model in RESUMEN:
            self.stdout.write(f"  {capfirst(model._meta.verbose_name_plural)}: {model.objects.count()}")
        self.stdout.write(
            _("Demo accounts: %(usernames)s (password: %(password)s)")
            % {"usernames": ", ".join(USUARIOS), "password": DEMO_PASSWORD}
        )
