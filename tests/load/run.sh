#!/usr/bin/env bash
# make load: 50 users for 60 s against two gunicorn instances sharing one PostgreSQL database.
#
# Recreates the database LOAD_DB (default jls_load) on LOAD_PG, prepares it (manage.py preparar_carga),
# starts gunicorn on ports 8101 and 8102 with production settings (DEBUG off, second factor on, static
# files from WhiteNoise), runs tests/load/locustfile.py headless, then checks the database against the
# run (tests/load/comprobar.py). The servers are stopped whatever happens. Exits non-zero on any error.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=.venv/bin
PG=${LOAD_PG:-postgres://postgres@127.0.0.1:5432}
DB=${LOAD_DB:-jls_load}
USERS=${LOAD_USERS:-50}
DURATION=${LOAD_DURATION:-60s}
WORKERS=${LOAD_WORKERS:-3}
PORTS=(8101 8102)

WORK=$(mktemp -d -t jls-load.XXXXXX)
PIDS=()
stop_servers() {
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    PIDS=()
}
cleanup() {
    status=$?
    stop_servers
    if [ "$status" -ne 0 ]; then
        for port in "${PORTS[@]}"; do
            [ -s "$WORK/gunicorn-$port.log" ] && { echo "--- gunicorn :$port (last lines)"; tail -n 30 "$WORK/gunicorn-$port.log"; }
        done
    fi
    if [ -n "${LOAD_KEEP:-}" ]; then echo "Kept $WORK"; else rm -rf "$WORK"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export PYTHONPATH=.
export DATABASE_URL="$PG/$DB"
# Production settings, except what plain HTTP on loopback needs: no TLS redirect, HSTS or HTTPS-only cookies.
PROD_ENV=(
    DEBUG=0
    SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))')"
    ALLOWED_HOSTS=127.0.0.1,localhost
    STATIC_ROOT="$WORK/static"
    MEDIA_ROOT="$WORK/media"
    SECURE_SSL_REDIRECT=0
    SECURE_HSTS_SECONDS=0
    SECURE_COOKIES=0
    LOG_LEVEL=WARNING
)

echo "== Database $DB: recreate, migrate, prepare"
"$BIN/python" - "$PG" "$DB" <<'EOF'
import sys
import psycopg2
from psycopg2 import sql

connection = psycopg2.connect(f"{sys.argv[1]}/postgres")
connection.autocommit = True
with connection.cursor() as cursor:
    cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(sys.argv[2])))
    cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(sys.argv[2])))
EOF
env "${PROD_ENV[@]}" "$BIN/python" manage.py migrate --no-input -v0
# The accounts have a known password: the command runs only with DEBUG on (the servers run with it off).
DEBUG=1 "$BIN/python" manage.py preparar_carga --salida "$WORK/cuentas.json" | tail -n 1
env "${PROD_ENV[@]}" "$BIN/python" manage.py collectstatic --no-input -v0

echo "== gunicorn on ports ${PORTS[*]} ($WORKERS workers each), DEBUG off, second factor on"
for port in "${PORTS[@]}"; do
    env "${PROD_ENV[@]}" "$BIN/gunicorn" coordinacion.wsgi --bind "127.0.0.1:$port" --workers "$WORKERS" --no-control-socket \
        --error-logfile "$WORK/gunicorn-$port.log" --access-logfile "$WORK/access-$port.log" &
    PIDS+=($!)
done
# Ready when /health/ answers (it reads the database); the first answer of a worker may take seconds.
for port in "${PORTS[@]}"; do
    "$BIN/python" - "$port" <<'EOF'
import sys
import time
import urllib.request

deadline = time.monotonic() + 90
while True:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/health/", timeout=15)
        break
    except OSError as error:
        if time.monotonic() > deadline:
            sys.exit(f"gunicorn on port {sys.argv[1]} is not answering: {error}")
        time.sleep(0.3)
EOF
done

env "${PROD_ENV[@]}" "$BIN/python" -m tests.load.comprobar antes "$WORK/cuentas.json" >"$WORK/antes.json"

echo "Load average before the run: $(cut -d' ' -f1 /proc/loadavg) ($(nproc) cores)"
echo "== Locust: $USERS users for $DURATION, requests alternating between the two servers"
locust_status=0
LOAD_ACCOUNTS="$WORK/cuentas.json" LOAD_STATS="$WORK/stats.json" \
    LOAD_HOSTS="http://127.0.0.1:${PORTS[0]},http://127.0.0.1:${PORTS[1]}" \
    "$BIN/locust" -f tests/load/locustfile.py --headless --users "$USERS" --spawn-rate 5 \
    --run-time "$DURATION" --stop-timeout 30 --only-summary --loglevel WARNING ||
    locust_status=$?
# What the app servers cost, and what else ran: on a shared machine the latencies depend on both.
"$BIN/python" - "${PIDS[@]}" <<'EOF'
import os
import sys

import psutil

workers = [w for pid in sys.argv[1:] for p in [psutil.Process(int(pid))] for w in [p, *p.children(recursive=True)]]
cpu = sum(sum(w.cpu_times()[:4]) for w in workers)
print(f"CPU used by both app servers: {cpu:.0f} s; {psutil.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
EOF
stop_servers
for port in "${PORTS[@]}"; do
    echo "Requests served by the instance on port $port (health checks included): $(wc -l <"$WORK/access-$port.log")"
done

env "${PROD_ENV[@]}" "$BIN/python" -m tests.load.comprobar despues "$WORK/cuentas.json" "$WORK/antes.json" "$WORK/stats.json"
exit "$locust_status"
