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
    # Status changes e-mail the secretaría after commit: kept in memory, nothing leaves the machine.
    EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
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

# CPU seconds of both gunicorn masters and their workers, so the run's cost can be told from start-up's.
server_cpu() {
    "$BIN/python" - "$1" "$WORK/cpu-before" "${PIDS[@]}" <<'EOF'
import os
import sys
from pathlib import Path

import psutil

moment, before, *pids = sys.argv[1:]
procs = [w for pid in pids for p in [psutil.Process(int(pid))] for w in [p, *p.children(recursive=True)]]
cpu = sum(sum(w.cpu_times()[:4]) for w in procs)
if moment == "before":
    Path(before).write_text(str(cpu))
else:
    used = cpu - float(Path(before).read_text())
    Path(before).with_name("cpu-used").write_text(f"{used:.3f}")
    print(f"CPU used by both app servers during the run: {used:.1f} s of {psutil.cpu_count()} cores; "
          f"load average of the machine now: {os.getloadavg()[0]:.1f}")
EOF
}

env "${PROD_ENV[@]}" "$BIN/python" -m tests.load.comprobar antes "$WORK/cuentas.json" >"$WORK/antes.json"

server_cpu before
echo "Load average before the run: $(cut -d' ' -f1 /proc/loadavg) ($(nproc) cores)"
echo "== Locust: $USERS users for $DURATION, requests alternating between the two servers"
locust_status=0
LOAD_ACCOUNTS="$WORK/cuentas.json" LOAD_STATS="$WORK/stats.json" \
    LOAD_HOSTS="http://127.0.0.1:${PORTS[0]},http://127.0.0.1:${PORTS[1]}" \
    "$BIN/locust" -f tests/load/locustfile.py --headless --users "$USERS" --spawn-rate 5 \
    --run-time "$DURATION" --stop-timeout 30 --only-summary --loglevel WARNING ||
    locust_status=$?
# What the app servers cost during the run, and what else ran: on a shared machine latencies depend on both.
server_cpu after
stop_servers
served=0
for port in "${PORTS[@]}"; do
    count=$(grep -vc ' /health/ ' "$WORK/access-$port.log" || true)
    echo "Requests served by the instance on port $port (a redirect followed is a second one): $count"
    served=$((served + count))
done
"$BIN/python" -c "import sys; print(f'App server CPU per request: {float(sys.argv[1]) * 1000 / max(int(sys.argv[2]), 1):.0f} ms')" \
    "$(cat "$WORK/cpu-used")" "$served"

env "${PROD_ENV[@]}" "$BIN/python" -m tests.load.comprobar despues "$WORK/cuentas.json" "$WORK/antes.json" "$WORK/stats.json"
exit "$locust_status"
