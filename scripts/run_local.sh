#!/usr/bin/env bash
# Starts a Celery worker (both queues, embedded filesystem broker) and the web server;
# stopping the web server (Ctrl-C) stops the worker too.
set -euo pipefail
PY=${PY:-.venv/bin/python}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
mkdir -p var/log var/mail
# Sent mail goes to var/mail/ (one file per batch), which erasure rewrites, rather than into
# the worker's log, which nothing could; set DJANGO_EMAIL_BACKEND to choose another backend.
export DJANGO_EMAIL_BACKEND=${DJANGO_EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend}
"$(dirname "$PY")/celery" -A ats_site worker -B -s var/celerybeat-schedule -Q default,gpu \
  --concurrency 1 --loglevel INFO \
  >var/log/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Worker started (pid $worker, log var/log/worker.log)."
echo "FairMatch on http://$HOST:$PORT/  (admin: /admin/, API docs: /api/docs/)"
echo "Sent mail (password resets, notices) is written to var/mail/."
# No DEBUG pages unless asked (DJANGO_DEBUG=true); --insecure keeps serving static files.
export DJANGO_DEBUG=${DJANGO_DEBUG:-false}
"$PY" manage.py runserver "$HOST:$PORT" --noreload --insecure
