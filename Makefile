# Stories of Hope — every target bootstraps .venv from nothing but python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
STAMP := $(VENV)/.synced

.PHONY: run test manage lint format bench screenshots lighthouse clean-data help

help:
	@echo "make run    serve the site at http://127.0.0.1:$${PORT:-8000}/ with an embedded PostgreSQL"
	@echo "make test   run the whole test suite against PostgreSQL"
	@echo "make lint   ruff check and format check"
	@echo "make bench  load benchmark with gunicorn"
	@echo "make manage ARGS=\"createsuperuser\"  one manage.py command on the embedded PostgreSQL"
	@echo "make screenshots  the six screenshots under docs/screenshots/ (real Chromium)"
	@echo "make lighthouse   Lighthouse scores of four pages, mobile and desktop"

# Installs exactly the locked versions; re-runs only when the lock changes.
$(STAMP): uv.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	@$(BIN)/uv sync --frozen --quiet --python $(BIN)/python
	@touch $(STAMP)

run: $(STAMP)
	@$(BIN)/python -m config.dev run

test: $(STAMP)
	@$(BIN)/python -m config.dev test $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

manage: $(STAMP)
	@$(BIN)/python -m config.dev manage $(ARGS)

bench: $(STAMP)
	@$(BIN)/python -m config.dev bench

screenshots: $(STAMP)
	@$(BIN)/python -m showcase screenshots

lighthouse: $(STAMP)
	@$(BIN)/python -m showcase lighthouse
