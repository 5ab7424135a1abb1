""" "Mi organismo": what a body owes, overdue first, then by due date.

Liaisons see their own body. The secretaría and delegados choose a body with ?organismo=<id> (a
select on the page); without it they see the chooser only. Other roles get 403.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.shortcuts import render
from django.utils import timezone

from coordinacion.choices import Rol
from juntas import access
from juntas.forms.compromisos import OrganismoChoiceForm
from juntas.models import Compromiso
from juntas.models.choices import ESTADOS_ABIERTOS

POR_PAGINA = 50


@login_required
def mi_organismo(request):
    user = request.user
    if not access.puede_ver_compromisos_de_organismo(user):
        raise PermissionDenied
    form = None
    if user.rol == Rol.ENLACE:
        organismo = user.organismo
    else:
        form = OrganismoChoiceForm(request.GET or None)
        organismo = form.cleaned_data["organismo"] if form.is_bound and form.is_valid() else None
    hoy = timezone.localdate()
    pagina = None
    if organismo is not None:
        abierto = Q(estado__in=ESTADOS_ABIERTOS)
        compromisos = (
            Compromiso.objects.visibles_para(user)
            .filter(organismo=organismo)
            .select_related("acuerdo", "responsable")
            .annotate(
                grupo=Case(
                    When(abierto & Q(fecha_limite__lt=hoy), then=Value(0)),
                    When(abierto, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .order_by("grupo", "fecha_limite", "pk")
        )
        pagina = Paginator(compromisos, POR_PAGINA).get_page(request.GET.get("page"))
    context = {"organismo": organismo, "form": form, "pagina": pagina, "hoy": hoy}
    return render(request, "juntas/mi_organismo.html", context)
