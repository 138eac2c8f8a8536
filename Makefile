# Quick start: `make site` builds the demo plans' site into site/, `make test` runs every test.
# Both create .venv on first use; nothing is installed outside it.
#
# Dependencies come from requirements.lock (every package of the runtime and the
# test extras, pinned with hashes), so a fresh clone gets exactly the tested
# versions; pyproject.toml keeps its ranges for people who install Planbook as a
# library. Refresh the lock with `make lock` (then run `make test` and commit it).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements.lock

.PHONY: site test quick serve check clean lock verify-lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# One environment for the site and the tests: the whole lock, then Planbook itself
# without dependencies (they are all in the lock already).
$(VENV)/.installed: $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python .ci/verify_lock.py $(LOCK)
	touch $@

site: $(VENV)/.installed
	$(BIN)/planbook build

serve: $(VENV)/.installed
	$(BIN)/planbook serve

check: $(VENV)/.installed
	$(BIN)/planbook check plans

# The whole suite, then the type and lint checks of the engineering guide.
test: $(VENV)/.installed
	$(BIN)/python -m pytest
	$(BIN)/mypy generator
	$(BIN)/ruff check generator tests benchmarks

# The fast tier while editing: everything but the browser, slow and bench tests
# (tests/conftest.py marks them by file); `make test` still runs them all.
quick: $(VENV)/.installed
	$(BIN)/python -m pytest -m "not browser and not slow and not bench"

# Fails when what .venv holds differs from the lock (CI runs it after the tests).
verify-lock: $(VENV)/.installed
	$(BIN)/python .ci/verify_lock.py $(LOCK)

# Re-resolve the whole tree from pyproject.toml's ranges (needs the network).
lock:
	$(PYTHON) -m venv /tmp/planbook-lock-venv
	/tmp/planbook-lock-venv/bin/python -m pip install --quiet pip-tools
	/tmp/planbook-lock-venv/bin/pip-compile --quiet --upgrade --extra test --generate-hashes \
	    --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
	    -o $(LOCK) pyproject.toml

clean:
	rm -rf site build .pytest_cache
