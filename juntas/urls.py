from django.urls import path

from juntas.views import actas, inicio

urlpatterns = [
    path("", inicio.inicio, name="inicio"),
    # The acta of a meeting (pk is the reunión's).
    path("reuniones/<int:pk>/acta/", actas.acta_detalle, name="acta_detalle"),
    path(
        "reuniones/<int:pk>/acta/puntos/<int:punto_pk>/deliberacion/",
        actas.acta_deliberacion,
        name="acta_deliberacion",
    ),
    path(
        "reuniones/<int:pk>/acta/puntos/<int:punto_pk>/acuerdo/",
        actas.acta_acuerdo_nuevo,
        name="acta_acuerdo_nuevo",
    ),
    path("reuniones/<int:pk>/acta/observaciones/", actas.acta_observaciones, name="acta_observaciones"),
    path("reuniones/<int:pk>/acta/enviar/", actas.acta_enviar, name="acta_enviar"),
    path("reuniones/<int:pk>/acta/devolver/", actas.acta_devolver, name="acta_devolver"),
    path("reuniones/<int:pk>/acta/conformidad/", actas.acta_conformidad, name="acta_conformidad"),
    path("reuniones/<int:pk>/acta/aprobar/", actas.acta_aprobar, name="acta_aprobar"),
    path("reuniones/<int:pk>/acta/pdf/", actas.acta_pdf, name="acta_pdf"),
    path("acuerdos/<int:pk>/certificado/", actas.acuerdo_certificado, name="acuerdo_certificado"),
]
