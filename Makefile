# lkj — quarterly performance report builder.
#
# Quick start (README):   make report      make test
#
# Both create or refresh the local virtualenv .venv from requirements.lock first
# (hash-checked), then install lkj itself in editable mode without dependencies.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules --warn-undefined-variables

# Report parameters: `make report PERIOD=2025-Q1 UNIT=bp3mi-jabar`
PERIOD ?= 2025-Q2
UNIT ?=
PYTEST_ARGS ?=

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# JupyterLab lives in its own venv: installed beside the runtime it makes every import of
# altair/nbformat about 1 s slower (rfc3987-syntax), which the build must not pay.
LAB_VENV := .venv-lab
LAB_STAMP := $(LAB_VENV)/.installed
LOCK := requirements.lock
LAB_LOCK := requirements-lab.lock

# Base interpreter for the venv: python3.11 if present, else python3 (must be 3.11+).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
PIP_FLAGS := --disable-pip-version-check --no-input

# Directories that exist among the ones we lint.
LINT_DIRS := $(wildcard lkj tests benchmarks notebooks tools)

# `--unit X` only when UNIT is given.
UNIT_ARG := $(if $(strip $(UNIT)),--unit $(UNIT),)

.PHONY: help venv report test lint format lab clean distclean bench lock

help:
	@echo "make report [PERIOD=2025-Q2] [UNIT=...]  build the quarterly report (HTML + PDF)"
	@echo "make test [PYTEST_ARGS=...]             run the test suite"
	@echo "make lint                               ruff check + ruff format --check"
	@echo "make lab                                JupyterLab on notebooks/ (installs the lab lock)"
	@echo "make bench                              run benchmarks/run.py"
	@echo "make clean | distclean                  remove build/ reports/ (| and .venv)"
	@echo "make lock                               regenerate the lock files (tools/lock.sh)"

venv: $(STAMP)

$(STAMP): $(LOCK) pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "error: no python3.11 or python3 on PATH" >&2; exit 1; fi
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
	  || { echo "error: $(PYTHON) is $$($(PYTHON) -V 2>&1); lkj needs Python 3.11+" >&2; exit 1; }
	@# Recreate the venv if it is missing or broken (e.g. its base interpreter went away).
	@if ! $(BIN)/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then \
	  echo "creating $(VENV) with $$($(PYTHON) -V)"; \
	  rm -rf $(VENV); \
	  $(PYTHON) -m venv $(VENV); \
	fi
	$(BIN)/pip install $(PIP_FLAGS) --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install $(PIP_FLAGS) --quiet --no-deps -e .
	@touch $@

$(LAB_STAMP): $(LAB_LOCK) pyproject.toml
	@test -x $(LAB_VENV)/bin/python || $(PYTHON) -m venv $(LAB_VENV)
	$(LAB_VENV)/bin/pip install $(PIP_FLAGS) --quiet --require-hashes -r $(LAB_LOCK)
	$(LAB_VENV)/bin/pip install $(PIP_FLAGS) --quiet --no-deps -e .
	@touch $@

# The report of PERIOD: chapter notebooks run by papermill, merged, exported to reports/
# as HTML and as an A4 PDF.
# tools/system-deps.sh: the Debian packages a target needs beyond Python (for the report, the
# libraries WeasyPrint loads; for the tests, also chromium and poppler-utils), silent when all
# are there; else installed as root, or named in one line. Tests never skip for want of them.
report: $(STAMP)
	@bash tools/system-deps.sh report
	$(BIN)/lkj build $(PERIOD) $(UNIT_ARG) --to html,pdf

test: $(STAMP)
	@bash tools/system-deps.sh test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	@if [ -z "$(strip $(LINT_DIRS))" ]; then echo "nothing to lint"; exit 0; fi
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/ruff format --check $(LINT_DIRS)
	$(BIN)/python -m mypy

format: $(STAMP)
	@if [ -z "$(strip $(LINT_DIRS))" ]; then echo "nothing to format"; exit 0; fi
	$(BIN)/ruff check --fix $(LINT_DIRS)
	$(BIN)/ruff format $(LINT_DIRS)

lab: $(LAB_STAMP)
	$(LAB_VENV)/bin/jupyter lab notebooks/

bench: $(STAMP)
	@if [ -f benchmarks/run.py ]; then \
	  $(BIN)/python benchmarks/run.py; \
	else \
	  echo "benchmarks/run.py not present; nothing to run"; \
	fi

lock:
	bash tools/lock.sh

clean:
	rm -rf build/ reports/

distclean: clean
	rm -rf $(VENV) $(LAB_VENV)
