#!/usr/bin/env bash
# Load test of the REST API: a fresh PostgreSQL database seeded through FairMatch's services,
# gunicorn on the production settings, locust headless; per-route figures from locust's CSV.
#
#   bash benchmarks/load/run.sh
#   USERS=50 DURATION=90s WORKERS=3 THREADS=4 LOAD_OUT=var/load bash benchmarks/load/run.sh
#
# Needs `pip install -r requirements-load.txt` (locust) and a PostgreSQL server that trusts
# local connections. The database named by LOAD_DB (default fairmatch_load) is DROPPED and
# recreated. Writes under LOAD_OUT: manifest.json, locust_*.csv, summary.json, summary.md,
# gunicorn.log. Exits non-zero when any request failed or the server logged a 5xx.
set -euo pipefail
cd "$(dirname "$0")/../.."

PY=${PY:-.venv/bin/python}
BIN=$(dirname "$PY")
PG_URL=${LOAD_PG_URL:-postgres://postgres@127.0.0.1:5432}
LOAD_DB=${LOAD_DB:-fairmatch_load}
OUT=${LOAD_OUT:-var/load}
USERS=${USERS:-50}
SPAWN_RATE=${SPAWN_RATE:-10}
DURATION=${DURATION:-120s}
CORES=$(nproc)
# Rankings are CPU-bound (encoder, scorer) and each process holds its own model (~0.8 GB), so
# few processes; threads keep cheap requests from queueing behind a ranking.
WORKERS=${WORKERS:-$((CORES + 1))}
THREADS=${THREADS:-4}
# Longer than a user's think time (1-3 s): with gunicorn's default of 2 s the server closes idle
# connections just as clients reuse them, and those requests fail without reaching Django.
KEEP_ALIVE=${KEEP_ALIVE:-30}
PORT=${PORT:-8099}
VACANCIES=${VACANCIES:-20}
APPLICATIONS=${APPLICATIONS:-50}
SPARE=${SPARE:-300}
HOST_URL="http://127.0.0.1:$PORT"

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
export DATABASE_URL="$PG_URL/$LOAD_DB"
# Everything this run writes (CV files, the embedded broker's queue) stays under $OUT.
export FAIRMATCH_VAR_DIR="$OUT/var"
export CELERY_FILESYSTEM_DIR="$OUT/var/celery-broker"
export FAIRMATCH_LOAD_MANIFEST="$OUT/manifest.json"
# The production profile (DEBUG off), over plain HTTP on the loopback.
export DJANGO_SETTINGS_MODULE=ats_site.settings.production
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-load-test-only-not-a-secret}
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=False
export DJANGO_LOG_LEVEL=${DJANGO_LOG_LEVEL:-WARNING}
# Throttles (ats_site/settings/drf.py) are raised for the run: every simulated recruiter comes
# from 127.0.0.1 and ten logins are shared by all users, so the production rates would measure
# the throttle (429s), not the server.
export API_THROTTLE_USER=${API_THROTTLE_USER:-1000000/min}
export API_THROTTLE_ANON=${API_THROTTLE_ANON:-1000000/min}
export API_THROTTLE_LOGIN=${API_THROTTLE_LOGIN:-1000000/min}

# REUSE_SEED=1 clones the database seeded by an earlier run (kept as "${LOAD_DB}_seeded",
# with its manifest and CV files) instead of seeding again (~15 min on a busy 2-core machine).
recreate_db() { # recreate_db NAME [TEMPLATE]
  "$PY" - "$PG_URL/postgres" "$@" <<'EOF'
import sys

import psycopg

url, name, template = sys.argv[1], sys.argv[2], sys.argv[3:]
with psycopg.connect(url, autocommit=True) as connection:
    connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    clause = f' TEMPLATE "{template[0]}"' if template else ""
    connection.execute(f'CREATE DATABASE "{name}"{clause}')
EOF
}
rm -f "$OUT"/locust_*.csv "$OUT/access.log" "$OUT/gunicorn.log"
if [ "${REUSE_SEED:-0}" = 1 ] && [ -f "$OUT/seeded/manifest.json" ]; then
  echo "== database $LOAD_DB cloned from ${LOAD_DB}_seeded (REUSE_SEED=1)"
  recreate_db "$LOAD_DB" "${LOAD_DB}_seeded"
else
  echo "== database $LOAD_DB (dropped and recreated), migrations"
  recreate_db "$LOAD_DB"
  rm -rf "$OUT/var" "$OUT/seeded"
  "$PY" manage.py migrate --noinput >/dev/null
  echo "== seed: demo logins, $VACANCIES vacancies x $APPLICATIONS applications, $SPARE spare"
  "$PY" manage.py seed_demo >/dev/null
  mkdir -p "$OUT/seeded"
  "$PY" benchmarks/load/seed.py --manifest "$OUT/seeded/manifest.json" \
    --vacancies "$VACANCIES" --applications "$APPLICATIONS" --spare "$SPARE" 2>"$OUT/seed.log"
  recreate_db "${LOAD_DB}_seeded" "$LOAD_DB"
fi
cp "$OUT/seeded/manifest.json" "$FAIRMATCH_LOAD_MANIFEST"

echo "== gunicorn: $WORKERS workers x $THREADS threads on $CORES cores, port $PORT"
"$BIN/gunicorn" ats_site.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --worker-class gthread --threads "$THREADS" --timeout 300 --keep-alive "$KEEP_ALIVE" \
  --access-logfile "$OUT/access.log" --error-logfile "$OUT/gunicorn.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -s -o /dev/null "$HOST_URL/api/schema/" && break
  sleep 1
done

echo "== warm-up: every worker loads the encoder before the measured run"
"$PY" - "$HOST_URL" "$FAIRMATCH_LOAD_MANIFEST" "$((WORKERS * THREADS))" <<'EOF'
import json
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

host, manifest, workers = sys.argv[1], json.load(open(sys.argv[2])), int(sys.argv[3])
login = json.dumps({"username": manifest["recruiters"][0], "password": manifest["password"]})
request = urllib.request.Request(
    f"{host}/api/auth/token/", data=login.encode(), headers={"Content-Type": "application/json"}
)
token = json.load(urllib.request.urlopen(request))["token"]


def rank(vacancy: int) -> int:
    url = f"{host}/api/vacancies/{vacancy}/ranking/?k=50"
    get = urllib.request.Request(url, headers={"Authorization": f"Token {token}"})
    return urllib.request.urlopen(get, timeout=300).status


with ThreadPoolExecutor(workers) as pool:
    codes = list(pool.map(rank, (manifest["vacancy_ids"] * 3)[: 2 * workers]))
print(f"   {len(codes)} warm-up rankings, statuses {sorted(set(codes))}")
EOF

echo "== locust: $USERS users (spawn $SPAWN_RATE/s) for $DURATION against $HOST_URL"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $CORES cores"
status=0
"$BIN/locust" -f benchmarks/load/locustfile.py --headless --host "$HOST_URL" \
  --users "$USERS" --spawn-rate "$SPAWN_RATE" --run-time "$DURATION" --stop-timeout 30 \
  --csv "$OUT/locust" --only-summary --loglevel WARNING >"$OUT/locust.log" 2>&1 || status=$?
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== results (ms; $OUT/summary.json)"
"$PY" benchmarks/load/summary.py "$OUT/locust" --json "$OUT/summary.json" | tee "$OUT/summary.md"
server_errors=$(awk '$9 ~ /^5/' "$OUT/access.log" | wc -l)
echo "server 5xx responses in the access log: $server_errors"
if [ "$server_errors" -gt 0 ] || [ "$status" -ne 0 ]; then
  echo "load test found failures (locust exit $status); see $OUT/locust.log and $OUT/gunicorn.log"
  exit 1
fi
