"""factory-boy factories for every model."""

import datetime as dt

import factory
from django.utils import timezone

from coordinacion.choices import Confidencialidad, Rol, TipoOrganismo
from coordinacion.models import Distrito, Materia, Organismo, Persona, Usuario
from juntas.models import (
    Acta,
    Acuerdo,
    Adjunto,
    CargoJunta,
    Compromiso,
    Convocado,
    Junta,
    MiembroJunta,
    NotaActuacion,
    PuntoOrden,
    RecordatorioEnviado,
    Reunion,
    TipoReunion,
)

PASSWORD = "una-clave-de-prueba-larga"


class DistritoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Distrito

    nombre = factory.Sequence(lambda n: f"Distrito {n}")
    codigo = factory.Sequence(lambda n: f"D{n:03d}")


class MateriaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Materia

    nombre = factory.Sequence(lambda n: f"Materia {n}")


class OrganismoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organismo

    nombre = factory.Sequence(lambda n: f"Organismo {n}")
    tipo = TipoOrganismo.DELEGACION_MUNICIPAL


class PersonaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persona

    cargo = factory.Sequence(lambda n: f"Cargo {n}")
    organismo = factory.SubFactory(OrganismoFactory)
    email = factory.Sequence(lambda n: f"persona{n}@example.org")


class UsuarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Usuario

    username = factory.Sequence(lambda n: f"usuario{n}")
    persona = factory.SubFactory(PersonaFactory)
    rol = Rol.DELEGADO
    password = factory.django.Password(PASSWORD)


class JuntaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Junta

    nombre = factory.Sequence(lambda n: f"Junta Local de Seguridad {n}")
    municipio = "Villanueva"


class MiembroJuntaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MiembroJunta

    junta = factory.SubFactory(JuntaFactory)
    persona = factory.SubFactory(PersonaFactory)
    cargo = CargoJunta.VOCAL
    fecha_alta = dt.date(2020, 1, 1)


class ReunionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reunion

    junta = factory.SubFactory(JuntaFactory)
    tipo = TipoReunion.ORDINARIA
    titulo = factory.Sequence(lambda n: f"Sesión {n}")
    lugar = "Salón de Plenos"
    inicio = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))
    fin = factory.LazyAttribute(lambda o: o.inicio + dt.timedelta(hours=2))


class PuntoOrdenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PuntoOrden

    reunion = factory.SubFactory(ReunionFactory)
    numero = factory.Sequence(lambda n: n + 1)
    titulo = factory.Sequence(lambda n: f"Punto {n}")


class ConvocadoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convocado

    reunion = factory.SubFactory(ReunionFactory)
    persona = factory.SubFactory(PersonaFactory)
    organismo = factory.LazyAttribute(lambda o: o.persona.organismo)


class ActaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Acta

    reunion = factory.SubFactory(ReunionFactory)


class AcuerdoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Acuerdo

    reunion = factory.SubFactory(ReunionFactory)
    junta = factory.LazyAttribute(lambda o: o.reunion.junta)
    anio = factory.LazyAttribute(lambda o: o.reunion.inicio.year)
    numero = factory.Sequence(lambda n: n + 1)
    fecha = factory.LazyAttribute(lambda o: timezone.localdate(o.reunion.inicio))
    titulo = factory.Sequence(lambda n: f"Acuerdo {n}")
    texto = "Texto del acuerdo."
    confidencialidad = Confidencialidad.RESERVADA


class CompromisoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Compromiso

    acuerdo = factory.SubFactory(AcuerdoFactory)
    organismo = factory.SubFactory(OrganismoFactory)
    descripcion = factory.Sequence(lambda n: f"Compromiso {n}")
    fecha_limite = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    confidencialidad = Confidencialidad.RESERVADA


class NotaActuacionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotaActuacion

    compromiso = factory.SubFactory(CompromisoFactory)
    autor = factory.SubFactory(UsuarioFactory, rol=Rol.ENLACE)
    texto = factory.Sequence(lambda n: f"Nota de actuación {n}")
    confidencialidad = Confidencialidad.RESERVADA


class AdjuntoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adjunto

    nota = factory.SubFactory(NotaActuacionFactory)
    archivo = factory.django.FileField(filename="informe.pdf", data=b"%PDF-1.4 prueba")
    nombre_original = "informe.pdf"
    tipo_mime = "application/pdf"
    tamano = 15


class RecordatorioEnviadoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecordatorioEnviado

    usuario = factory.SubFactory(UsuarioFactory, rol=Rol.ENLACE)
    fecha = factory.LazyFunction(timezone.localdate)
    total = 0
