"""The compromiso list: every visible commitment, filtered and paginated."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property

from juntas.access import puede_ver_compromisos
from juntas.filters.compromisos import CompromisoFilter, con_vencido
from juntas.models import Compromiso
from juntas.recuentos import en_cache

POR_PAGINA = 25


class PaginatorContado(Paginator):
    """A Paginator told its row count, so it does not count them itself."""

    def __init__(self, object_list, per_page, total: int):
        super().__init__(object_list, per_page)
        self._total = total

    @cached_property
    def count(self) -> int:
        return self._total


@login_required
def compromiso_lista(request):
    if not puede_ver_compromisos(request.user):
        raise PermissionDenied
    filtro = CompromisoFilter(request.GET, queryset=Compromiso.objects.visibles_para(request.user), request=request)
    compromisos = con_vencido(filtro.qs).select_related("acuerdo__junta", "organismo").order_by("fecha_limite", "id")
    # A liaison's count reads every compromiso the rules open to them (~40,000 at scale): cached until
    # the next write (juntas/recuentos.py), for these filters whatever the page.
    filtros = sorted((clave, valores) for clave, valores in request.GET.lists() if clave != "page")
    total = en_cache("compromiso_lista", request.user, filtros, filtro.qs.count)
    pagina = PaginatorContado(compromisos, POR_PAGINA, total).get_page(request.GET.get("page"))
    return render(
        request,
        "juntas/compromisos/lista.html",
        {"filtro": filtro, "pagina": pagina, "hoy": timezone.localdate()},
    )
