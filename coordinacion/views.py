import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@transaction.non_atomic_requests  # probing the database must not first need a transaction
@require_GET
@never_cache
def health(request):
    """Liveness and database reachability, for the proxy and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy", whatever the driver raised
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def accesibilidad(request):
    """The accessibility statement that RD 1112/2018 requires, public like the law asks."""
    return render(request, "coordinacion/accesibilidad.html", {"contacto": settings.ACCESSIBILITY_CONTACT_EMAIL})


def server_error(request):
    """handler500: a lost or unreachable database is a 503 (try again), anything else a 500.

    Django calls this while handling the exception, so sys.exc_info() names it. ATOMIC_REQUESTS has
    rolled the request back (nothing half-written) and Django drops the broken connection at the end
    of the request, so the next request reconnects without a restart. Rendered without a request
    context: context processors might need the database.
    """
    exception = sys.exc_info()[1]
    if isinstance(exception, OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(render_to_string("500.html"))


def bloqueo(request, original_response=None, credentials=None):
    """The page django-axes shows while a username+address is locked out (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/bloqueo.html", {"cooloff_minutes": minutes}, status=429)
