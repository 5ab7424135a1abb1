import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.template.loader import render_to_string

from coordinacion.audit import changed_fields, historial_de, log_action
from coordinacion.choices import AccionAuditoria, Confidencialidad
from coordinacion.models import RegistroAuditoria
from tests import factories

pytestmark = pytest.mark.django_db


def test_log_action_records_who_what_and_which_object(delegado):
    materia = factories.MateriaFactory(nombre="Convivencia")
    entry = log_action(actor=delegado, accion=AccionAuditoria.CREAR, obj=materia)
    assert entry.usuario == delegado
    assert entry.nombre_usuario == "delegado"
    assert entry.objeto == "Convivencia"
    assert entry.object_id == str(materia.pk)


def test_changed_fields_keeps_only_what_changed():
    assert changed_fields({"a": 1, "b": "x"}, {"a": 2, "b": "x"}) == {"a": [1, 2]}


def test_an_entry_cannot_be_changed_or_deleted_through_the_orm(delegado):
    entry = log_action(actor=delegado, accion=AccionAuditoria.LOGIN)
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        RegistroAuditoria.objects.all().update(accion=AccionAuditoria.LOGOUT)
    with pytest.raises(TypeError):
        RegistroAuditoria.objects.all().delete()


def test_the_database_refuses_to_update_an_entry(delegado):
    entry = log_action(actor=delegado, accion=AccionAuditoria.LOGIN)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE coordinacion_registroauditoria SET accion = 'logout' WHERE id = %s", [entry.pk])


def test_an_entry_is_stamped_in_utc(delegado):
    entry = log_action(actor=delegado, accion=AccionAuditoria.LOGIN)
    entry.refresh_from_db()
    assert entry.creado_en.utcoffset() == dt.timedelta(0)


def test_the_database_refuses_to_delete_an_entry(delegado):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite guards updates only: the test runner empties tables with DELETE")
    entry = log_action(actor=delegado, accion=AccionAuditoria.LOGIN)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM coordinacion_registroauditoria WHERE id = %s", [entry.pk])
    assert RegistroAuditoria.objects.filter(pk=entry.pk).exists()


def test_the_database_refuses_a_bulk_update_too(delegado):
    log_action(actor=delegado, accion=AccionAuditoria.LOGIN)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE coordinacion_registroauditoria SET ip = '10.9.9.9'")


def test_an_entry_records_the_confidentiality_of_its_object(delegado):
    acuerdo = factories.AcuerdoFactory(confidencialidad=Confidencialidad.POLICIAL)
    nota = factories.NotaActuacionFactory(confidencialidad=Confidencialidad.RESERVADA)
    adjunto = factories.AdjuntoFactory(nota=nota)
    assert log_action(actor=delegado, accion=AccionAuditoria.CREAR, obj=acuerdo).confidencialidad == "policial"
    assert log_action(actor=delegado, accion=AccionAuditoria.DESCARGA, obj=adjunto).confidencialidad == "reservada"
    assert log_action(actor=delegado, accion=AccionAuditoria.CREAR, obj=acuerdo.junta).confidencialidad == ""


def test_historial_de_returns_one_objects_entries_newest_first_in_one_query(delegado, django_assert_num_queries):
    acuerdo = factories.AcuerdoFactory()
    otro = factories.AcuerdoFactory()
    first = log_action(actor=delegado, accion=AccionAuditoria.CREAR, obj=acuerdo)
    second = log_action(
        actor=delegado, accion=AccionAuditoria.MODIFICAR, obj=acuerdo, cambios={"titulo": ["Antes", "Después"]}
    )
    log_action(actor=delegado, accion=AccionAuditoria.CREAR, obj=otro)
    log_action(actor=delegado, accion=AccionAuditoria.CREAR, obj=acuerdo.junta)  # same pk space, other type
    # the entries, filtered on the content type's natural key through a join
    with django_assert_num_queries(1):
        entries = historial_de(acuerdo)
    assert entries == [second, first]
    assert len(historial_de(acuerdo, limit=1)) == 1


def test_the_history_include_renders_who_what_and_the_changed_fields(delegado):
    acuerdo = factories.AcuerdoFactory()
    log_action(actor=delegado, accion=AccionAuditoria.MODIFICAR, obj=acuerdo, cambios={"titulo": ["Antes", "Después"]})
    html = render_to_string("includes/historial.html", {"entries": historial_de(acuerdo)})
    assert "Historial" in html
    assert "delegado" in html
    assert "Modificación" in html
    assert "Antes → Después" in html
    assert "Sin cambios registrados" in render_to_string("includes/historial.html", {"entries": []})


def test_a_nul_character_in_logged_values_is_stored_replaced(delegado):
    entry = log_action(actor=delegado, accion=AccionAuditoria.EXPORTACION, cambios={"filtros": {"q": "a\x00b"}})
    entry.refresh_from_db()
    assert entry.cambios == {"filtros": {"q": "a\ufffdb"}}
