# Putright — `make help` lists what each target does.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/putright
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help run test test-sqlite test-postgres lint format bench frontend traceability clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3

$(VENV)/.base-installed: requirements/base.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.dev-installed: requirements/dev.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@ $(VENV)/.base-installed

FRONTEND_SOURCES := package.json package-lock.json $(wildcard putright/web/frontend/*.scss)
build/static/.built: $(FRONTEND_SOURCES)
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p build/static/govuk
	npx sass --no-source-map --load-path=node_modules --style=compressed --quiet-deps \
		putright/web/frontend/putright.scss build/static/putright.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js build/static/govuk/
	rm -rf build/static/govuk/assets && cp -r node_modules/govuk-frontend/dist/govuk/assets build/static/govuk/assets
	@touch $@

frontend: build/static/.built ## Build GOV.UK Frontend styles and scripts from npm into build/static

run: $(VENV)/.base-installed build/static/.built ## Set up, migrate, load demo data the first time, and serve on 127.0.0.1:$PORT
	$(BIN)/putright migrate --noinput
	$(BIN)/putright demo_data
	$(BIN)/putright runserver 127.0.0.1:$(PORT)

test: $(VENV)/.dev-installed build/static/.built ## Run the whole suite (and again on PostgreSQL when CI=true)
	$(BIN)/pytest
ifeq ($(CI),true)
	$(MAKE) test-postgres
endif

test-postgres: $(VENV)/.dev-installed build/static/.built ## Run the whole suite on PostgreSQL at $POSTGRES_URL
	$(BIN)/python scripts/require_postgres.py "$(POSTGRES_URL)"
	DATABASE_URL="$(POSTGRES_URL)" $(BIN)/pytest -p no:cacheprovider

lint: $(VENV)/.dev-installed ## ruff, formatting, mypy; migrations, OpenAPI schema and traceability document up to date
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy putright config
	$(BIN)/putright makemigrations --check --dry-run
	$(BIN)/putright api_schema --check
	$(BIN)/putright provisions traceability --check

format: $(VENV)/.dev-installed ## Format and auto-fix the code
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.dev-installed ## Run the benchmarks in bench/ and print their figures
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

traceability: $(VENV)/.base-installed ## Regenerate docs/code-traceability.md from the provisions catalogue
	$(BIN)/putright provisions traceability

clean: ## Remove the virtualenv, built assets and local data
	rm -rf $(VENV) build node_modules var
