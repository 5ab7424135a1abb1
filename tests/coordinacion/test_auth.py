import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from coordinacion.choices import AccionAuditoria
from coordinacion.models import RegistroAuditoria
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_page_is_in_spanish(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Iniciar sesión" in response.text
    assert 'lang="es"' in response.text


def test_a_user_signs_in_with_the_right_password_and_it_is_audited(client, delegado):
    response = client.post(reverse("login"), {"username": "delegado", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("inicio")
    entry = RegistroAuditoria.objects.get(accion=AccionAuditoria.LOGIN)
    assert entry.usuario == delegado
    assert entry.ip == "127.0.0.1"


def test_a_wrong_password_and_an_unknown_user_get_the_same_spanish_message(client, delegado):
    wrong = client.post(reverse("login"), {"username": "delegado", "password": "no-es-esta"})
    unknown = client.post(reverse("login"), {"username": "nadie", "password": "no-es-esta"})
    message = "El nombre de usuario o la contraseña no son correctos"
    assert message in wrong.text
    assert message in unknown.text
    failures = RegistroAuditoria.objects.filter(accion=AccionAuditoria.LOGIN_FALLIDO)
    assert sorted(failures.values_list("nombre_usuario", flat=True)) == ["delegado", "nadie"]


def test_an_overlong_username_gets_a_message_next_to_the_field_and_no_attempt_is_stored(client):
    # 300 characters: past the accounts' 150 and django-axes' 255-character column.
    response = client.post(reverse("login"), {"username": "ñ" * 300, "password": "no-es-esta"})
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "Asegúrese de que este valor tenga menos de 150 caracteres (tiene 300)."
    ]
    assert not AccessAttempt.objects.exists()


def test_logout_is_a_post_and_is_audited(client, delegado):
    client.force_login(delegado)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert RegistroAuditoria.objects.filter(accion=AccionAuditoria.LOGOUT, usuario=delegado).exists()
    assert client.get(reverse("inicio")).status_code == 302


def test_the_language_switcher_offers_english(client, delegado):
    client.force_login(delegado)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert 'lang="en"' in client.get(reverse("inicio")).text


def test_health_reports_the_database(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_a_session_ends_after_its_absolute_lifetime(client, delegado, settings):
    client.force_login(delegado)
    assert client.get(reverse("inicio")).status_code == 200
    session = client.session
    session["_inicio"] -= settings.SESSION_ABSOLUTE_SECONDS + 1
    session.save()
    response = client.get(reverse("inicio"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_activity_renews_the_idle_timeout_at_most_once_a_minute(client, delegado):
    client.force_login(delegado)
    client.get(reverse("inicio"))
    first = client.session["_actividad"]
    client.get(reverse("inicio"))
    assert client.session["_actividad"] == first
    session = client.session
    session["_actividad"] -= 61
    session.save()
    client.get(reverse("inicio"))
    assert client.session["_actividad"] > first - 61


def test_spanish_is_the_default_even_for_an_english_browser(client, delegado):
    client.force_login(delegado)
    response = client.get(reverse("inicio"), headers={"accept-language": "en-US,en;q=0.9"})
    assert 'lang="es"' in response.text
    assert "Próximas reuniones" in response.text


def test_the_accessibility_statement_is_public_and_cites_the_law(client):
    response = client.get(reverse("accesibilidad"))
    assert response.status_code == 200
    assert "1112/2018" in response.text
    assert "Declaración de accesibilidad" in response.text
