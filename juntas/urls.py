from django.urls import path

from juntas.views import (
    actas,
    acuerdos,
    adjuntos,
    asistencia,
    buscar,
    calendario,
    compromiso_lista,
    compromisos,
    convocatoria,
    exportacion,
    inicio,
    mi_organismo,
    orden,
    panel,
    reuniones,
)

urlpatterns = [
    path("", inicio.inicio, name="inicio"),
    path("buscar/", buscar.buscar, name="buscar"),
    # Reuniones
    path("reuniones/", reuniones.reunion_lista, name="reunion_lista"),
    path("reuniones/nueva/", reuniones.reunion_crear, name="reunion_crear"),
    path("reuniones/<id:pk>/", reuniones.reunion_detalle, name="reunion_detalle"),
    path("reuniones/<id:pk>/editar/", reuniones.reunion_editar, name="reunion_editar"),
    path("reuniones/<id:pk>/reunion.ics", reuniones.reunion_ics, name="reunion_ics"),
    # Orden del día
    path("reuniones/<id:pk>/orden-del-dia/", orden.reunion_orden, name="reunion_orden"),
    path("reuniones/<id:pk>/puntos/nuevo/", orden.punto_crear, name="punto_crear"),
    path("reuniones/<id:pk>/puntos/<id:punto_pk>/editar/", orden.punto_editar, name="punto_editar"),
    path("reuniones/<id:pk>/puntos/<id:punto_pk>/eliminar/", orden.punto_eliminar, name="punto_eliminar"),
    path("reuniones/<id:pk>/puntos/<id:punto_pk>/mover/", orden.punto_mover, name="punto_mover"),
    # Convocatoria and asistencia
    path("reuniones/<id:pk>/convocatoria/", convocatoria.convocatoria, name="convocatoria"),
    path("reuniones/<id:pk>/convocatoria/enviar/", convocatoria.convocatoria_enviar, name="convocatoria_enviar"),
    path("reuniones/<id:pk>/asistencia/", asistencia.asistencia, name="asistencia"),
    # The acta of a meeting (pk is the reunión's)
    path("reuniones/<id:pk>/acta/", actas.acta_detalle, name="acta_detalle"),
    path(
        "reuniones/<id:pk>/acta/puntos/<id:punto_pk>/deliberacion/",
        actas.acta_deliberacion,
        name="acta_deliberacion",
    ),
    path(
        "reuniones/<id:pk>/acta/puntos/<id:punto_pk>/acuerdo/",
        actas.acta_acuerdo_nuevo,
        name="acta_acuerdo_nuevo",
    ),
    path("reuniones/<id:pk>/acta/observaciones/", actas.acta_observaciones, name="acta_observaciones"),
    path("reuniones/<id:pk>/acta/enviar/", actas.acta_enviar, name="acta_enviar"),
    path("reuniones/<id:pk>/acta/devolver/", actas.acta_devolver, name="acta_devolver"),
    path("reuniones/<id:pk>/acta/conformidad/", actas.acta_conformidad, name="acta_conformidad"),
    path("reuniones/<id:pk>/acta/aprobar/", actas.acta_aprobar, name="acta_aprobar"),
    path("reuniones/<id:pk>/acta/pdf/", actas.acta_pdf, name="acta_pdf"),
    # Calendar feed
    path("calendario/", calendario.calendario, name="calendario"),
    path("calendario/regenerar/", calendario.calendario_regenerar, name="calendario_regenerar"),
    path("calendario/revocar/", calendario.calendario_revocar, name="calendario_revocar"),
    path("calendario/<str:token>/reuniones.ics", calendario.calendario_feed, name="calendario_feed"),
    # Acuerdos and their compromisos
    path("acuerdos/", acuerdos.acuerdo_lista, name="acuerdo_lista"),
    path("acuerdos/<id:pk>/", acuerdos.acuerdo_detalle, name="acuerdo_detalle"),
    path("acuerdos/<id:pk>/certificado/", actas.acuerdo_certificado, name="acuerdo_certificado"),
    path("acuerdos/<id:pk>/compromisos/nuevo/", compromisos.compromiso_crear, name="compromiso_crear"),
    path("compromisos/", compromiso_lista.compromiso_lista, name="compromiso_lista"),
    path("compromisos/exportar.csv", exportacion.exportar_csv, name="compromiso_exportar_csv"),
    path("compromisos/exportar.xlsx", exportacion.exportar_xlsx, name="compromiso_exportar_xlsx"),
    path("compromisos/<id:pk>/", compromisos.compromiso_detalle, name="compromiso_detalle"),
    path("compromisos/<id:pk>/editar/", compromisos.compromiso_editar, name="compromiso_editar"),
    path("compromisos/<id:pk>/estado/", compromisos.compromiso_estado, name="compromiso_estado"),
    path("compromisos/<id:pk>/notas/", compromisos.nota_crear, name="nota_crear"),
    path("adjuntos/<id:pk>/", adjuntos.adjunto_descargar, name="adjunto_descargar"),
    path("mi-organismo/", mi_organismo.mi_organismo, name="mi_organismo"),
    path("panel/", panel.panel, name="panel"),
]
