# Two commands: `make run` (app with demo data on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint bench bench-tools install install-test browser fonts migrate demo draw clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TSTAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)
	$(BIN)/pybabel -q compile -d translations
install-test: $(TSTAMP)
	$(BIN)/pybabel -q compile -d translations

## Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else echo "Chromium not found at $(CHROMIUM): browser tests will be skipped (CI fails)."; fi

## DejaVu Sans for the PDFs (wide coverage: Latin Extended, Arabic, Cyrillic, Greek); without
## it the PDFs use reportlab's own Vera (maatwerk/core/pdf_fonts.py), the DejaVu tests skip (CI fails).
DEJAVU ?= /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
fonts:
	@if [ -f "$(DEJAVU)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core; } || \
		echo "fonts-dejavu-core could not be installed: the PDFs use reportlab's Vera (fewer letters)."; \
	else echo "DejaVu Sans not found at $(DEJAVU): the PDFs use reportlab's Vera (fewer letters)."; fi

migrate: install
	$(BIN)/maatwerk db upgrade

demo: migrate
	$(BIN)/maatwerk demo --if-empty
	$(BIN)/maatwerk monitoring refresh --all

## Start the app on http://127.0.0.1:$(PORT) with the demo data (SQLite in instance/).
run: demo fonts
	$(BIN)/maatwerk serve --port $(PORT)

## Run ruff, bandit and the whole test suite (SQLite and PostgreSQL).
test: install-test browser fonts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -c pyproject.toml -r maatwerk api workflows -q
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Benchmarks against floors measured in the same run (not part of the test suite): the
## PostgreSQL database MAATWERK_BENCH_DATABASE_URL (default maatwerk_bench) is created and
## filled with the demo data when empty; wrk (Debian) drives the throughput pair.
BENCH_SCRIPTS := bench_api bench_pdf bench_throughput bench_monitoring bench_workflow

bench-tools:
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } || \
		echo "wrk not found: the throughput benchmark will say so."

bench: install-test bench-tools
	$(BIN)/python benchmarks/prepare.py
	@status=0; for script in $(BENCH_SCRIPTS); do \
		if [ -f benchmarks/$$script.py ]; then \
			echo "== $$script"; $(BIN)/python benchmarks/$$script.py || status=1; fi; \
	done; exit $$status

## Regenerate the workflow diagrams and docs/workflows.md.
draw: install
	$(BIN)/maatwerk workflows draw

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
