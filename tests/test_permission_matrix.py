"""Every URL pattern, every role: the status each one gets.

Roles: anonymous, secretaría, delegado, enlace of the responsible body (Policía Local), enlace of
another body (CNP), administración, and an outsider (an account with no role). Object pages use the
`escenario` fixture, where everything belongs to Policía Local's side: an out-of-scope object is a
404, a visible object the role may not change is a 403.

A URL pattern without a row here fails `test_every_url_pattern_has_a_row`, so no view escapes.
When you add a view, add its row.
"""

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


ROWS = [
    Row("inicio", everyone(200, anonimo=LOGIN)),
    Row("login", everyone(200, **{role: 302 for role in ROLES if role != "anonimo"})),
    Row("logout", everyone(302), method="post"),
    Row("set_language", everyone(302), method="post", data=lambda e: {"language": "en", "next": "/"}),
    Row("health", everyone(200)),
    Row("buscar", everyone(200, anonimo=LOGIN)),
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
