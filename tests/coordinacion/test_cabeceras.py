"""Security headers, no-store caching of signed-in pages, and templates with no inline script."""

import re
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


def test_every_page_sends_a_csp_without_inline_scripts(client):
    csp = directives(client.get(reverse("login")))
    assert csp["script-src"] == "script-src 'self'"
    assert "unsafe-inline" not in csp["default-src"] + csp["script-src"] + csp["style-src"]
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert csp["object-src"] == "object-src 'none'"
    assert csp["form-action"] == "form-action 'self'"


def test_pages_send_nosniff_referrer_policy_and_deny_framing(client):
    response = client.get(reverse("login"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("role", ["secretaria", "delegado", "enlace", "administracion"])
def test_signed_in_pages_are_never_stored_by_a_cache(client, as_user, role):
    as_user(role)
    response = client.get(reverse("inicio"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_response_that_sets_its_own_caching_keeps_it(client, delegado):
    client.force_login(delegado)
    response = client.get(reverse("health"))  # never_cache
    assert "max-age=0" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_anonymous_pages_are_left_to_their_views(client):
    response = client.get(reverse("health"))
    assert "no-store" in response["Cache-Control"]


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
SCRIPT_WITH_BODY = re.compile(r"<script\b[^>]*>\s*\S[^<]*</script>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def template_files():
    return sorted(TEMPLATES.rglob("*.html"))


def test_the_scan_finds_the_templates():
    assert len(template_files()) >= 10


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_have_no_inline_script_and_no_event_handler_attributes(path):
    text = path.read_text()
    assert not INLINE_SCRIPT.search(text), "a <script> without src: move the code to static/js/"
    assert not SCRIPT_WITH_BODY.search(text), "a <script> with inline code: move it to static/js/"
    assert not EVENT_HANDLER.search(text), "an on*= attribute: attach the handler from static/js/"
    assert not JS_URL.search(text), "a javascript: URL"


def test_the_scan_catches_what_it_should():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert SCRIPT_WITH_BODY.search('<script src="/a.js">alert(1)</script>')
    assert EVENT_HANDLER.search('<button type="button" onclick="go()">')
    assert not INLINE_SCRIPT.search('<script src="/static/x.js"></script>')
    assert not EVENT_HANDLER.search('<button hx-on="x" data-online="1">')


def test_the_404_page_is_spanish_and_keeps_the_layout(client, delegado):
    client.force_login(delegado)
    response = client.get("/no-existe/")
    assert response.status_code == 404
    assert "Página no encontrada" in response.text
    assert 'lang="es"' in response.text


def test_the_403_page_is_spanish(client, delegado):
    client.force_login(delegado)
    response = client.get(reverse("auditoria"))
    assert response.status_code == 403
    assert "Acceso no permitido" in response.text


def test_the_csrf_failure_page_is_spanish(delegado):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(delegado)
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    assert "El formulario ha caducado" in response.text


def test_the_500_page_needs_neither_the_database_nor_context_processors(django_assert_num_queries):
    request = RequestFactory().get("/")
    # none at all
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "Algo ha fallado" in response.content.decode()
