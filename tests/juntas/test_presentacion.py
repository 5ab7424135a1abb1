"""The per-page helpers give exactly what {% url %} and get_FOO_display give."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from django.urls import reverse
from django.utils import translation

from juntas.models import Acuerdo, PuntoOrden
from juntas.presentacion import etiquetas, formato_fecha, ruta


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


# Both sides of a time change and midnight in UTC, which is another day in Madrid.
MOMENTOS = [
    dt.datetime(2026, 3, 29, 0, 30, tzinfo=dt.UTC),
    dt.datetime(2026, 10, 25, 1, 5, 59, tzinfo=dt.UTC),
    dt.datetime(2026, 12, 31, 23, 59, tzinfo=dt.UTC),
    dt.datetime(2026, 5, 2, 9, 0, tzinfo=ZoneInfo("America/New_York")),
]


@pytest.mark.parametrize("idioma", ["es", "en"])
@pytest.mark.parametrize("formato", ["DATETIME_FORMAT", "SHORT_DATETIME_FORMAT", "d/m/Y H:i"])
def test_formato_fecha_matches_the_date_filter_for_aware_datetimes(idioma, formato):
    plantilla = engines["django"].from_string("{{ valor|date:formato }}")
    with translation.override(idioma):
        formatear = formato_fecha(formato)
        for momento in MOMENTOS:
            assert formatear(momento) == plantilla.render({"valor": momento, "formato": formato})


@pytest.mark.parametrize("idioma", ["es", "en"])
@pytest.mark.parametrize("formato", ["DATE_FORMAT", "SHORT_DATE_FORMAT"])
def test_formato_fecha_matches_the_date_filter_for_dates(idioma, formato):
    plantilla = engines["django"].from_string("{{ valor|date:formato }}")
    with translation.override(idioma):
        formatear = formato_fecha(formato)
        for dia in (dt.date(2026, 1, 1), dt.date(2026, 9, 30)):
            assert formatear(dia) == plantilla.render({"valor": dia, "formato": formato})
