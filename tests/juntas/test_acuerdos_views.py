"""The acuerdo list (filters, pagination, visibility) and the detail page with its timeline."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from coordinacion.choices import Confidencialidad
from juntas.models import EstadoAcuerdo, EstadoCompromiso, NotaActuacion
from juntas.views import acuerdos as acuerdos_views
from tests import factories

pytestmark = pytest.mark.django_db
LISTA = reverse("acuerdo_lista")
MADRID = ZoneInfo("Europe/Madrid")


def _madrid(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=MADRID)


@pytest.fixture
def datos(policia_local, cnp):
    """Three acuerdos of different kinds, so each filter has something to keep and something to drop."""
    junta = factories.JuntaFactory(nombre="Junta Local de Seguridad de Villanueva")
    otra_junta = factories.JuntaFactory(nombre="Junta de Distrito Norte")
    absentismo = factories.MateriaFactory(nombre="Absentismo escolar")
    norte = factories.DistritoFactory(nombre="Norte")
    reunion = factories.ReunionFactory(junta=junta, inicio=_madrid(2021, 3, 3, 10))
    absent = factories.AcuerdoFactory(
        reunion=reunion, titulo="Plan contra el absentismo", fecha=dt.date(2021, 3, 3), estado=EstadoAcuerdo.EN_CURSO
    )
    absent.materias.add(absentismo)
    absent.distritos.add(norte)
    factories.CompromisoFactory(
        acuerdo=absent, organismo=policia_local, fecha_limite=dt.date(2021, 6, 30), estado=EstadoCompromiso.ACEPTADO
    )
    ocio = factories.AcuerdoFactory(
        reunion=factories.ReunionFactory(junta=otra_junta, inicio=_madrid(2022, 5, 5, 10)),
        titulo="Ocio nocturno en el centro",
        fecha=dt.date(2022, 5, 5),
        confidencialidad=Confidencialidad.PUBLICA,
        estado=EstadoAcuerdo.CUMPLIDO,
    )
    factories.CompromisoFactory(
        acuerdo=ocio, organismo=cnp, estado=EstadoCompromiso.CUMPLIDO, avance=100, confidencialidad="publica"
    )
    # A policial compromiso of CNP inside the absentismo acuerdo: PL's liaison must not learn of it.
    factories.CompromisoFactory(
        acuerdo=absent,
        organismo=cnp,
        confidencialidad=Confidencialidad.POLICIAL,
        fecha_limite=dt.date(2021, 4, 1),
        descripcion="Vigilancia discreta",
    )
    return {"absent": absent, "ocio": ocio, "junta": junta, "materia": absentismo, "distrito": norte}


def _titulos(response):
    return [a.titulo for a in response.context["pagina"].object_list]


@pytest.mark.parametrize(
    ("query", "esperados"),
    [
        ({}, ["Ocio nocturno en el centro", "Plan contra el absentismo"]),
        ({"estado": "cumplido"}, ["Ocio nocturno en el centro"]),
        ({"anio": "2021"}, ["Plan contra el absentismo"]),
        ({"q": "nocturno"}, ["Ocio nocturno en el centro"]),
        ({"vencido": "true"}, ["Plan contra el absentismo"]),
        ({"vencido": "false"}, ["Ocio nocturno en el centro"]),
    ],
)
def test_delegado_filters_the_list(client, delegado, datos, query, esperados):
    client.force_login(delegado)
    assert _titulos(client.get(LISTA, query)) == esperados


def test_filters_by_junta_materia_district_and_body(client, delegado, datos, policia_local, cnp):
    client.force_login(delegado)
    assert _titulos(client.get(LISTA, {"junta": datos["junta"].pk})) == ["Plan contra el absentismo"]
    assert _titulos(client.get(LISTA, {"materia": datos["materia"].pk})) == ["Plan contra el absentismo"]
    assert _titulos(client.get(LISTA, {"distrito": datos["distrito"].pk})) == ["Plan contra el absentismo"]
    assert _titulos(client.get(LISTA, {"organismo": policia_local.pk})) == ["Plan contra el absentismo"]
    assert _titulos(client.get(LISTA, {"organismo": cnp.pk})) == ["Ocio nocturno en el centro"]


def test_the_body_filter_does_not_reveal_hidden_compromisos(client, enlace, datos, cnp):
    client.force_login(enlace)
    # CNP's only compromiso in the absentismo acuerdo is policial: PL's liaison cannot see it.
    assert _titulos(client.get(LISTA, {"organismo": cnp.pk})) == ["Ocio nocturno en el centro"]
    # ...and the overdue flag only counts compromisos the liaison can see.
    assert _titulos(client.get(LISTA, {"vencido": "true"})) == ["Plan contra el absentismo"]


def test_liaison_of_another_body_sees_only_public_acuerdos(client, enlace_otro, datos):
    client.force_login(enlace_otro)
    assert _titulos(client.get(LISTA)) == ["Ocio nocturno en el centro", "Plan contra el absentismo"]
    # CNP holds a (policial) compromiso in the absentismo acuerdo, so it is involved; a third body is not.
    otro = factories.UsuarioFactory(rol="enlace", persona=factories.PersonaFactory())
    client.force_login(otro)
    assert _titulos(client.get(LISTA)) == ["Ocio nocturno en el centro"]


@pytest.mark.parametrize(
    "query",
    [
        {"anio": "dos mil"},
        {"junta": "99999999999999999999999"},
        {"junta": "abc"},
        {"estado": "inventado"},
        {"vencido": "quizas"},
        {"page": "-1"},
        {"page": "x" * 500},
        {"q": "x" * 5000},
        {"materia": "1;DROP TABLE"},
    ],
)
def test_bad_filter_params_never_fail(client, delegado, datos, query):
    client.force_login(delegado)
    response = client.get(LISTA, query)
    assert response.status_code == 200


def test_a_bad_filter_value_is_explained_next_to_the_field(client, delegado, datos):
    client.force_login(delegado)
    response = client.get(LISTA, {"anio": "dos mil", "estado": "cumplido"})
    assert "Introduzca un número entero." in response.text
    assert _titulos(response) == ["Ocio nocturno en el centro"]  # the valid filters still apply


def test_the_list_is_paginated_keeping_the_filters(client, secretaria):
    reunion = factories.ReunionFactory()
    for _ in range(30):
        factories.AcuerdoFactory(reunion=reunion, estado=EstadoAcuerdo.EN_CURSO)
    client.force_login(secretaria)
    response = client.get(LISTA, {"estado": "en_curso", "page": 2})
    assert len(response.context["pagina"].object_list) == 5
    assert "30 acuerdos" in response.text
    assert "?estado=en_curso&amp;page=1" in response.text


def test_outsider_without_role_is_forbidden(client, outsider):
    client.force_login(outsider)
    assert client.get(LISTA).status_code == 403


# session, user (with persona and organismo), SAVEPOINT, count, the choices of the junta, materia,
# distrito and organismo filters in one UNION, the page of acuerdos (with the overdue flag as a
# subquery), RELEASE
@pytest.mark.parametrize("role", ["secretaria", "delegado", "enlace", "enlace_otro", "administracion"])
def test_the_list_runs_a_fixed_number_of_queries(client, as_user, datos, django_assert_num_queries, role):
    as_user(role)
    for _ in range(10):
        acuerdo = factories.AcuerdoFactory(confidencialidad=Confidencialidad.PUBLICA)
        factories.CompromisoFactory(acuerdo=acuerdo)
        acuerdo.materias.add(factories.MateriaFactory())
    client.get(LISTA)
    with django_assert_num_queries(7):
        response = client.get(LISTA, {"vencido": "false", "q": "a"})
    assert response.status_code == 200


@pytest.fixture
def historia(policia_local, cnp):
    """An acuerdo with a follow-up meeting, two compromisos and notas of every level."""
    reunion = factories.ReunionFactory(titulo="Sesión ordinaria", inicio=_madrid(2021, 3, 3, 10))
    punto = factories.PuntoOrdenFactory(reunion=reunion, numero=4, titulo="Absentismo escolar")
    acuerdo = factories.AcuerdoFactory(
        reunion=reunion, punto=punto, fecha=dt.date(2021, 3, 3), titulo="Mesa de absentismo"
    )
    factories.ReunionFactory(
        titulo="Mesa de seguimiento del absentismo",
        acuerdo_origen=acuerdo,
        inicio=_madrid(2021, 4, 15, 9),
    )
    pl = factories.CompromisoFactory(acuerdo=acuerdo, organismo=policia_local, descripcion="Patrullas escolares")
    secreto = factories.CompromisoFactory(
        acuerdo=acuerdo,
        organismo=cnp,
        descripcion="Operativo reservado CNP",
        confidencialidad=Confidencialidad.POLICIAL,
    )
    factories.NotaActuacionFactory(compromiso=pl, texto="Primera patrulla hecha")
    factories.NotaActuacionFactory(
        compromiso=pl, texto="Nota policial de PL", confidencialidad=Confidencialidad.POLICIAL
    )
    factories.NotaActuacionFactory(compromiso=secreto, texto="Nota del operativo")
    # Timestamps in a known order (auto_now_add stamps "now"; the timeline sorts by them).
    pl.__class__.objects.filter(pk=pl.pk).update(creado_en=_madrid(2021, 3, 10, 9))
    return acuerdo


def test_timeline_is_in_date_order_from_adoption(client, secretaria, historia):
    client.force_login(secretaria)
    response = client.get(reverse("acuerdo_detalle", args=[historia.pk]))
    eventos = response.context["cronologia"]
    assert [e.tipo for e in eventos[:3]] == ["adopcion", "compromiso", "reunion"]
    assert [e.cuando for e in eventos] == sorted(e.cuando for e in eventos)
    assert "punto 4: Absentismo escolar" in response.text
    assert "Mesa de seguimiento del absentismo" in response.text
    assert "Operativo reservado CNP" in response.text and "Nota policial de PL" in response.text


def test_timeline_shows_the_latest_notas_of_each_compromiso_and_links_to_the_rest(
    client, secretaria, historia, monkeypatch
):
    monkeypatch.setattr(acuerdos_views, "NOTAS_POR_COMPROMISO", 2)
    pl = historia.compromisos.get(descripcion="Patrullas escolares")
    for dia in range(1, 4):
        nota = factories.NotaActuacionFactory(compromiso=pl, texto=f"Nota del día {dia}")
        NotaActuacion.objects.filter(pk=nota.pk).update(creada_en=_madrid(2030, 1, dia, 9))
    client.force_login(secretaria)
    response = client.get(reverse("acuerdo_detalle", args=[historia.pk]))
    notas = [e.obj.texto for e in response.context["cronologia"] if e.tipo == "nota"]
    # The two latest of the five notas of Patrullas escolares; the only nota of the other compromiso.
    assert sorted(notas) == ["Nota del día 2", "Nota del día 3", "Nota del operativo"]
    por_compromiso = {c.descripcion: (c.notas_total, c.notas_ocultas) for c in response.context["compromisos"]}
    assert por_compromiso == {"Patrullas escolares": (5, 3), "Operativo reservado CNP": (1, 0)}
    assert f"{reverse('compromiso_detalle', args=[pl.pk])}#notas" in response.text
    # The compromiso's own page shows all five.
    detalle = client.get(reverse("compromiso_detalle", args=[pl.pk]))
    assert len(detalle.context["notas"]) == 5


def test_timeline_counts_only_the_notas_the_reader_may_see(client, delegado, historia):
    client.force_login(delegado)
    response = client.get(reverse("acuerdo_detalle", args=[historia.pk]))
    # Patrullas escolares has a police nota the delegado may not see: it is not counted either.
    assert [(c.descripcion, c.notas_total) for c in response.context["compromisos"]] == [("Patrullas escolares", 1)]


def test_timeline_hides_what_the_delegado_may_not_see(client, delegado, historia):
    client.force_login(delegado)
    response = client.get(reverse("acuerdo_detalle", args=[historia.pk]))
    assert "Primera patrulla hecha" in response.text
    assert "Operativo reservado CNP" not in response.text
    assert "Nota policial de PL" not in response.text
    assert "Nota del operativo" not in response.text
    assert "Añadir un compromiso" not in response.text


def test_timeline_of_a_police_liaison_shows_only_its_own_police_items(client, enlace, historia):
    client.force_login(enlace)
    response = client.get(reverse("acuerdo_detalle", args=[historia.pk]))
    assert "Nota policial de PL" in response.text
    assert "Operativo reservado CNP" not in response.text
    assert "Nota del operativo" not in response.text


def test_secretaria_is_offered_to_add_a_compromiso(client, secretaria, historia):
    client.force_login(secretaria)
    response = client.get(reverse("acuerdo_detalle", args=[historia.pk]))
    assert reverse("compromiso_crear", args=[historia.pk]) in response.text


@pytest.mark.parametrize("role", ["administracion", "outsider"])
def test_out_of_scope_acuerdos_are_404(client, as_user, historia, role):
    as_user(role)
    assert client.get(reverse("acuerdo_detalle", args=[historia.pk])).status_code == 404


def test_a_liaison_of_an_uninvolved_body_gets_404(client, historia):
    client.force_login(factories.UsuarioFactory(rol="enlace", persona=factories.PersonaFactory()))
    assert client.get(reverse("acuerdo_detalle", args=[historia.pk])).status_code == 404


def test_an_involved_body_sees_its_police_items_but_not_another_police_bodys(client, enlace_otro, historia):
    client.force_login(enlace_otro)
    response = client.get(reverse("acuerdo_detalle", args=[historia.pk]))
    assert "Operativo reservado CNP" in response.text and "Patrullas escolares" in response.text
    assert "Nota policial de PL" not in response.text


def test_bad_ids_are_404(client, secretaria):
    client.force_login(secretaria)
    assert client.get("/acuerdos/99999999999999999999999/").status_code == 404
    assert client.get("/acuerdos/abc/").status_code == 404


# session, user, acuerdo (with junta, reunion, punto, and its materias' and distritos' names as JSON
# subqueries), derived reuniones, compromisos (with body and person), the latest notas of each (with
# author and person, and each compromiso's count), their adjuntos, the acuerdo's audit history.
# No SAVEPOINT and RELEASE: a read-only page runs outside a transaction.
@pytest.mark.parametrize("role", ["secretaria", "delegado", "enlace"])
def test_the_detail_runs_a_fixed_number_of_queries(client, as_user, historia, django_assert_num_queries, role):
    as_user(role)
    pl = historia.compromisos.get(descripcion="Patrullas escolares")
    for _ in range(5):
        nota = factories.NotaActuacionFactory(compromiso=pl)
        factories.AdjuntoFactory(nota=nota)
        factories.CompromisoFactory(acuerdo=historia, organismo=pl.organismo)
        factories.ReunionFactory(acuerdo_origen=historia)
        historia.materias.add(factories.MateriaFactory())
        historia.distritos.add(factories.DistritoFactory())
    url = reverse("acuerdo_detalle", args=[historia.pk])
    client.get(url)
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200


def test_the_detail_shows_the_acuerdos_history(client, secretaria, historia):
    from coordinacion.audit import log_action
    from coordinacion.choices import AccionAuditoria

    log_action(actor=secretaria, accion=AccionAuditoria.MODIFICAR, obj=historia, cambios={"titulo": ["A", "B"]})
    client.force_login(secretaria)
    html = client.get(reverse("acuerdo_detalle", args=[historia.pk])).text
    assert "Historial" in html
    assert "Modificación" in html


def test_timeline_links_each_notas_adjuntos_and_shows_status_changes(client, secretaria, historia):
    pl = historia.compromisos.get(descripcion="Patrullas escolares")
    nota = factories.NotaActuacionFactory(
        compromiso=pl,
        texto="Nota con informe",
        estado_anterior=EstadoCompromiso.PENDIENTE,
        estado_nuevo=EstadoCompromiso.EN_CURSO,
    )
    adjunto = factories.AdjuntoFactory(nota=nota, nombre_original="informe-patrullas.pdf")
    client.force_login(secretaria)
    response = client.get(reverse("acuerdo_detalle", args=[historia.pk]))
    enlace = f'href="{reverse("adjunto_descargar", args=[adjunto.pk])}">informe-patrullas.pdf (15'
    assert enlace in response.text
    assert f"{nota.get_estado_anterior_display()} → {nota.get_estado_nuevo_display()}" in response.text
