"""Shared data for the compromiso list, dashboard and export tests.

Three acuerdos of one Junta in 2021, with a topic and a district each:
- a pública acuerdo with a CNP compromiso, fulfilled and closed;
- a reservada acuerdo with a Policía Local compromiso (open, due in 30 days);
- a policial acuerdo with a policial Policía Local compromiso, overdue.
So delegados see two, enlace_otro (CNP) one, administración one, secretaría and enlace (PL) three.
"""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from coordinacion.choices import Confidencialidad
from juntas.models import EstadoCompromiso
from tests import factories


def crear_datos(policia_local, cnp) -> SimpleNamespace:
    junta = factories.JuntaFactory(nombre="Junta Local de Seguridad de Villanueva")
    reunion = factories.ReunionFactory(junta=junta, inicio=timezone.now().replace(year=2021, month=3, day=3))
    absentismo = factories.MateriaFactory(nombre="Absentismo escolar")
    ocio = factories.MateriaFactory(nombre="Ocio nocturno")
    norte = factories.DistritoFactory(nombre="Distrito Norte")
    sur = factories.DistritoFactory(nombre="Distrito Sur")

    publico = factories.AcuerdoFactory(
        reunion=reunion, titulo="Acuerdo público", confidencialidad=Confidencialidad.PUBLICA
    )
    publico.materias.add(absentismo)
    publico.distritos.add(sur)
    reservado = factories.AcuerdoFactory(reunion=reunion, titulo="Acuerdo reservado")
    reservado.materias.add(ocio)
    reservado.distritos.add(norte)
    policial = factories.AcuerdoFactory(
        reunion=reunion, titulo="Acuerdo policial", confidencialidad=Confidencialidad.POLICIAL
    )
    policial.materias.add(ocio)
    policial.distritos.add(norte)

    cumplido = factories.CompromisoFactory(
        acuerdo=publico,
        organismo=cnp,
        descripcion="Informe de absentismo",
        estado=EstadoCompromiso.CUMPLIDO,
        avance=100,
        confidencialidad=Confidencialidad.PUBLICA,
        cerrado_en=timezone.now(),
    )
    patrullas = factories.CompromisoFactory(
        acuerdo=reservado, organismo=policia_local, descripcion="Patrullas en el Norte"
    )
    dispositivo = factories.CompromisoFactory(
        acuerdo=policial,
        organismo=policia_local,
        descripcion="Dispositivo discreto",
        estado=EstadoCompromiso.EN_CURSO,
        avance=40,
        confidencialidad=Confidencialidad.POLICIAL,
        fecha_limite=timezone.localdate() - dt.timedelta(days=3),
    )
    return SimpleNamespace(
        junta=junta,
        absentismo=absentismo,
        ocio=ocio,
        norte=norte,
        sur=sur,
        publico=publico,
        reservado=reservado,
        policial=policial,
        cumplido=cumplido,
        patrullas=patrullas,
        dispositivo=dispositivo,
    )


def mas_compromisos(organismo, n: int = 30) -> None:
    """Extra visible rows (pública), to show a page's query count does not grow with the data."""
    for i in range(n):
        acuerdo = factories.AcuerdoFactory(confidencialidad=Confidencialidad.PUBLICA)
        acuerdo.materias.add(factories.MateriaFactory())
        acuerdo.distritos.add(factories.DistritoFactory())
        factories.CompromisoFactory(
            acuerdo=acuerdo,
            organismo=organismo if i % 2 else factories.OrganismoFactory(),
            confidencialidad=Confidencialidad.PUBLICA,
            fecha_limite=timezone.localdate() - dt.timedelta(days=i),
            cerrado_en=timezone.now() - dt.timedelta(days=31 * (i % 12)) if i % 3 == 0 else None,
            estado=EstadoCompromiso.CANCELADO if i % 3 == 0 else EstadoCompromiso.PENDIENTE,
        )
