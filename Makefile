# Kuulu: `make run` serves the demo site, `make test` runs every check. Nothing else is needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LOCK := requirements/dev.txt
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for the suites (one per core; 0 runs in one process).
TEST_WORKERS ?= auto
# Extra pytest options, e.g. PYTEST_ARGS="-v --durations=25" in CI.
PYTEST_ARGS ?=
# Bytecode: Python compiles every module it imports, and with PYTHONDONTWRITEBYTECODE set (as
# it is in some shells and container images) it keeps nothing, so each process compiled Django,
# Wagtail and Kuulu again: about 2 s of CPU per start of a test worker, a draw, a `manage.py` the
# tests run, a web instance. Every target here keeps the bytecode in var/pycache instead, out of
# the source tree; Python checks it against each source file's time stamp and size.
export PYTHONDONTWRITEBYTECODE :=
export PYTHONPYCACHEPREFIX := $(CURDIR)/var/pycache

.PHONY: run test checks check test-db install lock lint migrate demo messages bench bench-http prod-smoke clean fonts lighthouse

$(PY):
	$(PYTHON) -m venv $(VENV)

# The locked versions of every dependency (see `make lock`), installed with uv, which made the lock:
# exactly the locked set (a package dropped from the lock is removed), in about 6 s where pip
# took 41 s.
UV := uv==0.13.9
$(STAMP): $(LOCK) | $(PY)
	$(PY) -m pip install --quiet $(UV)
	$(VENV)/bin/uv pip sync --quiet --python $(PY) $(LOCK)
	touch $(STAMP)

install: $(STAMP)

# Regenerate requirements/*.txt from pyproject.toml after changing a dependency there (needs
# PyPI); commit the result. `make install` then installs exactly those versions.
lock: install
	$(PY) -m pip install --quiet $(UV)
	$(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 pyproject.toml -o requirements/production.txt
	$(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --extra dev pyproject.toml -o requirements/dev.txt

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo

# Every absolute link (feeds, e-mails, posters) is built from the address the site is served on:
# the default Site follows WAGTAILADMIN_BASE_URL after `migrate` (home/site_url.py).
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: demo
	$(PY) manage.py ensure_demo_admin
	@echo "Starting the task worker (e-mails, search index) and the scheduler beside the web server…"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py db_worker --no-reload --verbosity 0 & \
	$(PY) manage.py periodic --loop 300 > /dev/null & \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# What does not depend on the database engine, run once per CI run: lint, checks, the tests that
# need no database, and the tests marked engine_independent (solver draws, the demo city, browser
# tests of how a page renders: they use the database, always SQLite here, but test no engine
# feature).
checks: lint
	$(PY) manage.py check --settings=site_config.settings.test
	$(PY) manage.py makemigrations --check --dry-run --settings=site_config.settings.test

check: checks
	env -u DATABASE_URL $(VENV)/bin/pytest -m "not database or engine_independent" -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The database-facing tests, on SQLite or (DATABASE_URL=postgres://…) PostgreSQL, except the
# engine-independent ones (`make check` runs those). TEST_WORKERS pytest-xdist workers (one per
# core by default; 0 runs in one process) share out whole test modules (tests/conftest.py).
test-db: install
	$(VENV)/bin/pytest -m "database and not engine_independent" -n $(TEST_WORKERS) $(PYTEST_ARGS)

# On SQLite (no DATABASE_URL) every test in one pytest run, so the workers share out the
# engine-independent and the database-facing modules together (the demo city's long chain on one
# worker while the other takes the rest); on PostgreSQL the engine-independent part on SQLite
# (`make check`) and the rest on PostgreSQL, as CI runs them.
ifeq ($(strip $(DATABASE_URL)),)
test: checks
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)
else
test: check test-db
endif

# Regenerate the fi/sv/en catalogues of every app from the code, then compile them.
messages: install
	$(PY) manage.py kuulu_messages

# The production process set (Procfile) for real: PostgreSQL, Redis, nginx, two web instances,
# worker and scheduler on loopback, then the checks of deploy/smoke.py. Installs the Debian
# packages it needs when missing (as root).
prod-smoke: install
	$(PY) deploy/smoke.py

# Google Lighthouse (npm `lighthouse`, pinned in tests/js/package.json) on one page of every type
# of the demo city in Debian's Chromium: accessibility, best practices and SEO must be 100
# (tests/demo/test_lighthouse_demo.py; not part of `make test`: 15–20 s a page on 2 cores,
# 46 page types a language).
# LIGHTHOUSE_LANGUAGES=fi checks one language.
LIGHTHOUSE_LANGUAGES ?= fi,sv,en
lighthouse: install
	test -d tests/js/node_modules/lighthouse || npm ci --prefix tests/js --no-audit --no-fund
	KUULU_LIGHTHOUSE=1 KUULU_LIGHTHOUSE_LANGUAGES=$(LIGHTHOUSE_LANGUAGES) $(VENV)/bin/pytest -n 0 -p no:randomly -s $(PYTEST_ARGS) tests/demo/test_lighthouse_demo.py

bench: install
	$(PY) manage.py kuulu_bench

# Production process set behind nginx, measured with ApacheBench (deploy/bench_http.py); set
# BAKERYDEMO_DIR and BAKERYDEMO_PYTHON to measure Wagtail's bakerydemo beside it.
bench-http: install
	$(PY) manage.py kuulu_bench http

# The site's one typeface, Inter (SIL Open Font License 1.1), self-hosted: the variable-weight
# Latin and Latin Extended subsets (Finnish, Swedish, Sámi letters) from the npm package
# @fontsource-variable/inter, copied with its licence into static/fonts/ (committed, so a
# checkout needs no npm). Run again to update the font after changing INTER_VERSION.
INTER_VERSION := 5.3.0
fonts:
	rm -rf build/fonts && mkdir -p build/fonts
	cd build/fonts && npm pack --silent @fontsource-variable/inter@$(INTER_VERSION) && tar xzf fontsource-variable-inter-$(INTER_VERSION).tgz
	cp build/fonts/package/files/inter-latin-wght-normal.woff2 build/fonts/package/files/inter-latin-ext-wght-normal.woff2 static/fonts/
	cp build/fonts/package/LICENSE static/fonts/LICENSE-Inter.txt

clean:
	rm -rf $(VENV) var db.sqlite3*
