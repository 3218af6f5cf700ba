# kolscope: every target sets up what it needs on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint bench eval install format clean docs lock messages system-packages bench-packages screenshots

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "kolscope needs Python 3.11 or newer (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# The evaluation also compares model families that kolscope does not ship (fastText, e5).
EVAL_STAMP := $(VENV)/.eval-stamp
$(EVAL_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,eval]'
	@touch $(EVAL_STAMP)

## make demo: build the synthetic demo workspace (./kolscope-demo) and serve it on http://127.0.0.1:8000
demo: $(STAMP)
	$(BIN)/kolscope demo --host $(HOST) --port $(PORT)

## Debian packages the browser tests need: Chromium (never a downloaded browser) and Thai fonts.
system-packages:
	@if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi tlwg; then :; \
	elif command -v apt-get >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-thai-tlwg >/dev/null; \
	else echo "install Chromium and a Thai font (fonts-thai-tlwg) for the browser tests"; fi

## make test: the whole test suite (PostgreSQL, Redis and browser tests run when available; required with CI=true)
test: $(STAMP) system-packages
	$(BIN)/python -m pytest -n auto --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check src tests bench eval tools
	$(BIN)/ruff format --check src tests bench eval tools
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench eval tools
	$(BIN)/ruff format src tests bench eval tools

## Debian packages the redirect benchmark compares against and drives it with: nginx and wrk.
bench-packages:
	@if command -v nginx >/dev/null 2>&1 && command -v wrk >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx-light wrk >/dev/null; \
	else echo "install nginx and wrk for bench/bench_redirect.py"; fi

## make bench: speed, each beside a baseline in the same run (bench/results/*.json)
bench: $(STAMP) bench-packages
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_import_limits.py
	$(BIN)/python bench/bench_comments.py
	$(BIN)/python bench/bench_metrics.py
	$(BIN)/python bench/bench_audit.py
	$(BIN)/python bench/bench_single_audit.py
	$(BIN)/python bench/bench_thai_pages.py
	$(BIN)/python bench/bench_search.py
	$(BIN)/python bench/bench_wiring.py
	$(BIN)/python bench/bench_overlap.py
	$(BIN)/python bench/bench_optimiser.py
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/bench_redirect.py
	$(BIN)/python bench/bench_click_durability.py
	$(BIN)/python bench/bench_reports.py
	$(BIN)/python bench/bench_order_import.py

## make eval: quality on the public data sets in ../shared/data (eval/results/*.json)
eval: $(EVAL_STAMP)
	$(BIN)/python eval/eval_comments.py
	$(BIN)/python eval/eval_followers.py
	$(BIN)/python eval/eval_audit.py
	$(BIN)/python eval/eval_discovery.py
	$(BIN)/python eval/eval_forecast.py

docs: $(STAMP)
	$(BIN)/python -m kolscope.entrypoints.cli.reference > docs/cli.md
	$(BIN)/python -m kolscope.entrypoints.cli.reference docs/data-formats.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache kolscope-demo

## make lock: refresh constraints.txt after changing dependencies in pyproject.toml
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet --upgrade -e '.[dev,eval]'
	{ head -2 constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt

## make screenshots: refresh docs/screenshots/ from the browser tests
screenshots: $(STAMP) system-packages
	KOLSCOPE_SCREENSHOTS=1 $(BIN)/python -m pytest tests/e2e/test_browser.py tests/e2e/test_thai_words.py tests/e2e/test_campaign_browser.py -q

## make messages: gather the texts to translate and list the Thai translations still missing
messages: $(STAMP)
	$(BIN)/python tools/update_messages.py
