# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test load bench lint format messages check-migrations clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required (set PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# Serves the demo on the embedded SQLite database (DEBUG on, second factor off).
run: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py cargar_demo
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# axe-core for the accessibility sweep, at the version pinned in tests/browser/package-lock.json.
AXE_STAMP := tests/browser/node_modules/.package-lock.json
$(AXE_STAMP): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund
	touch $(AXE_STAMP)

# The whole suite; with DATABASE_URL set it runs on that database.
# DEBUG=1 only selects development defaults at import (no TLS redirect); pytest-django runs with DEBUG off.
test: $(STAMP)
	bash .ci/system-deps
	$(MAKE) $(AXE_STAMP)
	DEBUG=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

# Load: 50 users for 60 s against two gunicorn instances sharing one PostgreSQL database (LOAD_PG, LOAD_DB).
load: $(STAMP)
	bash tests/load/run.sh

# Speed at a big city's scale, on PostgreSQL: creates the database if missing, migrates, loads the
# data set once (bench_datos) and measures the pages (bench), printing a table and writing BENCH_JSON.
BENCH_DB ?= jls_bench
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
BENCH_DATABASE_URL ?= $(BENCH_PG)/$(BENCH_DB)
BENCH_JSON ?= bench.json
bench: $(STAMP)
	psql "$(BENCH_DATABASE_URL)" -Atc "SELECT 1" >/dev/null 2>&1 || createdb --maintenance-db="$(BENCH_PG)/postgres" "$(BENCH_DB)"
	DEBUG=1 DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python manage.py migrate --no-input
	DEBUG=1 DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python manage.py bench_datos
	DEBUG=1 DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python manage.py bench --json "$(BENCH_JSON)"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-migrations: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

# Refresh the catalogues after changing strings; the compiled .mo files are committed so that a fresh
# machine needs no gettext tools.
messages: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py makemessages -l es -l en --ignore=.venv --ignore=tests --no-obsolete
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles tests/browser/node_modules
