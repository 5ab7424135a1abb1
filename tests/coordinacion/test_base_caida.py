"""A live gunicorn whose database cannot be reached: every page is a Spanish 503 and /health/ says so.

The database is "down" because the process is pointed at a local port nothing listens on; the shared
PostgreSQL server is never stopped. Needs no test database, so it runs on SQLite set-ups too.
"""

import json

from django.urls import reverse

from tests.servidor import gunicorn, puerto_libre


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
