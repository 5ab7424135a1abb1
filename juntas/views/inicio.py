"""The home page: what each role needs first."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone

from coordinacion.choices import Rol
from juntas.access import compromisos_propios_visibles
from juntas.models import Acta, Acuerdo, Compromiso, EstadoActa, EstadoCompromiso, EstadoReunion, Reunion


@login_required
def inicio(request):
    user = request.user
    now = timezone.now()
    context = {"rol": user.rol, "hoy": timezone.localdate()}
    if user.rol:
        context["proximas"] = list(
            Reunion.objects.visibles_para(user)
            .filter(inicio__gte=now)
            .exclude(estado=EstadoReunion.CANCELADA)
            .select_related("junta")
            .order_by("inicio")[:5]
        )
        context["ultimos_acuerdos"] = list(
            Acuerdo.objects.visibles_para(user).select_related("reunion").order_by("-fecha", "-numero")[:5]
        )
    if user.rol == Rol.ENLACE and user.organismo:
        context["mis_compromisos"] = list(
            compromisos_propios_visibles(Compromiso.objects.abiertos(), user)
            .select_related("acuerdo")
            .order_by("fecha_limite")[:10]
        )
    if user.rol == Rol.SECRETARIA:
        context["actas_pendientes"] = list(
            Acta.objects.exclude(estado=EstadoActa.APROBADA).select_related("reunion").order_by("reunion__inicio")[:10]
        )
    if user.rol == Rol.DELEGADO:
        rows = Compromiso.objects.visibles_para(user).values("estado").annotate(total=Count("id")).order_by("estado")
        context["resumen"] = [(EstadoCompromiso(row["estado"]).label, row["total"]) for row in rows]
    return render(request, "juntas/inicio.html", context)
