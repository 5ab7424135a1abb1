"""The per-page helpers give exactly what {% url %} and get_FOO_display give."""

import pytest
from django.urls import reverse
from django.utils import translation

from juntas.models import Acuerdo, PuntoOrden
from juntas.presentacion import etiquetas, ruta


@pytest.mark.parametrize("pks", [(1,), (7,), (123456789012345678,)])
def test_ruta_with_one_key_matches_reverse(pks):
    assert ruta("acuerdo_certificado")(*pks) == reverse("acuerdo_certificado", args=pks)


def test_ruta_with_two_keys_keeps_their_order():
    assert ruta("acta_deliberacion", 2)(3, 45) == reverse("acta_deliberacion", args=[3, 45])
    assert ruta("acta_deliberacion", 2)(45, 3) == reverse("acta_deliberacion", args=[45, 3])


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_etiquetas_match_get_display_in_the_active_language(idioma):
    with translation.override(idioma):
        votacion = etiquetas(Acuerdo, "votacion")
        tipo = etiquetas(PuntoOrden, "tipo")
        for valor, _etiqueta in Acuerdo._meta.get_field("votacion").flatchoices:
            assert votacion(valor) == Acuerdo(votacion=valor).get_votacion_display()
        for valor, _etiqueta in PuntoOrden._meta.get_field("tipo").flatchoices:
            assert tipo(valor) == PuntoOrden(tipo=valor).get_tipo_display()
        # A value outside the choices shows as itself, as get_FOO_display does.
        assert votacion("otra") == Acuerdo(votacion="otra").get_votacion_display() == "otra"
