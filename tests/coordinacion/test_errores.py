"""A lost database answers a Spanish 503 and rolls back; other failures a Spanish 500."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from coordinacion.models import Materia

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_client(client):
    client.raise_request_exception = False
    return client


def _write_then_fail(exception):
    def view(request, *args, **kwargs):
        Materia.objects.create(nombre="Escrita a medias")
        raise exception

    return view


def test_a_lost_database_connection_answers_a_spanish_503_and_writes_nothing(failing_client, delegado):
    failing_client.force_login(delegado)
    with mock.patch("juntas.views.inicio.render", side_effect=OperationalError("server closed the connection")):
        response = failing_client.get(reverse("inicio"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Servicio no disponible temporalmente" in response.text
    # The next request works without a restart.
    assert failing_client.get(reverse("inicio")).status_code == 200


def test_the_request_transaction_is_rolled_back_when_the_database_fails(failing_client, delegado):
    failing_client.force_login(delegado)
    view = _write_then_fail(OperationalError("terminating connection due to administrator command"))
    with mock.patch("juntas.views.inicio.render", side_effect=lambda *a, **k: view(None)):
        assert failing_client.get(reverse("inicio")).status_code == 503
    assert not Materia.objects.filter(nombre="Escrita a medias").exists()


def test_any_other_failure_answers_a_spanish_500(failing_client, delegado):
    failing_client.force_login(delegado)
    with mock.patch("juntas.views.inicio.render", side_effect=RuntimeError("bug")):
        response = failing_client.get(reverse("inicio"))
    assert response.status_code == 500
    assert "Error interno" in response.text


def test_health_reports_an_unreachable_database(client):
    with mock.patch("coordinacion.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
