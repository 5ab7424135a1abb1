"""The home page: what each role needs first."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone

from coordinacion.choices import Rol
from juntas.access import compromisos_propios_visibles
from juntas.models import Acta, Acuerdo, Compromiso, EstadoActa, EstadoCompromiso, EstadoReunion, Reunion
from juntas.recuentos import en_cache


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
        # A count over every visible compromiso: cached until the next write (juntas/recuentos.py).
        filas = en_cache("inicio", user, "", lambda: _por_estado(user))
        context["resumen"] = [(EstadoCompromiso(estado).label, total) for estado, total in filas]
    return render(request, "juntas/inicio.html", context)


def _por_estado(user) -> list[tuple[str, int]]:
    filas = Compromiso.objects.visibles_para(user).values_list("estado").annotate(total=Count("id")).order_by("estado")
    return list(filas)
