"""The database refuses to change an approved acta, its puntos' texts and its acuerdos' content,
even with raw SQL; follow-up fields (Acuerdo.estado) stay writable."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from juntas.models import Acta, Acuerdo, EstadoActa, EstadoAcuerdo, PuntoOrden
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sesion():
    reunion = factories.ReunionFactory()
    punto = factories.PuntoOrdenFactory(reunion=reunion, numero=1, deliberacion="Texto aprobado.")
    acuerdo = factories.AcuerdoFactory(reunion=reunion, punto=punto, texto="Acuerdo aprobado.")
    acta = factories.ActaFactory(reunion=reunion)
    return reunion, punto, acuerdo, acta


def aprobar(acta):
    now = timezone.now()
    Acta.objects.filter(pk=acta.pk).update(estado=EstadoActa.APROBADA, enviada_en=now, aprobada_en=now)


def raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def refused(sql, params):
    with pytest.raises(DatabaseError), transaction.atomic():
        raw(sql, params)


def test_a_draft_can_change(sesion):
    _reunion, punto, acuerdo, acta = sesion
    raw("UPDATE juntas_puntoorden SET deliberacion = %s WHERE id = %s", ["Nuevo", punto.pk])
    raw("UPDATE juntas_acuerdo SET texto = %s WHERE id = %s", ["Nuevo", acuerdo.pk])
    raw("UPDATE juntas_acta SET observaciones = %s WHERE id = %s", ["Nuevo", acta.pk])
    assert PuntoOrden.objects.get(pk=punto.pk).deliberacion == "Nuevo"


def test_raw_updates_of_an_approved_acta_are_refused(sesion):
    _reunion, punto, acuerdo, acta = sesion
    aprobar(acta)
    refused("UPDATE juntas_puntoorden SET deliberacion = %s WHERE id = %s", ["Cambio", punto.pk])
    refused("UPDATE juntas_puntoorden SET titulo = %s WHERE id = %s", ["Cambio", punto.pk])
    refused("UPDATE juntas_acuerdo SET texto = %s WHERE id = %s", ["Cambio", acuerdo.pk])
    refused("UPDATE juntas_acuerdo SET titulo = %s WHERE id = %s", ["Cambio", acuerdo.pk])
    refused("UPDATE juntas_acuerdo SET votos_contra = %s WHERE id = %s", [3, acuerdo.pk])
    refused("UPDATE juntas_acta SET observaciones = %s WHERE id = %s", ["Cambio", acta.pk])
    refused("UPDATE juntas_acta SET estado = %s WHERE id = %s", [EstadoActa.BORRADOR, acta.pk])
    assert PuntoOrden.objects.get(pk=punto.pk).deliberacion == "Texto aprobado."
    assert Acuerdo.objects.get(pk=acuerdo.pk).texto == "Acuerdo aprobado."


def test_orm_saves_of_approved_content_are_refused_too(sesion):
    _reunion, punto, acuerdo, acta = sesion
    aprobar(acta)
    punto.deliberacion = "Cambio"
    with pytest.raises(DatabaseError), transaction.atomic():
        punto.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        PuntoOrden.objects.filter(pk=punto.pk).update(deliberacion="Cambio")


def test_follow_up_fields_of_an_approved_acuerdo_stay_writable(sesion):
    _reunion, punto, acuerdo, acta = sesion
    aprobar(acta)
    Acuerdo.objects.filter(pk=acuerdo.pk).update(estado=EstadoAcuerdo.EN_CURSO)
    acuerdo.refresh_from_db()
    acuerdo.estado = EstadoAcuerdo.CUMPLIDO
    acuerdo.save()  # a full save rewrites unchanged texts: allowed, they are identical
    assert Acuerdo.objects.get(pk=acuerdo.pk).estado == EstadoAcuerdo.CUMPLIDO
    # the other meetings' puntos are untouched by the guard
    otro = factories.PuntoOrdenFactory()
    PuntoOrden.objects.filter(pk=otro.pk).update(deliberacion="Libre")
