from django.urls import path

from juntas.views import (
    acuerdos,
    adjuntos,
    compromiso_lista,
    compromisos,
    exportacion,
    inicio,
    mi_organismo,
    panel,
)

urlpatterns = [
    path("", inicio.inicio, name="inicio"),
    # Acuerdos and their compromisos
    path("acuerdos/", acuerdos.acuerdo_lista, name="acuerdo_lista"),
    path("acuerdos/<int:pk>/", acuerdos.acuerdo_detalle, name="acuerdo_detalle"),
    path("acuerdos/<int:pk>/compromisos/nuevo/", compromisos.compromiso_crear, name="compromiso_crear"),
    path("compromisos/", compromiso_lista.compromiso_lista, name="compromiso_lista"),
    path("compromisos/exportar.csv", exportacion.exportar_csv, name="compromiso_exportar_csv"),
    path("compromisos/exportar.xlsx", exportacion.exportar_xlsx, name="compromiso_exportar_xlsx"),
    path("compromisos/<int:pk>/", compromisos.compromiso_detalle, name="compromiso_detalle"),
    path("compromisos/<int:pk>/editar/", compromisos.compromiso_editar, name="compromiso_editar"),
    path("compromisos/<int:pk>/estado/", compromisos.compromiso_estado, name="compromiso_estado"),
    path("compromisos/<int:pk>/notas/", compromisos.nota_crear, name="nota_crear"),
    path("adjuntos/<int:pk>/", adjuntos.adjunto_descargar, name="adjunto_descargar"),
    path("mi-organismo/", mi_organismo.mi_organismo, name="mi_organismo"),
    path("panel/", panel.panel, name="panel"),
]
