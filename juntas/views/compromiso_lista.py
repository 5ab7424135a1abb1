"""The compromiso list: every visible commitment, filtered and paginated."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from juntas.access import puede_ver_compromisos
from juntas.filters.compromisos import CompromisoFilter, con_vencido
from juntas.models import Compromiso

POR_PAGINA = 25


@login_required
def compromiso_lista(request):
    if not puede_ver_compromisos(request.user):
        raise PermissionDenied
    filtro = CompromisoFilter(request.GET, queryset=Compromiso.objects.visibles_para(request.user), request=request)
    compromisos = con_vencido(filtro.qs).select_related("acuerdo__junta", "organismo").order_by("fecha_limite", "id")
    pagina = Paginator(compromisos, POR_PAGINA).get_page(request.GET.get("page"))
    return render(
        request,
        "juntas/compromisos/lista.html",
        {"filtro": filtro, "pagina": pagina, "hoy": timezone.localdate()},
    )
