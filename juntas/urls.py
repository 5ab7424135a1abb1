from django.urls import path

from juntas.views import buscar, inicio

urlpatterns = [
    path("", inicio.inicio, name="inicio"),
    path("buscar/", buscar.buscar, name="buscar"),
]
