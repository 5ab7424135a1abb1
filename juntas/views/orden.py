"""The orden del día of a reunión: add, edit, delete and reorder its puntos (secretaría only)."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntas.consultas import arrastrados_mas_urgentes
from juntas.forms.reuniones import MoverPuntoForm, PuntoForm, aplicar_errores
from juntas.models import PuntoOrden, Reunion, TipoPunto
from juntas.services import reuniones as servicio
from juntas.views.comun import con_rol, reunion_gestionable


def _reunion(request, pk):
    return reunion_gestionable(request.user, pk, Reunion.objects.select_related("junta"))


def _punto(reunion, punto_pk):
    return get_object_or_404(PuntoOrden.objects.select_related("reunion__junta"), reunion=reunion, pk=punto_pk)


def _contexto(request, reunion, **extra):
    puntos = list(reunion.puntos.all())
    arrastrados = None
    if any(p.tipo == TipoPunto.SEGUIMIENTO for p in puntos):
        arrastrados = arrastrados_mas_urgentes(request.user, reunion)
    return {"reunion": reunion, "puntos": puntos, "arrastrados": arrastrados, "hoy": timezone.localdate(), **extra}


def _urgente(reunion) -> bool:
    return timezone.now() >= reunion.inicio


@con_rol
def reunion_orden(request, pk):
    reunion = _reunion(request, pk)
    form = PuntoForm(urgente=_urgente(reunion))
    return render(request, "juntas/reuniones/orden.html", _contexto(request, reunion, form=form))


@require_POST
@con_rol
def punto_crear(request, pk):
    reunion = _reunion(request, pk)
    form = PuntoForm(request.POST, urgente=_urgente(reunion))
    if form.is_valid():
        try:
            punto = servicio.anadir_punto(
                actor=request.user,
                reunion=reunion,
                titulo=form.cleaned_data["titulo"],
                tipo=form.cleaned_data["tipo"],
                descripcion=form.cleaned_data["descripcion"],
                votos_urgencia=form.cleaned_data.get("votos_urgencia"),
            )
        except ValidationError as error:
            aplicar_errores(form, error)
        else:
            messages.success(request, _("Item %(number)s added.") % {"number": punto.numero})
            return redirect("reunion_orden", pk=reunion.pk)
    return render(request, "juntas/reuniones/orden.html", _contexto(request, reunion, form=form))


@con_rol
def punto_editar(request, pk, punto_pk):
    reunion = _reunion(request, pk)
    punto = _punto(reunion, punto_pk)
    # The form works on a copy: the service compares against the punto as stored.
    form = PuntoForm(request.POST or None, instance=copy.copy(punto))
    if request.method == "POST" and form.is_valid():
        try:
            servicio.modificar_punto(actor=request.user, punto=punto, **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
        else:
            messages.success(request, _("Item %(number)s saved.") % {"number": punto.numero})
            return redirect("reunion_orden", pk=reunion.pk)
    return render(request, "juntas/reuniones/punto_form.html", {"reunion": reunion, "punto": punto, "form": form})


@con_rol
def punto_eliminar(request, pk, punto_pk):
    reunion = _reunion(request, pk)
    punto = _punto(reunion, punto_pk)
    if request.method == "POST":
        try:
            servicio.eliminar_punto(actor=request.user, punto=punto)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Item deleted; the following items were renumbered."))
        return redirect("reunion_orden", pk=reunion.pk)
    return render(request, "juntas/reuniones/punto_eliminar.html", {"reunion": reunion, "punto": punto})


@require_POST
@con_rol
def punto_mover(request, pk, punto_pk):
    reunion = _reunion(request, pk)
    punto = _punto(reunion, punto_pk)
    form = MoverPuntoForm(request.POST)
    aviso = _("Choose up or down.")
    if form.is_valid():
        direccion = form.cleaned_data["direccion"]
        punto = servicio.mover_punto(actor=request.user, punto=punto, direccion=direccion)
        aviso = _("Item “%(title)s” is now number %(number)s.") % {"title": punto.titulo, "number": punto.numero}
        enfoque = f"mover-{punto.pk}-{direccion}"
    else:
        enfoque = ""
    if request.htmx:
        contexto = _contexto(request, reunion, aviso=aviso, enfoque=enfoque)
        return render(request, "juntas/reuniones/_puntos_gestion.html", contexto)
    messages.info(request, aviso)
    return redirect(f"{reverse('reunion_orden', kwargs={'pk': reunion.pk})}#punto-{punto.pk}")
