from django.urls import path

from juntas.views import compromiso_lista, exportacion, inicio, panel

urlpatterns = [
    path("", inicio.inicio, name="inicio"),
    path("compromisos/", compromiso_lista.compromiso_lista, name="compromiso_lista"),
    path("compromisos/exportar.csv", exportacion.exportar_csv, name="compromiso_exportar_csv"),
    path("compromisos/exportar.xlsx", exportacion.exportar_xlsx, name="compromiso_exportar_xlsx"),
    path("panel/", panel.panel, name="panel"),
]
