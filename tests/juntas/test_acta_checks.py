"""The five elements of art. 18.1, checked without a database."""

import datetime as dt

from juntas.acta_checks import PuntoResumen, elementos_acta, elementos_que_faltan
from juntas.models import Modalidad

INICIO = dt.datetime(2021, 3, 3, 10, 0, tzinfo=dt.UTC)
COMPLETA = {
    "asistentes": 5,
    "puntos": [PuntoResumen(1, "Se informa."), PuntoResumen(2, "Se debate.")],
    "lugar": "Salón de Plenos",
    "modalidad": Modalidad.PRESENCIAL,
    "inicio": INICIO,
    "fin": INICIO + dt.timedelta(hours=2),
    "textos_acuerdos": ["Se acuerda reforzar la vigilancia."],
}


def faltan(**overrides):
    return [e.clave for e in elementos_que_faltan(elementos_acta(**{**COMPLETA, **overrides}))]


def test_a_complete_acta_lacks_nothing():
    elementos = elementos_acta(**COMPLETA)
    assert [e.clave for e in elementos] == ["asistentes", "orden_del_dia", "lugar_tiempo", "deliberaciones", "acuerdos"]
    assert elementos_que_faltan(elementos) == []


def test_it_requires_someone_present():
    assert faltan(asistentes=0) == ["asistentes"]


def test_it_requires_an_agenda_and_its_deliberations():
    assert faltan(puntos=[]) == ["orden_del_dia", "deliberaciones"]


def test_it_names_the_items_without_deliberation():
    elementos = elementos_acta(**{**COMPLETA, "puntos": [PuntoResumen(1, "Texto"), PuntoResumen(2, "  ")]})
    (deliberaciones,) = elementos_que_faltan(elementos)
    assert deliberaciones.clave == "deliberaciones"
    assert "2" in str(deliberaciones.falta)


def test_it_requires_place_start_and_end():
    assert faltan(lugar="") == ["lugar_tiempo"]
    assert faltan(fin=None) == ["lugar_tiempo"]
    assert faltan(lugar="", modalidad=Modalidad.TELEMATICA) == []


def test_it_requires_agreements_with_text():
    assert faltan(textos_acuerdos=[]) == ["acuerdos"]
    assert faltan(textos_acuerdos=["Uno", ""]) == ["acuerdos"]
