#!/usr/bin/env bash
# The whole suite: lint, unit and integration tests, browser tests in Debian chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-test-system.sh
echo "==> Lint"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "==> Tests"
exec .venv/bin/pytest -p no:cacheprovider -n "${PYTEST_WORKERS:-2}" --dist loadgroup "$@"
