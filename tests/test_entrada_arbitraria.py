"""Bad input never yields a 500: arbitrary data for every URL parameter, query string and form.

Property tests (hypothesis) walk the URL resolver like the permission matrix does, so a new view is
fuzzed as soon as it has a URL pattern:

- every pattern gets arbitrary values for its path converters (drawn from the converter's own regex,
  so the URL resolves) and an arbitrary query string, by GET;
- every row of the permission matrix is fetched once to read the names of its form fields, and then
  POSTed arbitrary values for those names (and some junk fields);
- the forms of this issue (login, the two second-factor forms, the audit filters) get their own.

All as secretaría and as delegado; every answer must be below 500 (validation errors, 403, 404...).
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.test_permission_matrix import EXCLUDED_NAMESPACES, ROWS

FUZZ = hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ROLES = ["secretaria", "delegado"]

# Text that tends to break things: huge numbers, SQL and template syntax, NULs, odd unicode, long strings.
NASTY = st.sampled_from(
    [
        "",
        "0",
        "-1",
        "99999999999999999999999",
        "1e309",
        "NaN",
        "' OR 1=1 --",
        "{{ 7*7 }}",
        "<script>",
        "\x00",
        "%00",
        "../../etc/passwd",
        "2021-02-30",
        "ñ" * 5000,
        "🙂",
        "\ud7ff",
    ]
)
TEXT = st.one_of(NASTY, st.text(max_size=300), st.integers().map(str))
QUERY = st.dictionaries(
    st.one_of(st.sampled_from(["page", "q", "next", "desde", "hasta", "estado", "orden"]), TEXT), TEXT, max_size=5
)


def _patterns(patterns, prefix="", converters=None):
    """(url name, {kwarg: converter}) for every named pattern outside the excluded namespaces."""
    for pattern in patterns:
        found = {**(converters or {}), **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            if pattern.namespace in EXCLUDED_NAMESPACES:
                continue
            ns = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _patterns(pattern.url_patterns, ns, found)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}{pattern.name}", found


PATTERNS = sorted(_patterns(get_resolver().url_patterns), key=lambda item: item[0])


def _value(converter):
    regex = getattr(converter, "regex", "[^/]+")
    drawn = st.from_regex(re.compile(rf"(?:{regex})"), fullmatch=True)
    if re.fullmatch(regex, "1"):  # numeric converters: also huge and zero
        # Numbers the converter accepts but no row has, up to the bigint edge; longer ones never
        # reach a view (test_an_id_too_long_for_the_database_is_a_plain_404).
        big = st.integers(min_value=0, max_value=10**30).map(str).filter(lambda v: re.fullmatch(regex, v))
        drawn = st.one_of(drawn, big)
    return drawn


def _status(response) -> int:
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "converters"), PATTERNS, ids=[name for name, _c in PATTERNS])
def test_any_url_parameter_and_query_string_is_answered_below_500(client, request, escenario, role, name, converters):
    client.force_login(request.getfixturevalue(role))
    kwargs = st.fixed_dictionaries({key: _value(conv) for key, conv in converters.items()})

    @FUZZ
    @given(kwargs=kwargs, query=QUERY)
    def check(kwargs, query):
        url = reverse(name, kwargs=kwargs)
        response = client.get(url, query)
        assert _status(response) < 500, f"GET {url} {query!r}"

    check()


FIELD_NAME = re.compile(r"""<(?:input|select|textarea)\b[^>]*\bname=["']([^"']+)["']""", re.IGNORECASE)


def _form_fields(client, url) -> list[str]:
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    return sorted(set(FIELD_NAME.findall(response.content.decode(errors="replace"))) - {"csrfmiddlewaretoken"})


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_any_form_data_is_answered_below_500(client, request, escenario, role, row):
    client.force_login(request.getfixturevalue(role))
    url = reverse(row.name, kwargs=row.kwargs(escenario) if row.kwargs else {})
    fields = _form_fields(client, url) if row.method == "get" else []
    known = sorted(set(fields) | set(row.data(escenario) if row.data else {}))
    data = st.fixed_dictionaries({field: TEXT for field in known}, optional={"extra": TEXT, "id": TEXT})

    @FUZZ
    @given(data=data)
    def check(data):
        client.force_login(request.getfixturevalue(role))  # a fuzzed logout must not end the run
        response = client.post(url, data)
        assert _status(response) < 500, f"POST {url} {data!r}"

    check()


@pytest.mark.django_db
@FUZZ
@given(username=TEXT, password=TEXT)
def test_the_login_form_takes_anything(client, username, password):
    assert client.post(reverse("login"), {"username": username, "password": password}).status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["segundo_factor", "segundo_factor_verificar"])
def test_the_second_factor_forms_take_anything(client, settings, secretaria, url_name):
    settings.OTP_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client.force_login(secretaria)

    @FUZZ
    @given(codigo=TEXT, next_url=TEXT)
    def check(codigo, next_url):
        response = client.post(reverse(url_name), {"codigo": codigo, "next": next_url})
        assert response.status_code < 500

    check()


@pytest.mark.django_db
def test_the_audit_filters_take_anything(client, administracion):
    client.force_login(administracion)
    filters = st.fixed_dictionaries(
        {}, optional={key: TEXT for key in ["usuario", "accion", "tipo", "desde", "hasta", "ip", "page"]}
    )

    @FUZZ
    @given(query=filters)
    def check(query):
        assert client.get(reverse("auditoria"), query).status_code < 500
        assert client.get(reverse("auditoria_csv"), query).status_code < 500

    check()


@pytest.mark.django_db
def test_an_id_too_long_for_the_database_is_a_plain_404(client, secretaria):
    client.force_login(secretaria)
    for path in ("/reuniones/9223372036854775808/acta/pdf/", "/acuerdos/99999999999999999999999/"):
        assert client.get(path).status_code == 404
