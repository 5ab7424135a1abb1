import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware

from coordinacion.audit import client_ip, current_ip
from coordinacion.verificacion import ANOTACION, cargando_usuario, dispositivo, dispositivo_diferido


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


class NoStoreMiddleware:
    """Pages for a signed-in user may hold reserved or police content: no cache may keep them.

    Responses that already say how to cache (static files, health) are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store, private"
        return response


class SecondFactorMiddleware:
    """After the password, secretaría and administración must verify a second factor (ENS op.acc.5).

    Until they do, every page but signing in and out, the second-factor pages themselves, language
    choice and the health check sends them to enrolment (no device yet) or verification.
    """

    EXEMPT = frozenset(
        {
            "login",
            "logout",
            "segundo_factor",
            "segundo_factor_verificar",
            "set_language",
            "health",
            "accesibilidad",
            "javascript-catalog",
        }
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from coordinacion.roles import requiere_segundo_factor
        from coordinacion.segundo_factor import con_siguiente, tiene_dispositivo

        user = getattr(request, "user", None)
        if user is None or not requiere_segundo_factor(user) or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.url_name in self.EXEMPT and not match.namespace:
            return None
        target = "segundo_factor_verificar" if tiene_dispositivo(user) else "segundo_factor"
        return redirect(con_siguiente(target, request.get_full_path()))


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


class SegundoFactorEnUnaConsultaMiddleware(OTPMiddleware):
    """django-otp's OTPMiddleware, without its query: the device is checked with the user's (verificacion.py).

    A deleted or unconfirmed device, or one of another account, does not verify the session, and
    its id leaves the session, exactly as in django-otp. When the user was loaded before the device
    could be named (something read request.user earlier), django-otp's own lookup runs instead.
    """

    def _verify_user_sync(self, request, user):
        persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
        if not persistent_id:
            return super()._verify_user_sync(request, user)  # no device named: no query either way
        found = dispositivo(persistent_id)
        with cargando_usuario(found):
            authenticated = user.is_authenticated  # loads the user, with the device check
        self._init_user_fields(user)
        if authenticated:
            confirmado = getattr(user, ANOTACION, None)
            if found is None:
                device = None  # the id names no device model (django-otp would fail here)
            elif confirmado is None:
                device = self._device_from_persistent_id(persistent_id)
            else:
                model, pk = found
                device = dispositivo_diferido(model, pk, user, user._state.db) if confirmado else None
            user.otp_device = self._finalize_device(request, user, device)
        return user
