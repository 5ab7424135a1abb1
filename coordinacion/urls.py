from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from coordinacion import auditoria, segundo_factor, views
from coordinacion.admin_site import SegundoFactorAdminSite
from coordinacion.converters import IdConverter
from coordinacion.forms import LoginForm

# Swap the default site's class (as django-otp suggests) so every ModelAdmin registered anywhere
# lands on a site that requires the second factor when OTP_REQUIRED is on.
admin.site.__class__ = SegundoFactorAdminSite

register_converter(IdConverter, "id")

handler500 = "coordinacion.views.server_error"

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("cuenta/segundo-factor/", segundo_factor.configurar, name="segundo_factor"),
    path("cuenta/segundo-factor/verificar/", segundo_factor.verificar, name="segundo_factor_verificar"),
    path("cuenta/segundo-factor/codigos/", segundo_factor.codigos, name="segundo_factor_codigos"),
    path("auditoria/", auditoria.auditoria, name="auditoria"),
    path("auditoria/csv/", auditoria.auditoria_csv, name="auditoria_csv"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", views.health, name="health"),
    path("accesibilidad/", views.accesibilidad, name="accesibilidad"),
    path(f"{settings.ADMIN_URL}", admin.site.urls),
    path("", include("juntas.urls")),
]
