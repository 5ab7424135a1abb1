"""The subscribable calendar feed: a page to get or revoke its secret URL, and the feed itself."""

import datetime as dt
import re

from django.contrib import messages
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from juntas.access import rol
from juntas.calendario import ics_feed
from juntas.models import Convocado, Reunion, TokenCalendario
from juntas.services.calendario import regenerar_token_calendario, revocar_token_calendario
from juntas.views.comun import con_rol

HISTORIA = dt.timedelta(days=365)
FORMATO_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


@con_rol
def calendario(request):
    token = TokenCalendario.objects.filter(usuario=request.user).first()
    url = request.build_absolute_uri(reverse("calendario_feed", kwargs={"token": token.token})) if token else ""
    return render(request, "juntas/calendario/suscripcion.html", {"token": token, "url": url})


@require_POST
@con_rol
def calendario_regenerar(request):
    regenerar_token_calendario(actor=request.user)
    messages.success(request, _("A new calendar address was created. Any previous address no longer works."))
    return redirect("calendario")


@require_POST
@con_rol
def calendario_revocar(request):
    if revocar_token_calendario(actor=request.user):
        messages.success(request, _("The calendar address was revoked."))
    return redirect("calendario")


@require_GET
def calendario_feed(request, token):
    """No session: the secret token authenticates. An unknown or revoked token is a 404."""
    if not FORMATO_TOKEN.fullmatch(token):
        raise Http404  # also keeps NUL bytes and megabyte strings away from the database
    fila = TokenCalendario.objects.select_related("usuario__persona__organismo").filter(token=token).first()
    if fila is None or not rol(fila.usuario):
        raise Http404
    user = fila.usuario
    if user.persona_id is None:
        reuniones = Reunion.objects.none()
    else:
        convocado = Q(Exists(Convocado.objects.filter(reunion=OuterRef("pk"), persona_id=user.persona_id))) | Q(
            Exists(
                Convocado.objects.filter(
                    reunion=OuterRef("pk"), persona__isnull=True, organismo_id=user.persona.organismo_id
                )
            )
        )
        reuniones = (
            Reunion.objects.visibles_para(user)
            .filter(convocado, inicio__gte=timezone.now() - HISTORIA)
            .select_related("junta")
            .order_by("inicio")
        )
    contenido = ics_feed(
        reuniones,
        nombre=_("Meetings of the Local Security Board"),
        dominio=request.get_host(),
        url_de=lambda r: request.build_absolute_uri(reverse("reunion_detalle", kwargs={"pk": r.pk})),
    )
    return HttpResponse(contenido, content_type="text/calendar; charset=utf-8")
