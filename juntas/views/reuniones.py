"""Reuniones: list, detail, create, edit and the .ics download."""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coordinacion.audit import historial_de
from juntas.access import get_reunion_or_404, puede_gestionar_reuniones
from juntas.calendario import ics_reunion
from juntas.consultas import arrastrados_mas_urgentes, con_miembros, quorum_reunion
from juntas.filters.reuniones import ReunionFilter
from juntas.forms.reuniones import ReunionForm, aplicar_errores
from juntas.models import Acuerdo, Convocado, PuntoOrden, Reunion, TipoPunto
from juntas.presentacion import etiquetas, ruta
from juntas.services import reuniones as servicio
from juntas.views.comun import con_rol, reunion_gestionable

POR_PAGINA = 20


@con_rol
def reunion_lista(request):
    reuniones = Reunion.objects.visibles_para(request.user).select_related("junta").order_by("-inicio")
    filtro = ReunionFilter(request.GET or None, queryset=reuniones)
    pagina = Paginator(filtro.qs, POR_PAGINA).get_page(request.GET.get("page"))
    return render(
        request,
        "juntas/reuniones/lista.html",
        {"filtro": filtro, "pagina": pagina, "puede_gestionar": puede_gestionar_reuniones(request.user)},
    )


# Read-only: the page writes nothing, so it needs no transaction (and saves its two statements).
@transaction.non_atomic_requests
@con_rol
def reunion_detalle(request, pk):
    user = request.user
    reunion = get_reunion_or_404(user, pk, con_miembros(Reunion.objects.select_related("junta", "convocante")))
    puntos = list(reunion.puntos.all())
    convocados = list(reunion.convocados.select_related("persona", "organismo"))
    # The acuerdos adopted here and the one this meeting follows up (if visible), in one query.
    leidos = list(
        Acuerdo.objects.visibles_para(user)
        .filter(Q(reunion=reunion) | Q(pk=reunion.acuerdo_origen_id))
        .order_by("numero")
    )
    acuerdo_origen = next((a for a in leidos if a.pk == reunion.acuerdo_origen_id), None)
    arrastrados = None
    if any(p.tipo == TipoPunto.SEGUIMIENTO for p in puntos):
        arrastrados = arrastrados_mas_urgentes(user, reunion)
    acuerdos = [a for a in leidos if a.reunion_id == reunion.pk]
    _preparar_filas(puntos, convocados, acuerdos)
    contexto = {
        "reunion": reunion,
        "puntos": puntos,
        "convocados": convocados,
        "acuerdo_origen": acuerdo_origen,
        "acuerdos": acuerdos,
        "arrastrados": arrastrados,
        "hoy": timezone.localdate(),
        "quorum": quorum_reunion(reunion, convocados),
        "puede_gestionar": puede_gestionar_reuniones(user),
        "historial": historial_de(reunion),
    }
    return render(request, "juntas/reuniones/detalle.html", contexto)


def _preparar_filas(puntos, convocados, acuerdos) -> None:
    """Labels and addresses of the page's rows, worked out once for the page (see juntas.presentacion):
    get_FOO_display translates every label of its field on each call, {% url %} resolves the route again."""
    tipo = etiquetas(PuntoOrden, "tipo")
    for punto in puntos:
        punto.tipo_texto = tipo(punto.tipo)
    derecho, asistencia = etiquetas(Convocado, "derecho"), etiquetas(Convocado, "asistencia")
    for convocado in convocados:
        convocado.derecho_texto = derecho(convocado.derecho)
        convocado.asistencia_texto = asistencia(convocado.asistencia)
    detalle, estado = ruta("acuerdo_detalle"), etiquetas(Acuerdo, "estado")
    for acuerdo in acuerdos:
        acuerdo.url = detalle(acuerdo.pk)
        acuerdo.estado_texto = estado(acuerdo.estado)


@con_rol
def reunion_crear(request):
    if not puede_gestionar_reuniones(request.user):
        raise PermissionDenied
    form = ReunionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reunion = servicio.crear_reunion(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
        else:
            messages.success(request, _("Meeting created. Now set its agenda."))
            return redirect("reunion_orden", pk=reunion.pk)
    return render(request, "juntas/reuniones/form.html", {"form": form, "reunion": None})


@con_rol
def reunion_editar(request, pk):
    reunion = reunion_gestionable(request.user, pk, Reunion.objects.select_related("junta"))
    # The form works on a copy: the service compares against the meeting as stored.
    form = ReunionForm(request.POST or None, instance=copy.copy(reunion))
    if request.method == "POST" and form.is_valid():
        antes = (reunion.inicio, reunion.fin, reunion.lugar, reunion.enlace_telematico, reunion.modalidad)
        try:
            servicio.modificar_reunion(actor=request.user, reunion=reunion, datos=form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
        else:
            messages.success(request, _("Meeting saved."))
            despues = (reunion.inicio, reunion.fin, reunion.lugar, reunion.enlace_telematico, reunion.modalidad)
            if reunion.convocatoria_enviada_en and antes != despues:
                messages.warning(
                    request,
                    _("The convocatoria was already sent: send it again so the convocados learn of the change."),
                )
            return redirect("reunion_detalle", pk=reunion.pk)
    return render(request, "juntas/reuniones/form.html", {"form": form, "reunion": reunion})


@con_rol
def reunion_ics(request, pk):
    reunion = get_reunion_or_404(request.user, pk, Reunion.objects.select_related("junta"))
    contenido = ics_reunion(
        reunion,
        dominio=request.get_host(),
        url=request.build_absolute_uri(reverse("reunion_detalle", kwargs={"pk": reunion.pk})),
        puntos=reunion.puntos.all(),
    )
    respuesta = HttpResponse(contenido, content_type="text/calendar; charset=utf-8")
    respuesta["Content-Disposition"] = f'attachment; filename="reunion-{reunion.pk}.ics"'
    return respuesta
