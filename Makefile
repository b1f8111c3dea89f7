# Kuulu: `make run` serves the demo site, `make test` runs every check. Nothing else is needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint migrate demo messages bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py ensure_demo_admin
	@echo "Starting the task worker (e-mails, search index) and the scheduler beside the web server…"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py db_worker --no-reload --verbosity 0 & \
	$(PY) manage.py periodic --loop 300 > /dev/null & \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .

test: install
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run --settings=site_config.settings.test
	$(VENV)/bin/pytest

# Regenerate the fi/sv/en catalogues of every app from the code, then compile them.
messages: install
	$(PY) manage.py kuulu_messages

bench: install
	$(PY) manage.py kuulu_bench

clean:
	rm -rf $(VENV) var db.sqlite3*
