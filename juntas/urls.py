from django.urls import path

from juntas.views import inicio

urlpatterns = [
    path("", inicio.inicio, name="inicio"),
]
