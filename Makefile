# kolscope: every target sets up what it needs on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint bench install format clean docs lock

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "kolscope needs Python 3.11 or newer (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## make demo: build the synthetic demo workspace (./kolscope-demo) and serve it on http://127.0.0.1:8000
demo: $(STAMP)
	$(BIN)/kolscope demo --host $(HOST) --port $(PORT)

## make test: the whole test suite (PostgreSQL tests run when the server answers; required with CI=true)
test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

bench: $(STAMP)
	$(BIN)/python bench/bench_import.py

docs: $(STAMP)
	$(BIN)/python -m kolscope.entrypoints.cli.reference > docs/cli.md
	$(BIN)/python -m kolscope.entrypoints.cli.reference docs/data-formats.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache kolscope-demo

## make lock: refresh constraints.txt after changing dependencies in pyproject.toml
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet --upgrade -e '.[dev]'
	{ head -2 constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt
