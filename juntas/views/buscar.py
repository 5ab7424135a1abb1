"""The search results page: one box, four groups, only what the user may see."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from juntas.access import rol
from juntas.search import service
from juntas.search.forms import BusquedaForm
from juntas.search.query import MAX_LENGTH, parse


# Read-only: the page writes nothing, so it needs no transaction (and saves its two statements).
@transaction.non_atomic_requests
@login_required
def buscar(request):
    form = BusquedaForm(request.GET or None)
    context = {"form": form, "rol": rol(request.user), "max_length": MAX_LENGTH}
    if form.is_bound and form.is_valid() and context["rol"]:
        data = form.cleaned_data
        busqueda = parse(data["q"])
        groups = service.search(
            request.user,
            busqueda,
            kind=data["kind"],
            year=data["year"],
            junta=data["junta"],
            page=request.GET.get("page"),
        )
        context.update(busqueda=busqueda, groups=groups, summary=_summary(groups))
    return render(request, "juntas/buscar.html", context)


def _summary(groups) -> str:
    """One sentence for screen readers: the total and each group's count."""
    total = sum(group.total for group in groups)
    if not total:
        return _("No results.")
    parts = [f"{group.kind.label}: {'+' if group.capped else ''}{group.total}" for group in groups]
    return ngettext("%(count)d result (%(parts)s).", "%(count)d results (%(parts)s).", total) % {
        "count": total,
        "parts": "; ".join(parts),
    }
