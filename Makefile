# The two commands of the README: `make demo` and `make test`. Both set up .venv first if needed.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup demo test bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "sitroom needs Python >= 3.11; run make PYTHON=python3.11")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,ray]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(VENV)/bin/sitroom demo --db demo.duckdb

test: setup
	$(PY) -m pytest

bench: setup
	$(PY) bench/throughput.py

clean:
	rm -rf $(VENV) demo.duckdb demo.duckdb.wal demo-sitrep.html .pytest_cache .hypothesis
