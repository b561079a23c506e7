# Two commands on a fresh machine: `make demo` (serve the demo site) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint types pytest install install-dev messages clean help

help:
	@echo "make demo   - install, migrate, load demo data, serve http://$(HOST):$(PORT)/"
	@echo "make test   - install dev tools, run ruff, mypy and the whole test suite"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: $(VENV)/.installed
	$(BIN)/sodsong demo --host $(HOST) --port $(PORT)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

types: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev
	@$(BIN)/python tests/require_browser.py
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint types pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# After changing user-facing strings: extract them into each app's Thai catalog and compile.
messages: $(VENV)/.installed-dev
	for app in web procurement watch coalition; do \
	  if [ -d src/sodsong/$$app/locale ]; then \
	    (cd src/sodsong/$$app && ../../../$(BIN)/django-admin makemessages -l th --no-location --no-obsolete) && \
	    (cd src/sodsong/$$app && ../../../$(BIN)/django-admin compilemessages -l th); \
	  fi; \
	done
