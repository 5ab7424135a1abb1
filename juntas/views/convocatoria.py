"""The convocatoria of a reunión: choose the convocados and send it (secretaría only)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from coordinacion.models import Organismo, Persona
from juntas.consultas import preaviso_insuficiente, preaviso_requerido
from juntas.forms.reuniones import ConvocadosForm
from juntas.models import MiembroJunta, Reunion
from juntas.services import reuniones as servicio
from juntas.views.comun import con_rol, reunion_gestionable


def _reunion(request, pk):
    return reunion_gestionable(request.user, pk, Reunion.objects.select_related("junta"))


@con_rol
def convocatoria(request, pk):
    reunion = _reunion(request, pk)
    convocados = list(reunion.convocados.select_related("persona", "organismo"))
    cargos = dict(MiembroJunta.objects.activos().filter(junta_id=reunion.junta_id).values_list("persona_id", "cargo"))
    etiquetas = dict(MiembroJunta._meta.get_field("cargo").choices)
    ya = {c.persona_id for c in convocados if c.persona_id}
    personas = list(
        Persona.objects.filter(Q(activa=True) | Q(pk__in=ya))
        .select_related("organismo")
        .order_by("organismo__nombre", "cargo")
    )
    for p in personas:
        cargo = cargos.get(p.pk)
        p.etiqueta_convocatoria = f"{p} · {p.organismo}" + (f" — {etiquetas[cargo]}" if cargo else "")
    # The Junta's members first: they are the usual convocados.
    personas.sort(key=lambda p: p.pk not in cargos)
    organismos = list(Organismo.objects.filter(activo=True))
    if convocados:
        inicial = {"personas": list(ya), "organismos": [c.organismo_id for c in convocados if not c.persona_id]}
    else:
        inicial = {"personas": list(cargos), "organismos": []}
    form = ConvocadosForm(request.POST or None, initial=inicial, personas=personas, organismos=organismos)
    if request.method == "POST" and form.is_valid():
        servicio.fijar_convocados(
            actor=request.user,
            reunion=reunion,
            personas=form.cleaned_data["personas"],
            organismos=form.cleaned_data["organismos"],
        )
        messages.success(request, _("Convocados saved."))
        return redirect("convocatoria", pk=reunion.pk)
    contexto = {
        "reunion": reunion,
        "form": form,
        "convocados": convocados,
        "sin_guardar": not convocados,
        "puntos": list(reunion.puntos.all()),
        "preaviso_requerido": preaviso_requerido(reunion),
        "preaviso_insuficiente": preaviso_insuficiente(reunion),
    }
    return render(request, "juntas/reuniones/convocatoria.html", contexto)


@require_POST
@con_rol
def convocatoria_enviar(request, pk):
    reunion = _reunion(request, pk)
    url = request.build_absolute_uri(reverse("reunion_detalle", kwargs={"pk": reunion.pk}))
    try:
        direcciones = servicio.enviar_convocatoria(
            actor=request.user, reunion=reunion, dominio=request.get_host(), url=url
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "Convocatoria sent to %(count)d person.", "Convocatoria sent to %(count)d persons.", len(direcciones)
            )
            % {"count": len(direcciones)},
        )
        if preaviso_insuficiente(reunion):
            messages.warning(request, _("It was sent with less notice than the Junta's rules require."))
    return redirect("convocatoria", pk=reunion.pk)
