"""Asistencia of a reunión, with the live quorum (secretaría only)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from juntas.consultas import quorum_reunion
from juntas.forms.reuniones import AsistenciaForm, aplicar_errores
from juntas.models import Reunion
from juntas.services import reuniones as servicio
from juntas.views.comun import con_rol, reunion_gestionable


@con_rol
def asistencia(request, pk):
    reunion = reunion_gestionable(request.user, pk, Reunion.objects.select_related("junta"))
    convocados = list(reunion.convocados.select_related("persona", "organismo"))
    form = AsistenciaForm(request.POST or None, convocados=convocados)
    guardado = False
    if request.method == "POST" and form.is_valid():
        try:
            convocados = servicio.registrar_asistencia(actor=request.user, reunion=reunion, marcas=form.marcas())
        except ValidationError as error:
            aplicar_errores(form, error)
        else:
            guardado = True
            if not request.htmx:
                messages.success(request, _("Attendance saved."))
                return redirect("asistencia", pk=reunion.pk)
    contexto = {"reunion": reunion, "form": form, "quorum": quorum_reunion(reunion, convocados), "guardado": guardado}
    if request.htmx:
        # Autosave on change: only the quorum panel (an aria-live region) is swapped.
        return render(request, "juntas/reuniones/_quorum.html", contexto)
    return render(request, "juntas/reuniones/asistencia.html", contexto)
