"""Every URL pattern, every role: the status each one gets.

Roles: anonymous, secretaría, delegado, enlace of the responsible body (Policía Local), enlace of
another body (CNP), administración, and an outsider (an account with no role). Object pages use the
`escenario` fixture, where everything belongs to Policía Local's side: an out-of-scope object is a
404, a visible object the role may not change is a 403.

A URL pattern without a row here fails `test_every_url_pattern_has_a_row`, so no view escapes.
When you add a view, add its row.
"""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

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
