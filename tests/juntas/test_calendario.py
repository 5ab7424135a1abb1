"""The subscribable calendar feed: a secret token URL per user, revocable, respecting visibility."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from coordinacion.choices import AccionAuditoria
from coordinacion.models import RegistroAuditoria
from juntas.models import TokenCalendario
from juntas.services.calendario import regenerar_token_calendario
from tests import factories

pytestmark = pytest.mark.django_db


def summaries(response) -> set[str]:
    return {str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}


def feed_url(user) -> str:
    return reverse("calendario_feed", kwargs={"token": TokenCalendario.objects.get(usuario=user).token})


@pytest.fixture
def reuniones(enlace, policia_local, cnp):
    """One meeting the liaison is convened to in person, one where their body is called, one for CNP only."""
    en_persona = factories.ReunionFactory(titulo="Convocado en persona")
    factories.ConvocadoFactory(reunion=en_persona, persona=enlace.persona)
    como_organismo = factories.ReunionFactory(titulo="Convocado su organismo")
    factories.ConvocadoFactory(reunion=como_organismo, persona=None, organismo=policia_local)
    solo_cnp = factories.ReunionFactory(titulo="Solo CNP")
    factories.ConvocadoFactory(reunion=solo_cnp, persona=factories.PersonaFactory(organismo=cnp))
    antigua = factories.ReunionFactory(titulo="Hace dos años", inicio=timezone.now() - dt.timedelta(days=800))
    factories.ConvocadoFactory(reunion=antigua, persona=enlace.persona)
    return en_persona, como_organismo, solo_cnp


def test_a_user_creates_their_address_and_the_feed_works_without_a_session(client, as_user, enlace):
    as_user("enlace")
    page = client.get(reverse("calendario"))
    assert "No tiene dirección de calendario" in page.text
    response = client.post(reverse("calendario_regenerar"), follow=True)
    token = TokenCalendario.objects.get(usuario=enlace).token
    assert token in response.text
    assert RegistroAuditoria.objects.filter(accion=AccionAuditoria.CREAR, objeto__contains="enlace_pl").exists()
    assert not RegistroAuditoria.objects.filter(objeto__contains=token).exists()  # never logged
    client.logout()
    feed = client.get(feed_url(enlace))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")


def test_the_feed_lists_the_meetings_the_person_or_their_body_is_convened_to(client, enlace, reuniones):
    regenerar_token_calendario(actor=enlace)
    assert summaries(client.get(feed_url(enlace))) == {"Convocado en persona", "Convocado su organismo"}


def test_the_feed_respects_visibility_for_a_liaison_even_if_their_person_is_listed(client, enlace, reuniones, cnp):
    # A liaison of Policía Local listed by mistake under a CNP body row still only sees meetings their
    # own body was called to (visibility is by body).
    otra = factories.ReunionFactory(titulo="Fila de otro organismo")
    factories.ConvocadoFactory(reunion=otra, persona=enlace.persona, organismo=cnp)
    regenerar_token_calendario(actor=enlace)
    assert "Fila de otro organismo" not in summaries(client.get(feed_url(enlace)))


def test_regenerating_revokes_the_old_address_and_revoking_gives_404(client, as_user, enlace):
    as_user("enlace")
    client.post(reverse("calendario_regenerar"))
    vieja = feed_url(enlace)
    client.post(reverse("calendario_regenerar"))
    nueva = feed_url(enlace)
    assert vieja != nueva
    assert client.get(vieja).status_code == 404
    assert client.get(nueva).status_code == 200
    response = client.post(reverse("calendario_revocar"), follow=True)
    assert "Se ha revocado" in response.text
    assert client.get(nueva).status_code == 404
    assert not TokenCalendario.objects.filter(usuario=enlace).exists()


def test_a_token_of_an_account_deactivated_or_without_role_stops_working(client, enlace):
    regenerar_token_calendario(actor=enlace)
    url = feed_url(enlace)
    enlace.is_active = False
    enlace.save()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("token", ["x", "a" * 3000, "%00", "../../etc/passwd"])
def test_garbage_tokens_are_404(client, token):
    assert client.get(f"/calendario/{token}/reuniones.ics").status_code == 404


# Token with user/person/body, the meetings (with their Junta). No session, no savepoint
# bookkeeping beyond ATOMIC_REQUESTS: SAVEPOINT, token, meetings, RELEASE.
def test_the_feed_runs_a_fixed_number_of_queries(client, enlace, reuniones, django_assert_num_queries):
    regenerar_token_calendario(actor=enlace)
    for _ in range(5):
        reunion = factories.ReunionFactory()
        factories.ConvocadoFactory(reunion=reunion, persona=enlace.persona)
    url = feed_url(enlace)
    with django_assert_num_queries(4):
        assert len(summaries(client.get(url))) == 7
