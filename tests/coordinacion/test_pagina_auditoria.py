"""The audit page: administración only, filters, pagination, CSV export with the same filters."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from coordinacion.audit import current_ip, log_action
from coordinacion.auditoria import POR_PAGINA, celda
from coordinacion.choices import AccionAuditoria, Confidencialidad
from coordinacion.models import RegistroAuditoria
from juntas.models import Acuerdo
from tests import factories

pytestmark = pytest.mark.django_db


def entry(actor, accion=AccionAuditoria.LOGIN, obj=None, ip="10.1.1.1", **kwargs):
    token = current_ip.set(ip)
    try:
        return log_action(actor=actor, accion=accion, obj=obj, **kwargs)
    finally:
        current_ip.reset(token)


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("role", ["secretaria", "delegado", "enlace", "enlace_otro", "outsider"])
def test_other_roles_get_403(client, as_user, role):
    as_user(role)
    assert client.get(reverse("auditoria")).status_code == 403
    assert client.get(reverse("auditoria_csv")).status_code == 403


def test_a_superuser_without_the_role_may_see_it(client):
    client.force_login(factories.UsuarioFactory(rol="", is_superuser=True))
    assert client.get(reverse("auditoria")).status_code == 200


def test_the_nav_offers_the_audit_log_to_administracion_only(client, as_user, delegado):
    as_user("administracion")
    assert 'href="/auditoria/"' in client.get(reverse("inicio")).text
    client.force_login(delegado)
    assert 'href="/auditoria/"' not in client.get(reverse("inicio")).text


def test_the_page_lists_who_what_when_and_from_where(client, administracion, delegado):
    acuerdo = factories.AcuerdoFactory(titulo="Plan de ocio nocturno", confidencialidad=Confidencialidad.PUBLICA)
    entry(delegado, AccionAuditoria.MODIFICAR, acuerdo, cambios={"titulo": ["Plan", "Plan de ocio nocturno"]})
    client.force_login(administracion)
    response = client.get(reverse("auditoria"))
    assert response.status_code == 200
    text = response.text
    assert "Registro de auditoría" in text
    assert "delegado" in text and "Modificación" in text and "10.1.1.1" in text
    assert "Plan de ocio nocturno" in text
    assert "<caption" in text and 'scope="col"' in text


def test_reserved_and_police_entries_hide_the_objects_name_and_values(client, administracion, delegado):
    secreto = factories.AcuerdoFactory(titulo="Operativo secreto", confidencialidad=Confidencialidad.POLICIAL)
    entry(delegado, AccionAuditoria.MODIFICAR, secreto, cambios={"texto": ["viejo secreto", "nuevo secreto"]})
    client.force_login(administracion)
    text = client.get(reverse("auditoria")).text
    assert "Operativo secreto" not in text and "nuevo secreto" not in text
    assert f"n.º {secreto.pk} (Policial)" in text and "texto" in text
    exported = client.get(reverse("auditoria_csv")).content.decode()
    assert "Operativo secreto" not in exported and "nuevo secreto" not in exported


def test_filters_by_user_action_type_dates_and_address(client, administracion, delegado, secretaria):
    acuerdo = factories.AcuerdoFactory()
    a = entry(delegado, AccionAuditoria.LOGIN, ip="10.1.1.1")
    b = entry(secretaria, AccionAuditoria.CREAR, acuerdo, ip="192.168.0.7")
    c = entry(secretaria, AccionAuditoria.LOGOUT, ip="10.1.2.3")
    client.force_login(administracion)

    def listed(**params):
        page = client.get(reverse("auditoria"), params).context["page"]
        return {e.pk for e in page.object_list} & {a.pk, b.pk, c.pk}

    assert listed(usuario="SECRET") == {b.pk, c.pk}
    assert listed(accion="login") == {a.pk}
    assert listed(tipo=ContentType.objects.get_for_model(Acuerdo).pk) == {b.pk}
    assert listed(ip="10.1.") == {a.pk, c.pk}
    today = dt.date.today().isoformat()  # noqa: DTZ011 (the filter is by local date; tests run in one day)
    assert listed(desde=today, hasta=today) == {a.pk, b.pk, c.pk}
    assert listed(hasta="2000-01-01") == set()


def test_bad_filter_values_are_ignored_with_a_message_not_an_error(client, administracion):
    client.force_login(administracion)
    response = client.get(
        reverse("auditoria"), {"accion": "borrar-todo", "tipo": "x", "desde": "ayer", "ip": "x" * 500, "page": "-3"}
    )
    assert response.status_code == 200
    assert response.context["filtro"].form.errors


def test_pages_of_fifty_and_a_fixed_number_of_queries(client, administracion, delegado, django_assert_num_queries):
    client.force_login(administracion)
    for _i in range(POR_PAGINA + 5):
        entry(delegado)
    client.get(reverse("auditoria"))  # warm the ContentType cache
    # session, user, SAVEPOINT, object types for the filter, count, page, RELEASE
    with django_assert_num_queries(7):
        response = client.get(reverse("auditoria"), {"page": 2})
    assert len(response.context["page"].object_list) == RegistroAuditoria.objects.count() - POR_PAGINA
    for _i in range(20):
        entry(delegado, AccionAuditoria.CREAR, factories.MateriaFactory())
    # the same seven, with more entries and object types
    with django_assert_num_queries(7):
        client.get(reverse("auditoria"))


def test_the_csv_export_honours_the_filters_in_utc_and_is_itself_audited(client, administracion, delegado):
    kept = entry(delegado, AccionAuditoria.LOGIN, ip="10.1.1.1")
    entry(delegado, AccionAuditoria.LOGOUT, ip="10.1.1.1")
    client.force_login(administracion)
    response = client.get(reverse("auditoria_csv"), {"accion": "login", "usuario": "delegado"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    header, *rows = rows_of(response)
    assert header[0] == "Fecha y hora (UTC)"
    assert len(rows) == 1
    assert rows[0][0] == kept.creado_en.astimezone(dt.UTC).isoformat()
    assert rows[0][1:3] == ["delegado", "Inicio de sesión"]
    assert rows[0][-1] == "10.1.1.1"
    export = RegistroAuditoria.objects.get(accion=AccionAuditoria.EXPORTACION)
    assert export.usuario == administracion
    assert "accion=login" in export.cambios["filtros"][1]


def test_the_csv_export_defuses_spreadsheet_formulas(client, administracion):
    RegistroAuditoria.objects.create(accion=AccionAuditoria.LOGIN_FALLIDO, nombre_usuario='=HYPERLINK("x")')
    client.force_login(administracion)
    rows = rows_of(client.get(reverse("auditoria_csv"), {"accion": "login_fallido"}))
    assert rows[1][1] == '\'=HYPERLINK("x")'


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_starting_like_a_formula_is_quoted(value):
    assert celda(value) == "'" + value


def test_ordinary_cells_are_left_alone():
    assert celda("Policía Local") == "Policía Local"
    assert celda(None) == ""
