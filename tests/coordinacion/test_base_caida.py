"""A live gunicorn whose database cannot be reached: every page is a Spanish 503 and /health/ says so.

The database is "down" because the process is pointed at a local port nothing listens on, or at a
proxy to PostgreSQL that the test stops and starts again; the shared server itself is never stopped.
The first test needs no test database, so it runs on SQLite set-ups too.
"""

import json

import pytest
from django.db import connection
from django.urls import reverse

from tests.servidor import ProxyTCP, gunicorn, puerto_libre, servidor_de_la_base, url_de_la_base


def test_an_unreachable_database_gives_a_spanish_503_page_and_health_reports_it(tmp_path):
    url = f"postgres://jls@127.0.0.1:{puerto_libre()}/jls"
    with gunicorn(url, tmp_path / "gunicorn.log") as servidor:
        salud = servidor.pedir("GET", reverse("health"))
        assert salud.status == 503
        assert json.loads(salud.text) == {"status": "error", "database": "unreachable"}
        for path in [reverse("inicio"), reverse("login"), reverse("compromiso_lista")]:
            pagina = servidor.pedir("GET", path)
            assert pagina.status == 503, path
            assert pagina.headers["Retry-After"] == "30"
            assert '<html lang="es">' in pagina.text
            assert "Servicio no disponible temporalmente" in pagina.text
            assert "Nada de lo que ha enviado se ha guardado a medias" in pagina.text
        # The worker survived every failure: the master still has the same single child.
        assert len(servidor.workers()) == 1


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a PostgreSQL server to go down and come back")
def test_when_the_database_comes_back_the_same_worker_serves_again_without_a_restart(tmp_path):
    proxy = ProxyTCP(*servidor_de_la_base())
    proxy.arrancar()
    try:
        with gunicorn(url_de_la_base("127.0.0.1", proxy.port), tmp_path / "gunicorn.log") as servidor:
            assert servidor.pedir("GET", reverse("health")).status == 200
            assert servidor.pedir("GET", reverse("login")).status == 200  # the worker keeps this connection
            worker = servidor.workers()

            proxy.parar()  # down: the open connection is cut and new ones are refused
            assert servidor.pedir("GET", reverse("health")).status == 503
            pagina = servidor.pedir("GET", reverse("login"))
            assert pagina.status == 503 and "Servicio no disponible temporalmente" in pagina.text

            proxy.arrancar()  # back
            salud = servidor.pedir("GET", reverse("health"))
            assert (salud.status, json.loads(salud.text)) == (200, {"status": "ok", "database": "ok"})
            assert servidor.pedir("GET", reverse("login")).status == 200
            assert servidor.workers() == worker
    finally:
        proxy.parar()
