import pytest
from django.db import DatabaseError, connection, transaction

from coordinacion.audit import changed_fields, log_action
from coordinacion.choices import AccionAuditoria
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
