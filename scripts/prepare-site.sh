#!/usr/bin/env bash
# Brings the embedded site up to date: database schema, static files, demo content,
# site address and the first administrator. Safe to run any number of times.
# Usage: scripts/prepare-site.sh [production|dev]
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-production}
PORT=${PORT:-8000}
export CITYPORTAL_VAR_DIR=${CITYPORTAL_VAR_DIR:-$PWD/var}
mkdir -p "$CITYPORTAL_VAR_DIR"

if [[ $mode == production ]]; then
  export DJANGO_SETTINGS_MODULE=cityportal.settings.production
  # The embedded default keeps its own random secret key, made once.
  key_file="$CITYPORTAL_VAR_DIR/secret_key"
  if [[ ! -s $key_file ]]; then
    (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' > "$key_file")
  fi
  export SECRET_KEY=${SECRET_KEY:-$(cat "$key_file")}
  export CITYPORTAL_HTTPS=${CITYPORTAL_HTTPS:-0}
  export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
else
  export DJANGO_SETTINGS_MODULE=cityportal.settings.dev
fi

# Loading the demo publishes hundreds of pages: prepare_site publishes them all once at
# the end instead of page by page.
# CITYPORTAL_PUBLISH_AT_START=0 skips that (bench/article_render.py, on sites too large to
# republish at each start).
publish_flag=()
[[ ${CITYPORTAL_PUBLISH_AT_START:-1} == 0 ]] && publish_flag=(--no-publish)
CITYPORTAL_PUBLISH_ON_CHANGE=0 .venv/bin/python manage.py prepare_site --base-url "http://127.0.0.1:$PORT" "${publish_flag[@]}"
