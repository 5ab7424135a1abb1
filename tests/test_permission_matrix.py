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

import datetime as dt
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


# Seen by the secretaría, the delegado and the responsible body's liaison; out of scope for the rest.
SOLO_IMPLICADOS = everyone(404, anonimo=LOGIN, secretaria=200, delegado=200, enlace=200)
# Visible to the delegado and the liaison, but only the secretaría may change it.
SOLO_SECRETARIA = everyone(404, anonimo=LOGIN, secretaria=200, delegado=403, enlace=403)
# The responsible body's liaison and the secretaría act; the delegado sees but may not act.
SOLO_RESPONSABLES = everyone(404, anonimo=LOGIN, delegado=403)


def _terminos(e) -> dict:
    persona = e.reunion.convocados.first().persona
    fecha = e.acuerdo.fecha + dt.timedelta(days=30)
    return {
        "descripcion": "Reforzar la vigilancia",
        "organismo": persona.organismo_id,
        "responsable": persona.pk,
        "fecha_limite": fecha.isoformat(),
        "confidencialidad": "reservada",
    }


def reunion_kwargs(e):
    return {"pk": e.reunion.pk}


def solo_secretaria(status: int) -> dict[str, int]:
    """Secretaría only: other roles that see the reunión get 403, those who do not get 404."""
    return everyone(403, anonimo=LOGIN, secretaria=status, enlace_otro=404, outsider=404)


ROWS = [
    Row("inicio", everyone(200, anonimo=LOGIN)),
    Row("login", everyone(200, **{role: 302 for role in ROLES if role != "anonimo"})),
    Row("logout", everyone(302), method="post"),
    Row("set_language", everyone(302), method="post", data=lambda e: {"language": "en", "next": "/"}),
    Row("health", everyone(200)),
    Row("accesibilidad", everyone(200)),
    # Lists and exports: any role (each row is scoped by visibility); no role, no access.
    Row("compromiso_lista", everyone(200, anonimo=LOGIN, outsider=403)),
    Row("compromiso_exportar_csv", everyone(200, anonimo=LOGIN, outsider=403)),
    Row("compromiso_exportar_xlsx", everyone(200, anonimo=LOGIN, outsider=403)),
    # The dashboard is for secretaría and delegados.
    Row("panel", everyone(403, anonimo=LOGIN, secretaria=200, delegado=200)),
    # Acuerdos and compromisos (issue 4). The escenario's acuerdo is reservada, with a Policía Local
    # compromiso: CNP's liaison, administración (pública only) and the outsider are out of scope.
    Row("acuerdo_lista", everyone(200, anonimo=LOGIN, outsider=403)),
    Row("acuerdo_detalle", SOLO_IMPLICADOS, kwargs=lambda e: {"pk": e.acuerdo.pk}),
    Row("compromiso_crear", SOLO_SECRETARIA, kwargs=lambda e: {"pk": e.acuerdo.pk}),
    Row(
        "compromiso_crear",
        {**SOLO_SECRETARIA, "secretaria": 302},
        method="post",
        kwargs=lambda e: {"pk": e.acuerdo.pk},
        data=lambda e: _terminos(e),
    ),
    Row("compromiso_detalle", SOLO_IMPLICADOS, kwargs=lambda e: {"pk": e.compromiso.pk}),
    Row("compromiso_editar", SOLO_SECRETARIA, kwargs=lambda e: {"pk": e.compromiso.pk}),
    Row(
        "compromiso_editar",
        {**SOLO_SECRETARIA, "secretaria": 302},
        method="post",
        kwargs=lambda e: {"pk": e.compromiso.pk},
        data=lambda e: _terminos(e),
    ),
    Row(
        "compromiso_estado",
        {**SOLO_RESPONSABLES, "secretaria": 302, "enlace": 302},
        method="post",
        kwargs=lambda e: {"pk": e.compromiso.pk},
        data=lambda e: {"estado": "aceptado"},
    ),
    Row(
        "nota_crear",
        {**SOLO_RESPONSABLES, "secretaria": 302, "enlace": 302},
        method="post",
        kwargs=lambda e: {"pk": e.compromiso.pk},
        data=lambda e: {"texto": "Hecho", "confidencialidad": "reservada"},
    ),
    Row("adjunto_descargar", SOLO_IMPLICADOS, kwargs=lambda e: {"pk": e.adjunto.pk}),
    Row("mi_organismo", everyone(200, anonimo=LOGIN, administracion=403, outsider=403)),
]

# Meetings (issue 3). Only secretaría manages a meeting; an account without a role is refused before
# any lookup (403), a liaison of a body not convened gets 404.
SECRETARIA_SOLO = everyone(403, anonimo=LOGIN, secretaria=200, enlace_otro=404)
VISIBLE = everyone(200, anonimo=LOGIN, enlace_otro=404, outsider=403)
CON_ROL = everyone(200, anonimo=LOGIN, outsider=403)


def _reunion(e):
    return {"pk": e.reunion.pk}


def _punto(e):
    return {"pk": e.reunion.pk, "punto_pk": e.punto.pk}


def _only_secretaria(status):
    return {**SECRETARIA_SOLO, "secretaria": status}


ROWS += [
    Row("reunion_lista", CON_ROL),
    Row("reunion_crear", everyone(403, anonimo=LOGIN, secretaria=200)),
    Row("reunion_detalle", VISIBLE, kwargs=_reunion),
    Row("reunion_editar", SECRETARIA_SOLO, kwargs=_reunion),
    Row("reunion_ics", VISIBLE, kwargs=_reunion),
    Row("reunion_orden", SECRETARIA_SOLO, kwargs=_reunion),
    Row(
        "punto_crear",
        _only_secretaria(302),
        method="post",
        kwargs=_reunion,
        data=lambda e: {"titulo": "Nuevo punto", "tipo": "informativo"},
    ),
    Row("punto_editar", SECRETARIA_SOLO, kwargs=_punto),
    Row("punto_eliminar", SECRETARIA_SOLO, kwargs=_punto),
    Row("punto_mover", _only_secretaria(302), method="post", kwargs=_punto, data=lambda e: {"direccion": "abajo"}),
    Row("convocatoria", SECRETARIA_SOLO, kwargs=_reunion),
    Row("convocatoria_enviar", _only_secretaria(302), method="post", kwargs=_reunion),
    Row("asistencia", SECRETARIA_SOLO, kwargs=_reunion),
    Row("calendario", CON_ROL),
    Row("calendario_regenerar", everyone(302, anonimo=LOGIN, outsider=403), method="post"),
    Row("calendario_revocar", everyone(302, anonimo=LOGIN, outsider=403), method="post"),
    # An unknown token is a 404 for everyone, signed in or not (valid tokens: tests/juntas/test_calendario.py).
    Row("calendario_feed", everyone(404), kwargs=lambda e: {"token": "no-existe"}),
    # The acta (issue 3): visible with its reunión; only the secretaría writes it. enlace_otro (CNP)
    # and the outsider do not see the reunión: 404. The escenario's acta is an incomplete draft.
    Row("acta_detalle", everyone(200, anonimo=LOGIN, enlace_otro=404, outsider=404), kwargs=reunion_kwargs),
    Row("acta_detalle", solo_secretaria(302), method="post", kwargs=reunion_kwargs),
    Row(
        "acta_deliberacion",
        solo_secretaria(302),
        method="post",
        kwargs=lambda e: {"pk": e.reunion.pk, "punto_pk": e.punto.pk},
        data=lambda e: {"texto": "Se informa del dispositivo.", "version": e.punto.version},
    ),
    Row(
        "acta_observaciones",
        solo_secretaria(302),
        method="post",
        kwargs=reunion_kwargs,
        data=lambda e: {"texto": "Sin observaciones.", "version": e.acta.version},
    ),
    Row("acta_acuerdo_nuevo", solo_secretaria(200), kwargs=lambda e: {"pk": e.reunion.pk, "punto_pk": e.punto.pk}),
    Row(
        "acta_acuerdo_nuevo",
        solo_secretaria(302),
        method="post",
        kwargs=lambda e: {"pk": e.reunion.pk, "punto_pk": e.punto.pk},
        data=lambda e: {
            "titulo": "Refuerzo",
            "texto": "Se acuerda reforzar.",
            "votacion": "asentimiento",
            "confidencialidad": "reservada",
        },
    ),
    # Incomplete acta: the secretaría gets the page back with what is missing.
    Row(
        "acta_enviar",
        solo_secretaria(400),
        method="post",
        kwargs=reunion_kwargs,
        data=lambda e: {"plazo": "2099-01-01T10:00"},
    ),
    Row("acta_devolver", solo_secretaria(302), method="post", kwargs=reunion_kwargs),
    # Nobody with an account was convened in the escenario: conformity is for convened members only.
    Row(
        "acta_conformidad",
        solo_secretaria(403),
        method="post",
        kwargs=reunion_kwargs,
        data=lambda e: {"tipo": "conformidad"},
    ),
    Row("acta_aprobar", solo_secretaria(302), method="post", kwargs=reunion_kwargs),
    Row("acta_pdf", everyone(200, anonimo=LOGIN, enlace_otro=404, outsider=404), kwargs=reunion_kwargs),
    # A reservada acuerdo: administración sees only pública content.
    Row(
        "acuerdo_certificado",
        everyone(200, anonimo=LOGIN, enlace_otro=404, outsider=404, administracion=404),
        kwargs=lambda e: {"pk": e.acuerdo.pk},
    ),
    Row("buscar", everyone(200, anonimo=LOGIN)),
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
