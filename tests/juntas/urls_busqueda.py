"""The real URLs plus stand-ins for the detail pages other issues build, to test result links."""

from django.http import HttpResponse
from django.urls import include, path


def _stand_in(request, pk):
    return HttpResponse(str(pk))


urlpatterns = [
    path("", include("coordinacion.urls")),
    path("prueba/acuerdos/<int:pk>/", _stand_in, name="acuerdo_detalle"),
    path("prueba/compromisos/<int:pk>/", _stand_in, name="compromiso_detalle"),
    path("prueba/actas/<int:pk>/", _stand_in, name="acta_detalle"),
    path("prueba/reuniones/<int:pk>/", _stand_in, name="reunion_detalle"),
]
