import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from coordinacion.audit import client_ip, current_ip


class AuditContextMiddleware:
    """Makes the client's address available to the audit log for the length of a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)


class SessionLifetimeMiddleware:
    """Idle timeout and absolute lifetime of a signed-in session (ENS).

    The idle timeout is the session cookie age, renewed at most once a minute so that a busy page
    does not write the session on every request. The absolute lifetime counts from sign-in.
    """

    RENEW_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault("_inicio", now)
            if now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Your session has expired. Please sign in again."))
                return redirect_to_login(request.get_full_path())
            if now - request.session.get("_actividad", 0) >= self.RENEW_EVERY:
                request.session["_actividad"] = now
        return self.get_response(request)


class SpanishByDefaultMiddleware:
    """Spanish is the portal's language unless the person picks another with the switcher.

    Placed before LocaleMiddleware: dropping Accept-Language leaves the language cookie as the only
    signal, so a browser set to English does not turn a Spanish public service into an English one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
