# FairMatch: `make run` installs and starts the product on embedded defaults;
# `make test` installs the development tools and runs the test suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev system-packages lint worker web clean mutation

$(VENV)/.runtime-installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.runtime-installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime-installed system-packages

install-dev: $(VENV)/.dev-installed system-packages

# Optional system tools: poppler's pdftotext (fast PDF text) and Chromium (browser tests).
system-packages:
	@bash scripts/system_packages.sh

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_esco
	$(PY) manage.py seed_demo
	HOST=$(HOST) PORT=$(PORT) PY=$(PY) bash scripts/run_local.sh

test: install-dev
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Mutation score per module set (README "Mutation testing"): MUTATION_ARGS="--changed origin/main".
mutation: install-dev
	$(PY) scripts/mutation.py $(MUTATION_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf var/celery-broker var/media
