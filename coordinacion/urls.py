from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from coordinacion import views
from coordinacion.forms import LoginForm

admin.site.site_header = "Junta Local de Seguridad"
admin.site.site_title = "Junta Local de Seguridad"

handler500 = "coordinacion.views.server_error"

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", views.health, name="health"),
    path("accesibilidad/", views.accesibilidad, name="accesibilidad"),
    path(f"{settings.ADMIN_URL}", admin.site.urls),
    path("", include("juntas.urls")),
]
