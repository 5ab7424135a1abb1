"""Compromisos: create and edit (secretaría), the detail page, status moves and notas de actuación."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordinacion.audit import historial_de
from juntas import access
from juntas.forms.compromisos import CompromisoForm, NotaForm
from juntas.forms.errors import add_service_errors
from juntas.models import Compromiso, EstadoCompromiso, NotaActuacion
from juntas.services import compromisos as services
from juntas.transitions import REQUIEREN_MOTIVO, destinos

DETALLE = Compromiso.objects.select_related("acuerdo__junta", "organismo", "responsable")


def _get_compromiso(user, pk):
    return access.get_compromiso_or_404(user, pk, queryset=DETALLE)


@login_required
def compromiso_crear(request, pk: int):
    user = request.user
    acuerdo = access.get_acuerdo_or_404(user, pk)
    if not access.puede_gestionar_compromisos(user):
        raise PermissionDenied
    form = CompromisoForm(request.POST or None, initial={"fecha_limite": None})
    if request.method == "POST" and form.is_valid():
        try:
            compromiso = services.crear_compromiso(actor=user, acuerdo=acuerdo, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Commitment created."))
            return redirect("compromiso_detalle", pk=compromiso.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "juntas/compromisos/form.html", {"form": form, "acuerdo": acuerdo}, status=status)


@login_required
def compromiso_editar(request, pk: int):
    user = request.user
    compromiso = _get_compromiso(user, pk)
    if not access.puede_gestionar_compromisos(user):
        raise PermissionDenied
    form = CompromisoForm(request.POST or None, compromiso=compromiso)
    if request.method == "POST" and form.is_valid():
        try:
            services.editar_compromiso(actor=user, compromiso=compromiso, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Commitment saved."))
            return redirect("compromiso_detalle", pk=compromiso.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "acuerdo": compromiso.acuerdo, "compromiso": compromiso}
    return render(request, "juntas/compromisos/form.html", context, status=status)


def _notas(user, compromiso):
    return list(
        NotaActuacion.objects.visibles_para(user)
        .filter(compromiso=compromiso)
        .select_related("autor__persona__organismo")
        .prefetch_related("adjuntos")
    )


def _contexto(user, compromiso, form=None, aviso: str = "") -> dict:
    actor = access.actor_de_compromiso(user, compromiso)
    if actor is not None and form is None:
        form = NotaForm(user=user, compromiso=compromiso)
    return {
        "compromiso": compromiso,
        "acuerdo": compromiso.acuerdo,
        "notas": _notas(user, compromiso),
        "form": form,
        "botones": [estado for estado in destinos(actor, compromiso.estado) if estado not in REQUIEREN_MOTIVO],
        "puede_bloquear": EstadoCompromiso.BLOQUEADO in destinos(actor, compromiso.estado),
        "puede_editar": access.puede_gestionar_compromisos(user),
        "hoy": timezone.localdate(),
        "aviso": aviso,
    }


@login_required
def compromiso_detalle(request, pk: int):
    user = request.user
    compromiso = _get_compromiso(user, pk)
    context = _contexto(user, compromiso)
    if context["form"] is not None and request.GET.get("reportar") and context["puede_bloquear"]:
        # "Report a problem": the nota form with the blocked status chosen, so the reason is the nota.
        context["form"] = NotaForm(
            user=user, compromiso=compromiso, initial={"estado_nuevo": EstadoCompromiso.BLOQUEADO}
        )
    context["historial"] = historial_de(compromiso)
    return render(request, "juntas/compromisos/detalle.html", context)


@login_required
@require_POST
def compromiso_estado(request, pk: int):
    user = request.user
    compromiso = _get_compromiso(user, pk)
    if access.actor_de_compromiso(user, compromiso) is None:
        raise PermissionDenied
    estado = request.POST.get("estado", "")
    try:
        compromiso = services.cambiar_estado_compromiso(actor=user, compromiso=compromiso, estado=estado)
    except ValidationError as error:
        for mensaje in error.messages:
            messages.error(request, mensaje)
    else:
        messages.success(
            request, _("The commitment is now “%(status)s”.") % {"status": compromiso.get_estado_display()}
        )
    return redirect("compromiso_detalle", pk=pk)


@login_required
@require_POST
def nota_crear(request, pk: int):
    user = request.user
    compromiso = _get_compromiso(user, pk)
    if access.actor_de_compromiso(user, compromiso) is None:
        raise PermissionDenied
    form = NotaForm(request.POST, request.FILES, user=user, compromiso=compromiso)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.registrar_nota(
                actor=user,
                compromiso=compromiso,
                texto=data["texto"],
                confidencialidad=data["confidencialidad"],
                estado_nuevo=data["estado_nuevo"],
                avance=data["avance"],
                archivos=data["archivos"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if not request.htmx:
                messages.success(request, _("Note added."))
                return redirect("compromiso_detalle", pk=pk)
            compromiso = _get_compromiso(user, pk)
            context = _contexto(user, compromiso, aviso=_("Note added."))
            return render(request, "juntas/compromisos/_notas_respuesta.html", context)
    if request.htmx:
        # htmx swaps only 2xx answers: the form comes back with its errors and the typed text.
        context = _contexto(user, compromiso, form=form, aviso=_("The note was not saved. Check the errors below."))
        return render(request, "juntas/compromisos/_notas_respuesta.html", context)
    context = _contexto(user, compromiso, form=form)
    context["historial"] = historial_de(compromiso)
    return render(request, "juntas/compromisos/detalle.html", context, status=400)
