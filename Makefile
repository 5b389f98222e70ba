# The PK Offer site. Two commands on a fresh machine:
#   make run    installs everything, loads the demo content and serves http://127.0.0.1:8000/
#   make test   installs everything (Chromium too) and runs lint, format check, the audit of the pinned
#               requirements and the whole test suite twice: on the embedded default (SQLite, local
#               files, memory cache), then on PostgreSQL, Redis and S3 started by .ci/services
# Other targets: make bench (performance figures), make messages (translation catalogues),
# make test-sqlite / make test-services (one pass), make audit.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
SGDS := node_modules/@scottish-government/design-system/dist
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test install install-dev assets messages chromium lint bench serve migrate demo
.PHONY: test-sqlite test-services audit bench-exports

run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: install assets messages migrate demo
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py ensure_dev_admin
	@echo "Serving the PK Offer site at http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/). Ctrl+C stops it."
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev assets messages chromium
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) .ci/audit
	@$(MAKE) --no-print-directory test-sqlite test-services

# The services' variables are removed for the embedded pass (a developer's shell may have them).
SERVICE_VARS := DATABASE_URL REDIS_URL AWS_STORAGE_BUCKET_NAME AWS_S3_ENDPOINT_URL AWS_LOCATION
test-sqlite: install-dev assets messages chromium
	@echo "== pytest on the embedded default: SQLite, local files, memory cache"
	env $(addprefix -u ,$(SERVICE_VARS)) $(VENV)/bin/pytest

# Throwaway PostgreSQL, Redis and moto S3 servers of its own, stopped at the end even on failure.
test-services: install-dev assets messages chromium
	@echo "== pytest on PostgreSQL, Redis and S3 (.ci/services)"
	.ci/services run $(VENV)/bin/pytest

# Known vulnerabilities in the pinned requirements (pip-audit); AUDIT_STRICT=1 also fails when the
# vulnerability service cannot be reached.
audit: install-dev
	$(PY) .ci/audit

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The Scottish Government Design System from the npm registry: compiled from source with only
# the components used, its document icons copied into static/, served by the site itself.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/css/pkoffer.css: node_modules/.package-lock.json $(wildcard static/scss/*.scss)
	npm run --silent build
	mkdir -p static/vendor/sgds/documents
	cp $(SGDS)/images/documents/svg/*.svg static/vendor/sgds/documents/

assets: static/css/pkoffer.css

messages: install
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules >/dev/null

migrate: install
	$(PY) manage.py migrate --noinput

demo: install
	$(PY) manage.py load_demo

# Browser tests drive Debian's chromium package (the Playwright browser download is not used).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: install-dev assets messages
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py benchmark

# The CSV and XLSX exports of 10,000 and 100,000 responses: time and peak memory (docs/benchmark.md, "Exports").
bench-exports: install-dev assets messages
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py benchmark --export-only
