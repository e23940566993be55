# The two front-door commands: `make run` and `make test`. Both set everything up first.
# Packages come from the locks: requirements.lock (runtime) and requirements-dev.lock (tests, benchmarks, lint).
VENV    ?= .venv
PY      := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.run-$(shell sha1sum requirements.lock | cut -c1-12)
DEV_STAMP := $(VENV)/.dev-$(shell sha1sum requirements-dev.lock | cut -c1-12)
PORT    ?= 8501
# Loopback unless told otherwise: `make run ADDRESS=0.0.0.0` serves the network (then configure sign-in).
ADDRESS ?= 127.0.0.1

.PHONY: setup setup-dev system run test lint format mutation lock bench demo-data clean

setup: $(RUN_STAMP) system

setup-dev: $(DEV_STAMP) system

$(RUN_STAMP): requirements.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	rm -f $(VENV)/.run-* && touch $@

$(DEV_STAMP): requirements-dev.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	rm -f $(VENV)/.dev-* $(VENV)/.run-* && touch $@

system:
	bash scripts/ensure_system_packages.sh

run: setup
	$(PY) -m streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT) --server.headless true

test: setup-dev lint
	$(PY) -m pytest

lint: setup-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup-dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Mutation testing of the KPI core (slow: tens of minutes on two cores); see README, "Mutation testing".
mutation: setup-dev
	$(PY) -m mutmut run

# Regenerate both locks from requirements.txt / requirements-dev.txt (needs the package index).
lock: setup-dev
	$(PY) -m uv pip compile --python-version 3.11 --quiet requirements.txt -o requirements.lock
	$(PY) -m uv pip compile --python-version 3.11 --quiet requirements-dev.txt -o requirements-dev.lock

bench: setup-dev
	$(PY) -m bench

demo-data: setup
	$(PY) scripts/build_demo_data.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mutmut-cache mutants tests/artifacts bench/out
