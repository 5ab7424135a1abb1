"""Fixed vocabularies of the coordination network, shared by both apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def choices_constraint(field: str, choices: type[models.TextChoices], name: str) -> models.CheckConstraint:
    """A database check that a field only holds one of its declared choices."""
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": choices.values}), name=name)


class TipoOrganismo(models.TextChoices):
    POLICIA_LOCAL = "policia_local", _("Local Police")
    CNP = "cnp", _("National Police Corps")
    GUARDIA_CIVIL = "guardia_civil", _("Civil Guard")
    SUBDELEGACION = "subdelegacion", _("Government Subdelegation")
    DELEGACION_MUNICIPAL = "delegacion_municipal", _("Municipal delegation")
    DISTRITO = "distrito", _("District")
    SERVICIOS_SOCIALES = "servicios_sociales", _("Social Services")
    EDUCACION = "educacion", _("Education")
    PARTICIPACION = "participacion", _("Citizen Participation")
    ASOCIACION = "asociacion", _("Association")


POLICE_TYPES = frozenset({TipoOrganismo.POLICIA_LOCAL, TipoOrganismo.CNP, TipoOrganismo.GUARDIA_CIVIL})


class Rol(models.TextChoices):
    SECRETARIA = "secretaria", _("Secretariat")
    DELEGADO = "delegado", _("Delegate")
    ENLACE = "enlace", _("Liaison")
    ADMINISTRACION = "administracion", _("Administration")


class Confidencialidad(models.TextChoices):
    PUBLICA = "publica", _("Public")
    RESERVADA = "reservada", _("Restricted")
    POLICIAL = "policial", _("Police only")


class AccionAuditoria(models.TextChoices):
    CREAR = "crear", _("Created")
    MODIFICAR = "modificar", _("Changed")
    ELIMINAR = "eliminar", _("Deleted")
    CAMBIO_ESTADO = "cambio_estado", _("Status changed")
    LOGIN = "login", _("Signed in")
    LOGIN_FALLIDO = "login_fallido", _("Failed sign-in")
    LOGOUT = "logout", _("Signed out")
    DESCARGA = "descarga", _("Downloaded")
    EXPORTACION = "exportacion", _("Exported")
