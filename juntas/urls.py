from django.urls import path

from juntas.views import asistencia, calendario, convocatoria, inicio, orden, reuniones

urlpatterns = [
    path("", inicio.inicio, name="inicio"),
    # Reuniones
    path("reuniones/", reuniones.reunion_lista, name="reunion_lista"),
    path("reuniones/nueva/", reuniones.reunion_crear, name="reunion_crear"),
    path("reuniones/<int:pk>/", reuniones.reunion_detalle, name="reunion_detalle"),
    path("reuniones/<int:pk>/editar/", reuniones.reunion_editar, name="reunion_editar"),
    path("reuniones/<int:pk>/reunion.ics", reuniones.reunion_ics, name="reunion_ics"),
    # Orden del día
    path("reuniones/<int:pk>/orden-del-dia/", orden.reunion_orden, name="reunion_orden"),
    path("reuniones/<int:pk>/puntos/nuevo/", orden.punto_crear, name="punto_crear"),
    path("reuniones/<int:pk>/puntos/<int:punto_pk>/editar/", orden.punto_editar, name="punto_editar"),
    path("reuniones/<int:pk>/puntos/<int:punto_pk>/eliminar/", orden.punto_eliminar, name="punto_eliminar"),
    path("reuniones/<int:pk>/puntos/<int:punto_pk>/mover/", orden.punto_mover, name="punto_mover"),
    # Convocatoria and asistencia
    path("reuniones/<int:pk>/convocatoria/", convocatoria.convocatoria, name="convocatoria"),
    path("reuniones/<int:pk>/convocatoria/enviar/", convocatoria.convocatoria_enviar, name="convocatoria_enviar"),
    path("reuniones/<int:pk>/asistencia/", asistencia.asistencia, name="asistencia"),
    # Calendar feed
    path("calendario/", calendario.calendario, name="calendario"),
    path("calendario/regenerar/", calendario.calendario_regenerar, name="calendario_regenerar"),
    path("calendario/revocar/", calendario.calendario_revocar, name="calendario_revocar"),
    path("calendario/<str:token>/reuniones.ics", calendario.calendario_feed, name="calendario_feed"),
]
