"""PostgreSQL only: the es_unaccent configuration, the trigger-kept vectors and the GIN indexes in use."""

import pytest
from django.db import connection

from coordinacion.choices import Rol
from juntas.models import Acuerdo, Compromiso, NotaActuacion, PuntoOrden
from juntas.search import postgres
from juntas.search.kinds import KINDS
from juntas.search.query import parse
from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search"),
]


def _scalar(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_es_unaccent_stems_spanish_and_ignores_accents():
    assert _scalar("SELECT to_tsvector('es_unaccent', 'Policías absentismos')::text") == "'absent':2 'polici':1"
    assert _scalar("SELECT websearch_to_tsquery('es_unaccent', 'policia absentismo')::text") == "'polici' & 'absent'"


def test_the_vector_follows_inserts_and_updates_of_the_text():
    nota = factories.NotaActuacionFactory(texto="Vigilancia del botellón")
    table = NotaActuacion._meta.db_table
    vector = f"SELECT busqueda::text FROM {table} WHERE id = %s"  # noqa: S608 - our own table
    assert "'botellon'" in _scalar(vector, [nota.pk])
    NotaActuacion.objects.filter(pk=nota.pk).update(texto="Ruido en la plaza")
    assert _scalar(vector, [nota.pk]) == "'plaz':4B 'ruid':1B"


def test_a_title_weighs_more_than_the_text():
    acuerdo = factories.AcuerdoFactory(titulo="Absentismo", texto="Absentismo escolar")
    vector = f"SELECT busqueda::text FROM {Acuerdo._meta.db_table} WHERE id = %s"  # noqa: S608
    assert _scalar(vector, [acuerdo.pk]) == "'absent':1A,2B 'escol':3B"


@pytest.mark.parametrize(
    ("kind", "model"),
    [
        ("notas", NotaActuacion),
        ("acuerdos", Acuerdo),
        ("compromisos", Compromiso),
        # Reuniones are few (an OR with the puntos' EXISTS scans them); the puntos use their index.
        ("actas", PuntoOrden),
    ],
)
def test_the_search_query_uses_the_gin_index(kind, model):
    """The `@@` in the query is on the indexed column itself, so the GIN index serves it.

    With a handful of rows a sequential scan is cheaper, so the test forbids it to see the index
    is usable; `make bench` measures the search with 300,000 notas.
    """
    user = factories.UsuarioFactory(rol=Rol.SECRETARIA)
    spec = KINDS[kind]
    qs = postgres.find(spec.visible(user), spec, parse("absentismo")).values("pk")
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Bitmap Index Scan on {model._meta.db_table}_busqueda_gin" in plan, plan


def test_headlines_never_let_document_markup_through():
    factories.NotaActuacionFactory(texto='absentismo <img src=x onerror="alert(1)"> \ue000 fin')
    user = factories.UsuarioFactory(rol=Rol.SECRETARIA)
    spec = KINDS["notas"]
    row = postgres.rank(postgres.find(spec.visible(user), spec, parse("absentismo")), spec, parse("absentismo")).get()
    _title, snippet = postgres.present(row, spec, parse("absentismo"))
    assert snippet.startswith("<mark>absentismo</mark>")
    assert "<img" not in snippet
    assert snippet.count("<mark>") == 1
