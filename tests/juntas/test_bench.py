"""The bench command at a tiny scale: every page measured as production signs in, figures in the JSON."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from coordinacion.choices import Rol
from coordinacion.models import Usuario
from juntas.bench import datos, medida

pytestmark = pytest.mark.django_db

PAGINAS = {
    "inicio_secretaria",
    "inicio_delegado",
    "inicio_enlace",
    "inicio_administracion",
    "reuniones",
    "reunion",
    "acta",
    "acuerdos",
    "acuerdo",
    "compromisos_secretaria",
    "compromisos_enlace",
    "panel",
    "buscar_enlace",
    "buscar",
    "acta_pdf",
}


@pytest.fixture
def datos_bench():
    datos.generar(0.002)


def test_it_measures_every_page_and_the_admin_reference_and_writes_the_json(datos_bench, tmp_path, capsys):
    ruta = tmp_path / "bench.json"
    call_command("bench", "--peticiones", "2", "--json", str(ruta))
    out = capsys.readouterr().out
    informe = json.loads(ruta.read_text(encoding="utf-8"))
    assert {p["clave"] for p in informe["paginas"]} == PAGINAS
    assert informe["referencia"]["clave"] == "admin_compromisos"
    for pagina in [*informe["paginas"], informe["referencia"]]:
        assert pagina["peticiones"] == 2
        assert 0 < pagina["p50_ms"] <= pagina["p95_ms"] <= pagina["max_ms"]
        assert pagina["consultas"] >= 3  # at least the session, the account and the page's own
        assert isinstance(pagina["sql_ms"], float)  # the database's share, from another request than the timed ones
    for pagina in informe["paginas"]:
        assert pagina["objetivo_ms"] == medida.OBJETIVOS_MS[pagina["tipo"]]
        assert pagina["ok"] == all(pagina["cumple"].values())
        assert pagina["cumple"]["consultas"] == (pagina["consultas"] <= medida.MAX_CONSULTAS)
    assert informe["fallos"] == [p["clave"] for p in informe["paginas"] if not p["ok"]]
    # The table prints a row per page with its verdict.
    filas = [linea for linea in out.splitlines() if " | " in linea]
    assert len(filas) == 1 + len(PAGINAS) + 1  # header, pages, reference
    assert sum(("met" in f or "MISS" in f) for f in filas) == len(PAGINAS)


def test_a_slow_page_names_where_its_time_goes():
    lenta = medida.Medida("acuerdo", "Acuerdo", "secretaria", "/x/", "detalle", 2, 60.0, 70.0, 71.0, 8, 12.0)
    referencia = medida.Medida("admin", "Admin", "administracion", "/a/", "referencia", 2, 99.0, 200.0, 201.0, 10, 9.0)
    medida.evaluar([lenta, referencia])
    fila = next(linea for linea in medida.tabla([lenta, referencia]).splitlines() if linea.startswith("Acuerdo"))
    assert "MISS (tiempo): Python, SQL 12 ms + Python 48 ms of p50" in fila


def test_it_picks_the_reunion_with_the_most_acuerdos_and_the_acuerdo_with_the_most_compromisos(datos_bench):
    from django.db.models import Count

    from juntas.models import Acuerdo, Reunion

    paginas = {p.clave: p for p in medida.paginas()}
    mayor = Reunion.objects.annotate(n=Count("acuerdos")).order_by("-n").first()
    assert paginas["reunion"].url.endswith(f"/reuniones/{mayor.pk}/")
    assert paginas["acta_pdf"].url.endswith(f"/reuniones/{mayor.pk}/acta/pdf/")
    acuerdo = Acuerdo.objects.annotate(n=Count("compromisos")).order_by("-n").first()
    assert paginas["acuerdo"].url.endswith(f"/acuerdos/{acuerdo.pk}/")
    assert acuerdo.compromisos.count() > 1


@override_settings(OTP_REQUIRED=True)
def test_a_second_factor_role_without_a_verified_device_is_refused_not_timed(datos_bench):
    client = Client()
    client.force_login(Usuario.objects.get(username=datos.USUARIOS[Rol.SECRETARIA]))
    pagina = next(p for p in medida.paginas() if p.clave == "inicio_secretaria")
    with pytest.raises(RuntimeError, match="answered 302"):
        medida.medir_pagina(client, pagina, peticiones=1)


def test_the_signed_in_clients_pass_the_second_factor(datos_bench):
    with medida._como_produccion():
        clientes = medida.clientes()
        for rol in (Rol.SECRETARIA, Rol.ADMINISTRACION):
            assert clientes[rol].get("/").status_code == 200


def test_it_measures_only_the_pages_asked_for_and_the_admin_reference(datos_bench, tmp_path):
    ruta = tmp_path / "bench.json"
    call_command("bench", "--peticiones", "1", "--json", str(ruta), "--paginas", "reunion", "acta_pdf")
    informe = json.loads(ruta.read_text(encoding="utf-8"))
    assert [p["clave"] for p in informe["paginas"]] == ["reunion", "acta_pdf"]
    assert informe["referencia"]["clave"] == "admin_compromisos"
    with pytest.raises(CommandError, match="Unknown page"):
        call_command("bench", "--peticiones", "1", "--json", str(ruta), "--paginas", "no_such_page")


def test_without_the_data_set_it_says_to_create_it(tmp_path):
    with pytest.raises(CommandError, match="bench_datos"):
        call_command("bench", "--peticiones", "1", "--json", str(tmp_path / "b.json"))


def test_percentile_is_the_nearest_rank():
    valores = list(range(1, 101))
    assert medida.percentil(valores, 0.5) == 50
    assert medida.percentil(valores, 0.95) == 95
    assert medida.percentil([7.0], 0.95) == 7.0
