# Two commands from a fresh clone: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: run test lint bench bench-admin install install-dev browser-deps clean hostile-full scan

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund && touch $@; \
	else echo "npm not found: accessibility tests will be skipped"; fi

# The web server, the task worker (mail, scheduled publishing) and, in place of cron, the periodic
# entry every minute; Ctrl-C (or the server stopping) stops all three.
RUN_ADDR ?= 127.0.0.1:8000
run: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py load_demo
	@echo "Serving on http://$(RUN_ADDR) with the task worker beside it  (Ctrl-C stops them)"
	@export DJANGO_DEBUG=1; \
	$(PY) manage.py db_worker --no-reload --interval 2 & worker=$$!; \
	$(PY) manage.py enqueue_scheduled_jobs --every 60 --verbosity 0 & periodic=$$!; \
	trap 'kill $$worker $$periodic 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	$(PY) manage.py runserver $(RUN_ADDR)

test: install-dev node_modules/.installed
	$(VENV)/bin/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=1 $(PY) manage.py check

# Public pages and search at 10,000 generated articles against a bare view (README, "Benchmarks"):
# BENCH_ARGS="--articles 100000" for the large run, BENCH_DATABASE_URL for PostgreSQL.
bench: install-dev
	$(PY) bench/run.py $(BENCH_ARGS)

# The editors' article list with 100,000 articles; needs a throwaway PostgreSQL database.
bench-admin: install-dev
	-psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE mqa_admin_bench" 2>/dev/null
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/mqa_admin_bench} $(PY) bench/admin_bench.py

# The whole hostile-input corpus alone (tests/security, about 200 values through every form and
# filter): about 13 minutes of CPU, 7 on two cores. `make test` runs a short sample of it;
# `HOSTILE_FULL=1 make test` runs the whole suite with all of it, as CI does.
hostile-full: install-dev
	$(VENV)/bin/pytest -n 2 --dist loadgroup -m hostile_full tests/security $(PYTEST_ARGS)

# wapiti (web vulnerability scanner) in its own virtualenv, against gunicorn with production
# settings over HTTPS and the demo content; fails on findings above "low" or any server error.
SCAN_VENV := .venv-scan
$(SCAN_VENV)/.installed: scan/requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(SCAN_VENV)/bin/python || $(PYTHON) -m venv $(SCAN_VENV)
	$(SCAN_VENV)/bin/pip install --quiet --upgrade pip
	$(SCAN_VENV)/bin/pip install --quiet -r scan/requirements.txt
	touch $@

scan: install $(SCAN_VENV)/.installed
	$(PY) scan/run.py

clean:
	rm -rf $(VENV) $(SCAN_VENV) node_modules staticfiles .pytest_cache
