#!/usr/bin/env bash
# Serves the portal the way production would: production settings (DEBUG off), the
# gunicorn WSGI server, static files by WhiteNoise, the site's own 404 and 500 pages.
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT=${PORT:-8000}
source scripts/prepare-site.sh production
echo "==> Serving http://127.0.0.1:$PORT/ (admin: http://127.0.0.1:$PORT/admin/); Ctrl-C stops"
exec .venv/bin/gunicorn cityportal.wsgi:application \
  --bind "127.0.0.1:$PORT" --workers "${WEB_CONCURRENCY:-2}" \
  --access-logfile - --error-logfile - --graceful-timeout 10
