"""Search: Spanish words without accents, phrases and exclusions, grouped results, and access rules.

These run on SQLite (the fallback) and on PostgreSQL (full-text search) alike.
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from coordinacion.choices import Confidencialidad
from juntas.search import service
from juntas.search.query import parse
from tests import factories

pytestmark = pytest.mark.django_db

POLICIAL = Confidencialidad.POLICIAL
PUBLICA = Confidencialidad.PUBLICA


def _when(year, month=3, day=3):
    return dt.datetime(year, month, day, 10, 0, tzinfo=ZoneInfo("Europe/Madrid"))


@pytest.fixture
def datos(policia_local, cnp):
    """The seed's story: a spring session on school absenteeism, with Policía Local involved."""
    junta = factories.JuntaFactory(nombre="Junta Local de Seguridad de Villanueva")
    reunion = factories.ReunionFactory(junta=junta, titulo="Sesión ordinaria de primavera", inicio=_when(2021))
    factories.ConvocadoFactory(reunion=reunion, persona=factories.PersonaFactory(organismo=policia_local))
    factories.PuntoOrdenFactory(
        reunion=reunion,
        numero=1,
        titulo="Absentismos escolares en el distrito Norte",
        deliberacion="La Policía Local presenta los casos detectados en el último trimestre.",
    )
    factories.ActaFactory(reunion=reunion)
    acuerdo = factories.AcuerdoFactory(
        reunion=reunion,
        titulo="Plan contra el absentismo escolar",
        texto="La Policía Local y Servicios Sociales coordinarán las visitas a las familias.",
    )
    compromiso = factories.CompromisoFactory(
        acuerdo=acuerdo, organismo=policia_local, descripcion="Informe mensual de absentismos del distrito Norte"
    )
    factories.NotaActuacionFactory(compromiso=compromiso, texto="Revisados los casos de marzo con los colegios.")
    factories.NotaActuacionFactory(compromiso=compromiso, texto="Norte: el distrito pide más visitas.")
    return reunion


@pytest.fixture
def notas_policiales(policia_local, cnp):
    """A public acuerdo where both police bodies hold a policial compromiso, each with a policial nota."""
    acuerdo = factories.AcuerdoFactory(titulo="Dispositivo de fiestas", confidencialidad=PUBLICA)
    notas = {}
    for organismo, texto in [
        (policia_local, "Vigilancia encubierta del botellón por la Policía Local"),
        (cnp, "Vigilancia encubierta del botellón por el Cuerpo Nacional"),
    ]:
        compromiso = factories.CompromisoFactory(acuerdo=acuerdo, organismo=organismo, confidencialidad=POLICIAL)
        notas[organismo.pk] = factories.NotaActuacionFactory(
            compromiso=compromiso, texto=texto, confidencialidad=POLICIAL
        )
    return notas


def _search(user, q, **filters):
    return {group.kind.key: group for group in service.search(user, parse(q), **filters)}


def _texts(group):
    return [re.sub(r"</?mark>", "", f"{result.title} {result.snippet}") for result in group.results]


def test_absentismo_finds_absentismos_in_every_kind(secretaria, datos):
    groups = _search(secretaria, "absentismo")
    assert groups["actas"].total == 1  # through its punto del orden del día
    assert groups["acuerdos"].total == 1
    assert groups["compromisos"].total == 1
    assert "<mark>absentismos</mark>" in str(groups["compromisos"].results[0].snippet)


def test_policia_without_accent_finds_policia_with_accent(secretaria, datos):
    groups = _search(secretaria, "policia")
    assert groups["acuerdos"].total == 1
    assert "<mark>Policía</mark>" in str(groups["acuerdos"].results[0].snippet)
    assert groups["actas"].total == 1


def test_capitals_and_accents_in_the_query_do_not_matter_either(secretaria, datos):
    assert _search(secretaria, "POLICÍA")["acuerdos"].total == 1


def test_a_quoted_phrase_needs_its_words_together(secretaria, datos):
    groups = _search(secretaria, '"distrito norte"')
    assert groups["compromisos"].total == 1
    # "Norte: el distrito pide..." has both words, not as the phrase.
    assert groups["notas"].total == 0
    assert _search(secretaria, "distrito norte")["notas"].total == 1


def test_a_minus_sign_leaves_out_results_with_that_word(secretaria, datos):
    assert _search(secretaria, "casos")["notas"].total == 1
    assert _search(secretaria, "casos -colegios")["notas"].total == 0
    assert _search(secretaria, "absentismo -visitas")["acuerdos"].total == 0
    assert _search(secretaria, "absentismo -visitas")["compromisos"].total == 1


def test_a_match_in_the_title_ranks_first(secretaria, datos):
    factories.AcuerdoFactory(titulo="Calendario de reuniones", texto="Sin relación con la Policía ni el absentismo.")
    results = _search(secretaria, "absentismo")["acuerdos"].results
    assert [r.obj.titulo for r in results] == ["Plan contra el absentismo escolar", "Calendario de reuniones"]


def test_filters_by_kind_year_and_junta(secretaria, datos):
    otra = factories.ReunionFactory(titulo="Absentismo en otra junta", inicio=_when(2023))
    factories.AcuerdoFactory(reunion=otra, titulo="Absentismo de 2023")
    assert set(_search(secretaria, "absentismo", kind="acuerdos")) == {"acuerdos"}
    assert _search(secretaria, "absentismo")["acuerdos"].total == 2
    assert _search(secretaria, "absentismo", year=2021)["acuerdos"].total == 1
    assert _search(secretaria, "absentismo", year=2023)["actas"].total == 1
    assert _search(secretaria, "absentismo", junta=datos.junta)["acuerdos"].total == 1
    assert _search(secretaria, "absentismo", junta=otra.junta, year=2021)["acuerdos"].total == 0


def test_a_liaison_never_sees_another_bodys_police_notes_nor_counts_them(enlace, enlace_otro, notas_policiales):
    own, other = notas_policiales[enlace.organismo.pk], notas_policiales[enlace_otro.organismo.pk]
    notas = _search(enlace, "vigilancia encubierta")["notas"]
    assert notas.total == 1
    assert [r.obj for r in notas.results] == [own]
    notas = _search(enlace_otro, "vigilancia")["notas"]
    assert notas.total == 1
    assert [r.obj for r in notas.results] == [other]


def test_delegados_and_administracion_see_no_police_notes(delegado, administracion, secretaria, notas_policiales):
    assert _search(secretaria, "vigilancia")["notas"].total == 2
    assert _search(delegado, "vigilancia")["notas"].total == 0
    assert _search(administracion, "vigilancia")["notas"].total == 0


def test_a_liaison_of_a_body_not_involved_finds_nothing_reserved(enlace, enlace_otro, datos):
    assert _search(enlace, "absentismo")["compromisos"].total == 1
    groups = _search(enlace_otro, "absentismo")
    # Not convened to the reunión, not involved in the reservada acuerdo: nothing, not even a count.
    assert {key: group.total for key, group in groups.items()} == {
        "actas": 0,
        "acuerdos": 0,
        "compromisos": 0,
        "notas": 0,
    }


def test_an_account_without_role_gets_no_results(outsider, datos):
    assert service.search(outsider, parse("absentismo")) == []


# The page.


def test_results_page_groups_by_kind_with_counts_for_screen_readers(client, secretaria, datos):
    client.force_login(secretaria)
    response = client.get(reverse("buscar"), {"q": "absentismo"})
    assert response.status_code == 200
    html = response.text
    assert 'role="status" aria-live="polite"' in html
    assert "3 resultados" in html  # the status summary: 1 acta, 1 acuerdo, 1 compromiso
    for heading in ["Actas y reuniones", "Acuerdos", "Compromisos", "Notas de actuación"]:
        assert re.search(rf'<h2 id="grupo-\w+"[^>]*>\s*{heading}', html), heading
    assert "<mark>" in html
    assert "Nada de este tipo coincide con la búsqueda." in html  # notas


def test_header_has_a_labelled_search_box_on_every_page(client, enlace):
    client.force_login(enlace)
    html = client.get(reverse("inicio")).text
    assert f'<form class="d-flex my-2 my-lg-0 me-lg-3" role="search" method="get" action="{reverse("buscar")}"' in html
    assert '<label for="buscar-cabecera" class="visually-hidden">Buscar</label>' in html
    assert 'id="buscar-cabecera"' in html


def test_note_text_is_escaped_in_snippets(client, secretaria):
    factories.NotaActuacionFactory(texto='<script>alert("x")</script> <img src=x onerror=alert(1)> absentismo')
    client.force_login(secretaria)
    html = client.get(reverse("buscar"), {"q": "absentismo", "kind": "notas"}).text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<mark>absentismo</mark>" in html


def test_results_link_to_detail_pages_when_they_exist(client, settings, secretaria, datos):
    client.force_login(secretaria)
    html = client.get(reverse("buscar"), {"q": "absentismo"}).text
    acuerdo = datos.acuerdos.get()
    compromiso = acuerdo.compromisos.get()
    nota = compromiso.notas.get(texto__startswith="Revisados")
    assert f'href="{reverse("acta_detalle", kwargs={"pk": datos.pk})}"' in html
    assert f'href="{reverse("acuerdo_detalle", kwargs={"pk": acuerdo.pk})}"' in html
    assert f'href="{reverse("compromiso_detalle", kwargs={"pk": compromiso.pk})}"' in html
    html = client.get(reverse("buscar"), {"q": "colegios"}).text
    assert f'href="{reverse("compromiso_detalle", kwargs={"pk": compromiso.pk})}#nota-{nota.pk}"' in html


def test_a_meeting_without_minutes_links_to_the_meeting(client, settings, secretaria):
    reunion = factories.ReunionFactory(titulo="Mesa de absentismo")
    client.force_login(secretaria)
    html = client.get(reverse("buscar"), {"q": "absentismo"}).text
    assert f'href="{reverse("reunion_detalle", kwargs={"pk": reunion.pk})}"' in html
    assert "Sin acta todavía" in html


def test_each_group_shows_ten_and_links_to_all_of_its_kind_paged(client, secretaria):
    for i in range(25):
        factories.AcuerdoFactory(titulo=f"Patrulla nocturna {i}")
    client.force_login(secretaria)
    html = client.get(reverse("buscar"), {"q": "patrulla"}).text
    assert html.count('class="resultado ') == 10
    assert "Ver los 25 resultados de Acuerdos" in html
    assert "?q=patrulla&amp;kind=acuerdos" in html
    html = client.get(reverse("buscar"), {"q": "patrulla", "kind": "acuerdos"}).text
    assert html.count('class="resultado ') == 20
    assert "Página 1 de 2" in html
    html = client.get(reverse("buscar"), {"q": "patrulla", "kind": "acuerdos", "page": "2"}).text
    assert html.count('class="resultado ') == 5
    for bad_page in ["abc", "999", "-1", "9" * 30]:
        assert client.get(reverse("buscar"), {"q": "patrulla", "kind": "acuerdos", "page": bad_page}).status_code == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "Escriba al menos una palabra"),
        ({"q": "   "}, "Escriba al menos una palabra"),
        ({"q": "-colegios"}, "Escriba al menos una palabra"),
        ({"q": "de la que para"}, "solo tiene palabras muy comunes"),
        ({"q": 'absentismo "distrito'}, "resultados"),
        ({"q": '"""'}, "Escriba al menos una palabra"),
        ({"q": "absentismo\x00"}, "Los caracteres nulos no están permitidos."),
        ({"q": "absentismo", "year": "dos mil"}, "Introduzca un número entero."),
        ({"q": "absentismo", "year": "99999"}, "Asegúrese de que este valor es menor o igual a 2100."),
        ({"q": "absentismo", "junta": "9" * 30}, "Escoja una opción válida."),
        ({"q": "absentismo", "junta": "abc"}, "Escoja una opción válida."),
        ({"q": "absentismo", "kind": "usuarios"}, "Escoja una opción válida."),
        ({"q": "absentismo", "q2": "<x>"}, "resultados"),
    ],
)
def test_bad_input_gets_a_spanish_page_never_a_500(client, secretaria, datos, params, message):
    client.force_login(secretaria)
    response = client.get(reverse("buscar"), params)
    assert response.status_code == 200
    assert message in response.text


def test_a_ten_thousand_character_query_is_cut_with_a_notice(client, secretaria, datos):
    client.force_login(secretaria)
    response = client.get(reverse("buscar"), {"q": "absentismo " + "x" * 10_000})
    assert response.status_code == 200
    assert "solo se han buscado sus primeros 200 caracteres" in response.text
    response = client.get(reverse("buscar"), {"q": "absentismo " * 1000})
    assert "solo se han buscado sus primeros 200 caracteres" in response.text
    assert "3 resultados" in response.text


def test_the_page_without_a_query_explains_the_search(client, delegado):
    client.force_login(delegado)
    response = client.get(reverse("buscar"))
    assert response.status_code == 200
    assert "Las tildes y las mayúsculas no importan" in response.text


def test_an_account_without_role_is_told_so(client, outsider, datos):
    client.force_login(outsider)
    response = client.get(reverse("buscar"), {"q": "absentismo"})
    assert response.status_code == 200
    assert "no tiene ningún rol" in response.text
    assert "Plan contra el absentismo" not in response.text


# The search page is read-only and runs outside a transaction (no SAVEPOINT/RELEASE). Every count:
# session, user (joined with persona and organismo), then one query per kind (its rows shown, ranked,
# with the number of matches and the "more than CAP" flag), then the Juntas for the filter's select.
# A kind with no match costs the same one query, so a hit and a miss cost the same.
@pytest.mark.parametrize(
    ("role", "q", "queries"),
    [
        (role, q, queries)
        for q in ["absentismo", "inexistente"]
        for role, queries in [
            ("secretaria", 7),
            ("delegado", 7),
            ("enlace", 7),
            ("enlace_otro", 7),  # nothing visible matches (not convened, not involved)
            ("administracion", 7),  # only the actas (and pública acuerdos) are visible
            ("outsider", 3),  # no role: no search at all; session, user, the Juntas
        ]
    ],
)
def test_results_page_runs_a_fixed_number_of_queries(
    client, as_user, datos, notas_policiales, django_assert_num_queries, role, q, queries
):
    as_user(role)
    compromiso = datos.acuerdos.get().compromisos.get()
    for i in range(15):
        reunion = factories.ReunionFactory(titulo=f"Absentismo {i}")
        factories.ConvocadoFactory(reunion=reunion, organismo=compromiso.organismo)
        factories.PuntoOrdenFactory(reunion=reunion, titulo="Absentismo")
        factories.ActaFactory(reunion=reunion)
        factories.NotaActuacionFactory(compromiso=compromiso, texto=f"Absentismo {i}")
        factories.CompromisoFactory(acuerdo=compromiso.acuerdo, descripcion=f"Absentismo {i}")
    url = reverse("buscar")
    client.get(url)  # the first request after sign-in renews the session
    with django_assert_num_queries(queries):
        response = client.get(url, {"q": q})
    assert response.status_code == 200
    if role != "outsider":
        summary = re.search(r'id="resumen-busqueda"[^>]*>([^<]*)<', response.text).group(1)
        assert ("Actas y reuniones: 16" in summary) == (q == "absentismo" and role != "enlace_otro"), summary


@pytest.mark.parametrize("role", ["secretaria", "enlace"])
@pytest.mark.parametrize(("page", "shown"), [("1", 20), ("2", 6)])
def test_one_kind_paged_with_a_junta_filter_runs_one_query_for_the_kind(
    client, as_user, datos, policia_local, django_assert_num_queries, role, page, shown
):
    as_user(role)
    acuerdo = datos.acuerdos.get()
    for i in range(25):
        factories.CompromisoFactory(acuerdo=acuerdo, organismo=policia_local, descripcion=f"Absentismo {i}")
    factories.CompromisoFactory(descripcion="Absentismo en otra Junta")
    client.get(reverse("buscar"))
    # session, user, the Juntas for the select (which also checks the chosen one), the page of compromisos
    with django_assert_num_queries(4):
        response = client.get(
            reverse("buscar"), {"q": "absentismo", "kind": "compromisos", "junta": datos.junta.pk, "page": page}
        )
    assert response.status_code == 200
    assert "26 resultados" in response.text
    assert response.text.count('class="resultado ') == shown


def test_a_page_past_the_last_shows_the_last_with_two_more_queries(client, secretaria, django_assert_num_queries):
    for i in range(25):
        factories.AcuerdoFactory(titulo=f"Patrulla nocturna {i}")
    client.force_login(secretaria)
    client.get(reverse("buscar"))
    # session, user, page 3 (empty), page 1 (for the total), page 2 (the last), the Juntas
    with django_assert_num_queries(6):
        html = client.get(reverse("buscar"), {"q": "patrulla", "kind": "acuerdos", "page": "3"}).text
    assert "Página 2 de 2" in html
    assert html.count('class="resultado ') == 5


def test_a_very_broad_search_says_there_are_more_than_it_ranks(client, secretaria, settings, monkeypatch):
    monkeypatch.setattr(service, "CAP", 3)
    for i in range(5):
        factories.NotaActuacionFactory(texto=f"Ronda policial número {i}")
    client.force_login(secretaria)
    html = client.get(reverse("buscar"), {"q": "ronda"}).text
    assert "más de 3 resultados" in html
    assert "Añada palabras o filtros" in html
    assert html.count('class="resultado ') == 3
