# Quick start: `make site` builds the demo plans' site into site/, `make test` runs every test.
# Both create .venv on first use; nothing is installed outside it.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test serve check lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

site: $(VENV)/.installed
	$(BIN)/planbook build

serve: $(VENV)/.installed
	$(BIN)/planbook serve

check: $(VENV)/.installed
	$(BIN)/planbook check plans

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

clean:
	rm -rf site build .pytest_cache
