"""Admin of the coordination network, the accounts and the (read-only) audit log.

Every save and delete made through the admin writes an audit entry in the request's transaction
(AuditedAdminMixin); the juntas admin uses the same mixin.
"""

import json

from django import forms
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from coordinacion.audit import changed_fields, log_action
from coordinacion.choices import AccionAuditoria
from coordinacion.models import Distrito, Materia, Organismo, Persona, RegistroAuditoria, Usuario


def _comparable(field: forms.Field, value):
    """A form value in the shape the audit log stores: related objects by primary key."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return sorted(str(pk) for pk in field.prepare_value(value or []))
    if isinstance(field, forms.ModelChoiceField):
        pk = field.prepare_value(value)
        return None if pk in (None, "") else str(pk)
    return value


def form_changes(form: forms.BaseForm) -> dict:
    """The fields the user changed in a bound, valid form, as {field: [old, new]}; never a password."""
    names = [name for name in form.changed_data if "password" not in name]
    before = {
        name: _comparable(form.fields[name], form.get_initial_for_field(form.fields[name], name)) for name in names
    }
    after = {name: _comparable(form.fields[name], form.cleaned_data.get(name)) for name in names}
    cambios = changed_fields(before, after)
    # changed_fields flattens lists to text; many-to-many values stay JSON lists of primary keys.
    cambios.update({name: [before[name], after[name]] for name in cambios if isinstance(after[name], list)})
    return cambios


class AuditedAdminMixin:
    """Writes an audit entry for every admin save and delete, inline rows included.

    The admin runs each request in one transaction (ATOMIC_REQUESTS), so an entry is never kept
    for a change that was rolled back, nor a change kept without its entry.
    """

    def save_model(self, request, obj, form, change):
        cambios = form_changes(form) if change else {}
        super().save_model(request, obj, form, change)
        accion = AccionAuditoria.MODIFICAR if change else AccionAuditoria.CREAR
        log_action(actor=request.user, accion=accion, obj=obj, cambios=cambios)

    def delete_model(self, request, obj):
        # Logged first: once deleted, the object has no primary key left to record.
        log_action(actor=request.user, accion=AccionAuditoria.ELIMINAR, obj=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            log_action(actor=request.user, accion=AccionAuditoria.ELIMINAR, obj=obj)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        deleted = {id(row) for row in formset.deleted_forms}
        for row in formset.deleted_forms:
            if row.instance.pk is not None:
                log_action(actor=request.user, accion=AccionAuditoria.ELIMINAR, obj=row.instance)
        changed = [
            (row, form_changes(row))
            for row in formset.initial_forms
            if id(row) not in deleted and row.instance.pk is not None and row.has_changed()
        ]
        super().save_formset(request, form, formset, change)
        for row, cambios in changed:
            log_action(actor=request.user, accion=AccionAuditoria.MODIFICAR, obj=row.instance, cambios=cambios)
        for obj in formset.new_objects:
            log_action(actor=request.user, accion=AccionAuditoria.CREAR, obj=obj)


class AuditedModelAdmin(AuditedAdminMixin, admin.ModelAdmin):
    pass


@admin.register(Distrito)
class DistritoAdmin(AuditedModelAdmin):
    list_display = ["codigo", "nombre"]
    search_fields = ["codigo", "nombre"]


@admin.register(Materia)
class MateriaAdmin(AuditedModelAdmin):
    list_display = ["nombre", "descripcion"]
    search_fields = ["nombre", "descripcion"]


@admin.register(Organismo)
class OrganismoAdmin(AuditedModelAdmin):
    list_display = ["nombre", "siglas", "tipo", "distrito", "activo"]
    list_filter = ["tipo", "activo", "distrito"]
    list_select_related = ["distrito"]
    search_fields = ["nombre", "siglas"]


@admin.register(Persona)
class PersonaAdmin(AuditedModelAdmin):
    list_display = ["cargo", "nombre", "organismo", "email", "telefono", "activa"]
    list_filter = ["activa", "organismo__tipo"]
    list_select_related = ["organismo"]
    search_fields = ["cargo", "nombre", "email", "organismo__nombre", "organismo__siglas"]
    autocomplete_fields = ["organismo"]


@admin.register(Usuario)
class UsuarioAdmin(AuditedAdminMixin, auth_admin.UserAdmin):
    fieldsets = [
        *auth_admin.UserAdmin.fieldsets[:1],
        (_("Person and role"), {"fields": ["persona", "rol"]}),
        *auth_admin.UserAdmin.fieldsets[1:],
    ]
    add_fieldsets = [
        *auth_admin.UserAdmin.add_fieldsets,
        (_("Person and role"), {"classes": ["wide"], "fields": ["persona", "rol"]}),
    ]
    list_display = ["username", "persona", "rol", "is_active", "is_staff"]
    list_filter = ["rol", "is_active", "is_staff", "is_superuser"]
    list_select_related = ["persona__organismo"]
    search_fields = ["username", "first_name", "last_name", "email", "persona__cargo", "persona__nombre"]
    autocomplete_fields = ["persona"]

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        # A password change redirects on success; the entry names the field, never a value.
        if request.method == "POST" and response.status_code == 302:
            user = self.get_object(request, id)
            log_action(
                actor=request.user, accion=AccionAuditoria.MODIFICAR, obj=user, cambios={"password": ["***", "***"]}
            )
        return response


# Groups carry permissions: their changes are audited like any other.
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AuditedAdminMixin, auth_admin.GroupAdmin):
    pass


@admin.register(RegistroAuditoria)
class RegistroAuditoriaAdmin(admin.ModelAdmin):
    """The audit log is append-only: it can be read and searched here, never written."""

    list_display = ["creado_en", "nombre_usuario", "accion", "content_type", "objeto", "ip"]
    list_filter = ["accion", "creado_en", "content_type"]
    list_select_related = ["content_type"]
    search_fields = ["nombre_usuario", "objeto"]
    date_hierarchy = "creado_en"
    # The log only grows: no COUNT(*) of the whole table on every page.
    show_full_result_count = False
    fields = [
        "creado_en",
        "usuario",
        "nombre_usuario",
        "accion",
        "content_type",
        "object_id",
        "objeto",
        "cambios_legibles",
        "ip",
    ]
    readonly_fields = fields

    @admin.display(description=_("changes"))
    def cambios_legibles(self, obj):
        if not obj.cambios:
            return "—"
        return format_html("<pre>{}</pre>", json.dumps(obj.cambios, ensure_ascii=False, indent=2, sort_keys=True))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
