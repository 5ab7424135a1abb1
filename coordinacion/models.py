"""The coordination network (bodies, districts, topics, persons), accounts and the audit log."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coordinacion.choices import (
    POLICE_TYPES,
    AccionAuditoria,
    Confidencialidad,
    Rol,
    TipoOrganismo,
    choices_constraint,
)


class Distrito(models.Model):
    nombre = models.CharField(_("name"), max_length=120, unique=True)
    codigo = models.CharField(_("code"), max_length=10, unique=True)

    class Meta:
        ordering = ["codigo"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.nombre


class Materia(models.Model):
    nombre = models.CharField(_("name"), max_length=120, unique=True)
    descripcion = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.nombre


class Organismo(models.Model):
    nombre = models.CharField(_("name"), max_length=200, unique=True)
    siglas = models.CharField(_("acronym"), max_length=20, blank=True)
    tipo = models.CharField(_("type"), max_length=30, choices=TipoOrganismo.choices)
    distrito = models.ForeignKey(
        Distrito, verbose_name=_("district"), on_delete=models.PROTECT, null=True, blank=True, related_name="organismos"
    )
    activo = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("participating body")
        verbose_name_plural = _("participating bodies")
        constraints = [choices_constraint("tipo", TipoOrganismo, "organismo_tipo_valido")]

    def __str__(self):
        return self.nombre

    @property
    def es_policial(self) -> bool:
        return self.tipo in POLICE_TYPES


class Persona(models.Model):
    """A person of a participating body, known in the portal by their cargo."""

    nombre = models.CharField(_("full name"), max_length=200, blank=True)
    cargo = models.CharField(_("position"), max_length=200)
    organismo = models.ForeignKey(Organismo, verbose_name=_("body"), on_delete=models.PROTECT, related_name="personas")
    email = models.EmailField(_("e-mail"), blank=True)
    telefono = models.CharField(_("telephone"), max_length=30, blank=True)
    activa = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["organismo__nombre", "cargo"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self):
        return f"{self.cargo} ({self.nombre})" if self.nombre else self.cargo


class UsuarioManager(UserManager):
    def get_queryset(self):
        from coordinacion.verificacion import anotar

        # Every request needs the account's person and body for access checks: fetch them with it,
        # and, while the request's user is loaded, whether its second factor is verified (verificacion.py).
        return anotar(super().get_queryset().select_related("persona__organismo"))


class Usuario(AbstractUser):
    """One account per person (ENS): the person carries the body, the account carries the role."""

    persona = models.OneToOneField(
        Persona,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="usuario",
    )
    rol = models.CharField(_("role"), max_length=20, choices=Rol.choices, blank=True)

    objects = UsuarioManager()

    class Meta:
        verbose_name = _("user account")
        verbose_name_plural = _("user accounts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rol="") | models.Q(rol__in=Rol.values), name="usuario_rol_valido"
            ),
            # A liaison speaks for a body, so the account must belong to a person of that body.
            models.CheckConstraint(
                condition=~models.Q(rol=Rol.ENLACE) | models.Q(persona__isnull=False),
                name="usuario_enlace_con_persona",
            ),
        ]

    @property
    def organismo(self) -> Organismo | None:
        return self.persona.organismo if self.persona_id else None

    @property
    def nombre_visible(self) -> str:
        return str(self.persona) if self.persona_id else self.get_username()


class RegistroAuditoriaQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The audit log is append-only.")

    def delete(self):
        raise TypeError("The audit log is append-only.")


class RegistroAuditoria(models.Model):
    """Append-only audit entry: who did what, when (UTC) and from where."""

    creado_en = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept as text too, so the entry still reads right for attempts with unknown usernames.
    nombre_usuario = models.CharField(_("username"), max_length=150, blank=True)
    accion = models.CharField(_("action"), max_length=20, choices=AccionAuditoria.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    objeto = models.CharField(_("object"), max_length=300, blank=True)
    cambios = models.JSONField(_("changes"), default=dict, blank=True)
    # The object's level when the entry was written: the audit page hides the object's name and
    # values of reservada and policial entries (administración sees pública content only).
    confidencialidad = models.CharField(
        _("confidentiality"), max_length=10, choices=Confidencialidad.choices, blank=True
    )
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = RegistroAuditoriaQuerySet.as_manager()

    class Meta:
        ordering = ["-creado_en", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["content_type", "object_id", "-creado_en"], name="auditoria_objeto_idx")]
        constraints = [
            choices_constraint("accion", AccionAuditoria, "auditoria_accion_valida"),
            models.CheckConstraint(
                condition=Q(confidencialidad="") | Q(confidencialidad__in=Confidencialidad.values),
                name="auditoria_confidencialidad_valida",
            ),
        ]

    def __str__(self):
        return f"{self.creado_en:%Y-%m-%d %H:%M} {self.nombre_usuario} {self.get_accion_display()} {self.objeto}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit log is append-only.")

    @property
    def es_confidencial(self) -> bool:
        return self.confidencialidad in {Confidencialidad.RESERVADA, Confidencialidad.POLICIAL}

    @property
    def objeto_visible(self) -> str:
        """The object's name, or only its type and id when it is reservada or policial."""
        if not self.es_confidencial:
            return self.objeto
        return _("#%(id)s (%(level)s)") % {"id": self.object_id, "level": self.get_confidencialidad_display()}

    @property
    def cambios_visibles(self) -> dict:
        """The changed fields; for reservada and policial entries, their names without the values."""
        if not self.es_confidencial:
            return self.cambios
        return {field: None for field in self.cambios}
