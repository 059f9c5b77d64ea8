# cityportal: `make run` serves the demo portal, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run dev test test-fast lint format lock messages install install-dev clean

# The virtualenv is rebuilt only when a lock file changes.
$(VENV)/.runtime-installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.dev-installed: $(VENV)/.runtime-installed requirements-dev.lock
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $@

install: $(VENV)/.runtime-installed
install-dev: $(VENV)/.dev-installed

run: install
	PORT=$(PORT) scripts/run.sh

dev: install-dev
	scripts/prepare-site.sh dev
	DJANGO_SETTINGS_MODULE=cityportal.settings.dev $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install-dev
	scripts/test.sh

# Unit and integration tests only, without the browser.
test-fast: install-dev
	$(VENV)/bin/pytest -m "not browser" -q

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Regenerates the pinned lock files from requirements*.in (needs uv from PyPI).
lock: install-dev
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile --quiet --python-version 3.11 requirements.in -o requirements.lock
	$(VENV)/bin/uv pip compile --quiet --python-version 3.11 requirements-dev.in -o requirements-dev.lock

# Refreshes the Chinese interface catalogue from the code, then compiles it (needs
# Debian's gettext). Translate new entries in cityportal/locale/zh_Hans/.../django.po.
messages: install-dev
	cd cityportal && DJANGO_SETTINGS_MODULE=cityportal.settings.dev ../$(PY) ../manage.py makemessages -l zh_Hans --ignore "tests/*"
	cd cityportal && DJANGO_SETTINGS_MODULE=cityportal.settings.dev ../$(PY) ../manage.py compilemessages -l zh_Hans

clean:
	rm -rf $(VENV) var .pytest_cache
