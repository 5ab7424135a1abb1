"""Admin of the board's work: juntas, reuniones, actas, acuerdos, compromisos and notas de actuación.

Every save and delete is audited (coordinacion.admin.AuditedAdminMixin). Agenda items and actas
carry an optimistic-lock version: the admin checks it like the acta editor does and moves it on.
"""

import re
from pathlib import Path

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import F
from django.forms.models import BaseInlineFormSet
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from coordinacion.admin import AuditedModelAdmin
from juntas.models import (
    Acta,
    Acuerdo,
    Adjunto,
    Compromiso,
    Conformidad,
    Convocado,
    Junta,
    MiembroJunta,
    NotaActuacion,
    PuntoOrden,
    RecordatorioEnviado,
    Reunion,
    TokenCalendario,
    VersionDatos,
)

SHORT_TEXT = {models.TextField: {"widget": widgets.AdminTextareaWidget(attrs={"rows": 2, "cols": 40})}}


# --- Optimistic locking (PuntoOrden, Acta) ---------------------------------------------------------


class VersionedForm(forms.ModelForm):
    """Carries the version the page was opened at and refuses to save over a newer one."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            # A new object starts at the model's default version.
            cleaned.pop("version", None)
        else:
            # Locked until the request's transaction ends, so no editor can save in between.
            current = (
                type(self.instance)
                ._default_manager.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if cleaned.get("version") != current:
                raise forms.ValidationError(
                    _("Someone else has changed this since you opened it. Reload the page and make your changes again.")
                )
        return cleaned


def _bump_version(obj) -> None:
    obj.version = F("version") + 1


class VersionedInlineFormSet(BaseInlineFormSet):
    def save_existing(self, form, obj, commit=True):
        _bump_version(form.instance)
        saved = super().save_existing(form, obj, commit=commit)
        if commit:
            saved.refresh_from_db(fields=["version"])
        return saved


class VersionedAdminMixin:
    form = VersionedForm

    def save_model(self, request, obj, form, change):
        if change:
            _bump_version(obj)
        super().save_model(request, obj, form, change)
        if change:
            obj.refresh_from_db(fields=["version"])


# --- Junta -----------------------------------------------------------------------------------------


class MiembroJuntaInline(admin.TabularInline):
    model = MiembroJunta
    fields = ["persona", "cargo", "fecha_alta", "fecha_baja"]
    autocomplete_fields = ["persona"]
    extra = 0


@admin.register(Junta)
class JuntaAdmin(AuditedModelAdmin):
    list_display = ["nombre", "municipio", "fecha_constitucion", "activa"]
    list_filter = ["activa"]
    search_fields = ["nombre", "municipio"]
    fieldsets = [
        (None, {"fields": ["nombre", "municipio", "fecha_constitucion", "activa"]}),
        (
            _("Local rules"),
            {
                "fields": [
                    "quorum_primera_pct",
                    "quorum_segunda_pct",
                    "minutos_segunda_convocatoria",
                    "preaviso_ordinaria_dias",
                    "preaviso_extraordinaria_horas",
                    "periodicidad_ordinaria_meses",
                ]
            },
        ),
    ]
    inlines = [MiembroJuntaInline]


@admin.register(MiembroJunta)
class MiembroJuntaAdmin(AuditedModelAdmin):
    list_display = ["persona", "junta", "cargo", "fecha_alta", "fecha_baja"]
    list_filter = ["junta", "cargo", ("fecha_baja", admin.EmptyFieldListFilter)]
    list_select_related = ["persona", "junta"]
    search_fields = ["persona__cargo", "persona__nombre", "persona__organismo__nombre", "junta__nombre"]
    autocomplete_fields = ["persona"]


# --- Reunión, orden del día, convocados, acta ------------------------------------------------------


class PuntoOrdenInline(admin.TabularInline):
    model = PuntoOrden
    form = VersionedForm
    formset = VersionedInlineFormSet
    fields = ["numero", "titulo", "tipo", "urgente", "version"]
    extra = 0
    show_change_link = True


class ConvocadoInline(admin.TabularInline):
    model = Convocado
    fields = ["organismo", "persona", "derecho", "asistencia", "notificado_en"]
    autocomplete_fields = ["organismo", "persona"]
    extra = 0


@admin.register(Reunion)
class ReunionAdmin(AuditedModelAdmin):
    list_display = ["titulo", "junta", "tipo", "inicio", "modalidad", "estado"]
    list_filter = ["estado", "tipo", "modalidad", "junta"]
    list_select_related = ["junta"]
    search_fields = ["titulo", "lugar"]
    date_hierarchy = "inicio"
    autocomplete_fields = ["convocante", "acuerdo_origen"]
    readonly_fields = ["creada_en"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [PuntoOrdenInline, ConvocadoInline]


@admin.register(PuntoOrden)
class PuntoOrdenAdmin(VersionedAdminMixin, AuditedModelAdmin):
    list_display = ["__str__", "reunion", "tipo", "urgente"]
    list_filter = ["tipo", "urgente"]
    list_select_related = ["reunion"]
    search_fields = ["titulo", "descripcion", "reunion__titulo"]
    autocomplete_fields = ["reunion"]
    fields = ["reunion", "numero", "titulo", "tipo", "urgente", "descripcion", "deliberacion", "version"]


@admin.register(Convocado)
class ConvocadoAdmin(AuditedModelAdmin):
    list_display = ["__str__", "reunion", "organismo", "derecho", "asistencia", "notificado_en"]
    list_filter = ["asistencia", "derecho"]
    list_select_related = ["reunion", "organismo", "persona"]
    search_fields = ["reunion__titulo", "organismo__nombre", "persona__cargo", "persona__nombre"]
    autocomplete_fields = ["reunion", "organismo", "persona"]


@admin.register(Acta)
class ActaAdmin(VersionedAdminMixin, AuditedModelAdmin):
    list_display = ["__str__", "estado", "enviada_en", "plazo_conformidad", "aprobada_en"]
    list_filter = ["estado"]
    list_select_related = ["reunion"]
    search_fields = ["reunion__titulo", "observaciones"]
    date_hierarchy = "reunion__inicio"
    autocomplete_fields = ["reunion", "aprobada_en_reunion", "redactada_por"]
    fields = [
        "reunion",
        "estado",
        "observaciones",
        "redactada_por",
        "enviada_en",
        "plazo_conformidad",
        "aprobada_en",
        "aprobada_en_reunion",
        "version",
    ]


# --- Acuerdo, compromisos, notas, adjuntos ---------------------------------------------------------


class CompromisoInline(admin.TabularInline):
    model = Compromiso
    fields = ["organismo", "responsable", "descripcion", "fecha_limite", "estado", "avance", "confidencialidad"]
    autocomplete_fields = ["organismo", "responsable"]
    formfield_overrides = SHORT_TEXT
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        # The change link shows each compromiso's str, which names its body.
        return super().get_queryset(request).select_related("organismo")


REFERENCIA = re.compile(r"^\s*(\d{1,9})\s*/\s*(\d{4})\s*$")


@admin.register(Acuerdo)
class AcuerdoAdmin(AuditedModelAdmin):
    list_display = ["referencia", "titulo", "junta", "fecha", "votacion", "estado", "confidencialidad"]
    list_filter = ["estado", "confidencialidad", "votacion", "anio", "junta", "materias", "distritos"]
    list_select_related = ["junta"]
    search_fields = ["titulo", "texto"]
    search_help_text = _("Title or text, or a reference such as 12/2024.")
    date_hierarchy = "fecha"
    autocomplete_fields = ["reunion", "punto"]
    filter_horizontal = ["materias", "distritos"]
    readonly_fields = ["creado_en"]
    inlines = [CompromisoInline]

    @admin.display(description=_("reference"))
    def referencia(self, obj):
        return obj.referencia

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if match := REFERENCIA.match(search_term):
            numero, anio = (int(group) for group in match.groups())
            results |= queryset.filter(numero=numero, anio=anio)
        return results, may_have_duplicates


@admin.register(Compromiso)
class CompromisoAdmin(AuditedModelAdmin):
    list_display = [
        "descripcion_corta",
        "acuerdo",
        "organismo",
        "responsable",
        "fecha_limite",
        "estado",
        "avance",
        "confidencialidad",
    ]
    list_filter = ["estado", "confidencialidad", "organismo__tipo", "acuerdo__junta", "fecha_limite"]
    list_select_related = ["acuerdo", "organismo", "responsable"]
    search_fields = ["descripcion", "acuerdo__titulo", "organismo__nombre", "organismo__siglas"]
    date_hierarchy = "fecha_limite"
    autocomplete_fields = ["acuerdo", "organismo", "responsable"]
    readonly_fields = ["creado_en", "actualizado_en"]

    @admin.display(description=_("commitment"), ordering="descripcion")
    def descripcion_corta(self, obj):
        return Truncator(obj.descripcion).chars(80)


class AdjuntoForm(forms.ModelForm):
    """The file's name, type and size are taken from the upload, never typed in."""

    def clean(self):
        cleaned = super().clean()
        archivo = cleaned.get("archivo")
        if isinstance(archivo, UploadedFile):
            self.instance.nombre_original = Path(archivo.name).name[:255]
            self.instance.tipo_mime = (archivo.content_type or "application/octet-stream")[:100]
            self.instance.tamano = archivo.size
        return cleaned


ADJUNTO_METADATA = ["nombre_original", "tipo_mime", "tamano", "subido_en"]


class AdjuntoInline(admin.TabularInline):
    model = Adjunto
    form = AdjuntoForm
    fields = ["archivo", *ADJUNTO_METADATA]
    readonly_fields = ADJUNTO_METADATA
    extra = 0


@admin.register(NotaActuacion)
class NotaActuacionAdmin(AuditedModelAdmin):
    list_display = ["__str__", "compromiso", "autor", "estado_anterior", "estado_nuevo", "confidencialidad"]
    list_filter = ["confidencialidad", "estado_nuevo", "creada_en"]
    list_select_related = ["compromiso__acuerdo", "compromiso__organismo", "autor"]
    search_fields = ["texto", "compromiso__descripcion", "autor__username"]
    date_hierarchy = "creada_en"
    autocomplete_fields = ["compromiso", "autor"]
    readonly_fields = ["creada_en"]
    inlines = [AdjuntoInline]


@admin.register(Adjunto)
class AdjuntoAdmin(AuditedModelAdmin):
    form = AdjuntoForm
    list_display = ["nombre_original", "nota", "tipo_mime", "tamano", "subido_en"]
    list_select_related = ["nota"]
    search_fields = ["nombre_original", "nota__texto"]
    date_hierarchy = "subido_en"
    autocomplete_fields = ["nota"]
    fields = ["nota", "archivo", *ADJUNTO_METADATA]
    readonly_fields = ADJUNTO_METADATA


# --- Records the system writes itself: browsable, never edited by hand ------------------------------


class SystemRecordAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RecordatorioEnviado)
class RecordatorioEnviadoAdmin(SystemRecordAdmin):
    list_display = ("fecha", "usuario", "total", "enviado_en")
    list_filter = ("fecha",)
    search_fields = ("usuario__username",)
    list_select_related = ("usuario",)
    date_hierarchy = "fecha"


@admin.register(TokenCalendario)
class TokenCalendarioAdmin(SystemRecordAdmin):
    # The token is a credential: never shown. Its owner revokes or renews it from the portal.
    fields = ("usuario", "creado_en")
    readonly_fields = fields
    list_display = fields
    search_fields = ("usuario__username",)
    list_select_related = ("usuario",)


@admin.register(Conformidad)
class ConformidadAdmin(SystemRecordAdmin):
    # A member's own reply to the acta: recorded in the portal, never rewritten by an administrator.
    list_display = ("acta", "usuario", "tipo", "creada_en")
    list_filter = ("tipo",)
    search_fields = ("usuario__username", "texto")
    list_select_related = ("acta__reunion", "usuario")


@admin.register(VersionDatos)
class VersionDatosAdmin(SystemRecordAdmin):
    # Raised by database triggers on every write the cached counts depend on (juntas/recuentos.py).
    list_display = ("id", "numero")
