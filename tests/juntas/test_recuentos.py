"""Cached counts (juntas/recuentos.py): served until a write, from any process, changes what they count."""

import pytest
from django.db import connection
from django.urls import reverse

from juntas.models import Compromiso, EstadoCompromiso, VersionDatos
from juntas.recuentos import en_cache, version_datos
from tests import factories

pytestmark = pytest.mark.django_db


def test_every_write_to_a_counted_table_raises_the_data_version(delegado):
    compromiso = factories.CompromisoFactory()
    antes = version_datos()
    Compromiso.objects.filter(pk=compromiso.pk).update(estado=EstadoCompromiso.BLOQUEADO)  # a bulk update
    assert version_datos() > antes
    antes = version_datos()
    compromiso.acuerdo.materias.add(factories.MateriaFactory())  # a many-to-many row
    assert version_datos() > antes
    antes = version_datos()
    compromiso.delete()
    assert version_datos() > antes


def test_a_cached_figure_is_recomputed_after_a_write_and_only_then(delegado):
    calculos = []

    def calcular():
        calculos.append(1)
        return len(calculos)

    assert en_cache("prueba", delegado, "", calcular) == 1
    assert en_cache("prueba", delegado, "", calcular) == 1  # served from the cache
    factories.CompromisoFactory()
    assert en_cache("prueba", delegado, "", calcular) == 2
    assert en_cache("prueba", delegado, "?otro", calcular) == 3  # another request, its own figures


def test_a_write_by_another_process_reaches_the_cached_figures(client, delegado):
    # Another gunicorn instance shares only the database: a raw SQL write, as it would commit.
    client.force_login(delegado)
    compromiso = factories.CompromisoFactory(estado=EstadoCompromiso.EN_CURSO)
    antes = dict(client.get(reverse("inicio")).context["resumen"])
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Compromiso._meta.db_table} SET estado = %s WHERE id = %s",  # noqa: S608 - our table
            [EstadoCompromiso.BLOQUEADO, compromiso.pk],
        )
    despues = dict(client.get(reverse("inicio")).context["resumen"])
    bloqueado = EstadoCompromiso.BLOQUEADO.label
    assert despues.get(bloqueado, 0) == antes.get(bloqueado, 0) + 1


def test_without_the_version_row_nothing_is_cached(delegado):
    VersionDatos.objects.all().delete()
    calculos = []
    for _ in range(2):
        en_cache("prueba", delegado, "", lambda: calculos.append(1))
    assert len(calculos) == 2


def test_the_delegados_home_counts_again_after_a_write_in_one_more_query(client, delegado, django_assert_num_queries):
    client.force_login(delegado)
    client.get(reverse("inicio"))  # signs in, renews the session, caches the counts
    factories.CompromisoFactory()
    # session, user, SAVEPOINT, upcoming reuniones, latest acuerdos, the data version, the counts by
    # status (counted again: the write changed the version), RELEASE.
    with django_assert_num_queries(8):
        client.get(reverse("inicio"))
