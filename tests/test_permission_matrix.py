"""Every URL pattern, every role: the status each one gets.

Roles: anonymous, secretaría, delegado, enlace of the responsible body (Policía Local), enlace of
another body (CNP), administración, and an outsider (an account with no role). Object pages use the
`escenario` fixture, where everything belongs to Policía Local's side: an out-of-scope object is a
404, a visible object the role may not change is a 403.

A URL pattern without a row here fails `test_every_url_pattern_has_a_row`, so no view escapes.
When you add a view, add its row.

The same rows drive two more checks: every POST row refuses a request without a CSRF token (403,
for every role), and no GET row changes the database (row counts of the audit log, bar the
DESCARGA/EXPORTACION entries that record reads, and of every table of our apps stay the same).
"""

from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from coordinacion.choices import AccionAuditoria
from coordinacion.models import RegistroAuditoria

ROLES = ["anonimo", "secretaria", "delegado", "enlace", "enlace_otro", "administracion", "outsider"]
LOGIN = 302  # anonymous users are redirected to the login page


@dataclass
class Row:
    name: str
    expected: dict[str, int]
    method: str = "get"
    kwargs: object = None  # callable(escenario) -> dict of URL kwargs
    data: object = None  # callable(escenario) -> POST data
    id: str = field(default="")

    def __post_init__(self):
        missing = set(ROLES) - set(self.expected)
        assert not missing, f"{self.name}: no expected status for {missing}"
        self.id = self.id or f"{self.method}:{self.name}"


def everyone(status: int, **overrides: int) -> dict[str, int]:
    return {role: overrides.get(role, status) for role in ROLES}


ROWS = [
    Row("inicio", everyone(200, anonimo=LOGIN)),
    Row("login", everyone(200, **{role: 302 for role in ROLES if role != "anonimo"})),
    Row("logout", everyone(302), method="post"),
    Row("set_language", everyone(302), method="post", data=lambda e: {"language": "en", "next": "/"}),
    Row("health", everyone(200)),
    # Issue 5: audit log (administración only; its existence is no secret, so 403 for other roles).
    Row("auditoria", everyone(403, anonimo=LOGIN, administracion=200)),
    Row("auditoria_csv", everyone(403, anonimo=LOGIN, administracion=200)),
    # Issue 5: second factor. Enrolment is open to every account (required or not); verification
    # without a device sends to enrolment; new recovery codes need a verified session.
    Row("segundo_factor", everyone(200, anonimo=LOGIN)),
    Row("segundo_factor_verificar", everyone(302)),
    Row("segundo_factor_codigos", everyone(403, anonimo=LOGIN), method="post"),
]

# URL names that are not views of ours to check per role (the admin has its own tests).
EXCLUDED_NAMESPACES = {"admin"}


def _url_names(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in EXCLUDED_NAMESPACES:
                continue
            ns = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _url_names(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}{pattern.name}"


def test_every_url_pattern_has_a_row():
    covered = {row.name for row in ROWS}
    missing = sorted(set(_url_names(get_resolver().url_patterns)) - covered)
    assert not missing, f"URL patterns without a permission row: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_permission_matrix(client, request, escenario, row, role):
    if role != "anonimo":
        client.force_login(request.getfixturevalue(role))
    kwargs = row.kwargs(escenario) if row.kwargs else {}
    url = reverse(row.name, kwargs=kwargs)
    if row.method == "get":
        response = client.get(url)
    else:
        response = getattr(client, row.method)(url, row.data(escenario) if row.data else {})
    assert response.status_code == row.expected[role], f"{role} {row.method.upper()} {url}"


def _login(client, request, role):
    if role != "anonimo":
        client.force_login(request.getfixturevalue(role))


def _url(row, escenario):
    return reverse(row.name, kwargs=row.kwargs(escenario) if row.kwargs else {})


# Reads that are recorded on purpose (downloads and exports of reserved content) are not state changes.
READ_RECORDS = [AccionAuditoria.DESCARGA, AccionAuditoria.EXPORTACION]
WATCHED_APPS = {"coordinacion", "juntas", "otp_totp", "otp_static", "axes"}


def _row_counts() -> dict[str, int]:
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in WATCHED_APPS and model is not RegistroAuditoria
    }
    counts["audit log (writes)"] = RegistroAuditoria.objects.exclude(accion__in=READ_RECORDS).count()
    return counts


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", [row for row in ROWS if row.method != "get"], ids=lambda row: row.id)
def test_a_post_without_csrf_token_is_refused(request, escenario, row, role):
    client = Client(enforce_csrf_checks=True)
    _login(client, request, role)
    before = _row_counts()
    response = client.post(_url(row, escenario), row.data(escenario) if row.data else {})
    assert response.status_code == 403, f"{role} POST {row.name} without a CSRF token"
    assert _row_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", [row for row in ROWS if row.method == "get"], ids=lambda row: row.id)
def test_a_get_changes_nothing(client, request, escenario, row, role):
    _login(client, request, role)
    before = _row_counts()
    client.get(_url(row, escenario))
    assert _row_counts() == before, f"{role} GET {row.name} changed the database"
