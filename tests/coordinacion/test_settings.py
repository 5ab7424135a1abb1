"""Settings come from the environment and stop start-up on a malformed value, naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from coordinacion.env import env_bool, env_database, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-production-secret-with-enough-variety-0123456789",
    "ALLOWED_HOSTS": "jls.example.org",
    "DATABASE_URL": "",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # Start from the caller's environment without anything the test run itself sets.
    ignored = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run(  # noqa: S603 (fixed arguments, our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "mysql://nobody@localhost/x"),
        ("DATABASE_URL", "not a url"),
        ("SECRET_KEY", "short"),
        ("ALLOWED_HOSTS", "a,,b"),
        ("SESSION_IDLE_SECONDS", "half an hour"),
    ],
)
def test_a_malformed_value_stops_start_up_naming_the_variable(variable, value):
    result = manage("check", **{**PRODUCTION, variable: value})
    assert result.returncode != 0
    assert variable in result.stderr


def test_production_needs_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_gives_no_warnings_with_production_values():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_env_helpers_parse_good_values(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a.example, b.example")
    monkeypatch.setenv("X_DB", "postgres://u@db.example:5432/jls")
    assert env_bool("X_BOOL", False) is True
    assert env_int("X_INT", 0) == 42
    assert env_list("X_LIST") == ["a.example", "b.example"]
    assert env_database("X_DB", "unused")["NAME"] == "jls"
    assert env_database("X_DB", "unused")["OPTIONS"]["options"] == "-c jit=off"


def test_postgresql_connections_run_without_jit(monkeypatch):
    monkeypatch.setenv("X_DB", "postgres://u@db.example:5432/jls?options=-c%20statement_timeout%3D5000")
    assert env_database("X_DB", "unused")["OPTIONS"]["options"] == "-c statement_timeout=5000 -c jit=off"


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_the_postgresql_connection_has_jit_off():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_without_database_url_the_default_is_an_embedded_sqlite_file(monkeypatch):
    monkeypatch.delenv("X_DB", raising=False)
    config = env_database("X_DB", "/srv/jls/db.sqlite3")
    assert config == {"ENGINE": "django.db.backends.sqlite3", "NAME": "/srv/jls/db.sqlite3"}


def test_runtime_settings_are_spanish_madrid_and_atomic(settings):
    assert settings.LANGUAGE_CODE == "es"
    assert settings.TIME_ZONE == "Europe/Madrid"
    assert settings.USE_TZ is True
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"] is True
