# The two front-door commands: `make run` and `make test`, plus `make check` for the edit-test loop.
# Each sets up what it needs first. Python packages come from the locks: requirements.lock (runtime) and
# requirements-dev.lock (tests, benchmarks, lint, type checks); Debian packages from
# scripts/ensure_system_packages.sh, by tier (`run`: fonts only; `test`: Chromium, LibreOffice, PostgreSQL, ...).
VENV    ?= .venv
PY      := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.run-$(shell sha1sum requirements.lock | cut -c1-12)
DEV_STAMP := $(VENV)/.dev-$(shell sha1sum requirements-dev.lock | cut -c1-12)
PORT    ?= 8501
# Loopback unless told otherwise: `make run ADDRESS=0.0.0.0` serves the network (then configure sign-in).
ADDRESS ?= 127.0.0.1

# The quick tier: everything but the tests that need Chromium, the PostgreSQL cluster or LibreOffice/pdftoppm.
QUICK   := not browser and not postgres and not render and not slow
WORKERS ?= 3

.PHONY: setup setup-dev system system-test run test check lint typecheck format mutation lock bench demo-data \
	screenshots docs clean

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
	bash scripts/ensure_system_packages.sh run

system-test:
	bash scripts/ensure_system_packages.sh test

run: setup
	$(PY) -m kpi store seed-demo  # the first start: an empty store gets the demo data (reading never writes)
	$(PY) -m streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT) --server.headless true

# The whole suite, browser, PostgreSQL and render tests included (what CI runs: .ci/run).
test: setup-dev system-test lint typecheck
	$(PY) -m pytest

# Lint, type checks and the quick tier: three pytest-xdist workers on the two cores (tests that wait on servers and
# subprocesses would leave a core idle with two), each with its own temporary store; idle workers take queued tests
# from a busy one (worksteal), as durations are uneven. CLI tests and the crash and concurrency tests fork from one
# preloaded interpreter (tests/cli_fork.py); `slow` tests run only in `make test`. Bytecode caching stays on even
# where PYTHONDONTWRITEBYTECODE is set (without it every worker recompiles and re-rewrites every test module).
# Measured 2 Dec 2026 on the idle 2-core machine: 258 CPU-s, 135 s of wall time (368 CPU-s, 221 s at the start of
# the day); see docs/development.md.
check: setup-dev lint typecheck
	env -u PYTHONDONTWRITEBYTECODE \
		$(PY) -m pytest -q -n $(WORKERS) --dist worksteal --hypothesis-profile=quick -m "$(QUICK)"

lint: setup-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: setup-dev
	$(PY) -m mypy

format: setup-dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Mutation testing of the KPI core (slow: tens of minutes on two cores); see docs/development.md.
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

# The README's pictures (docs/img/), drawn by Chromium from a started server on the demo data.
screenshots: setup-dev system-test
	$(PY) scripts/screenshots.py

# Regenerate the tables in docs/ that come from code (settings, limits, CLI help); a test checks them.
COG_DOCS := docs/settings.md docs/data-format.md docs/kpis.md docs/cli.md
docs: setup-dev
	$(PY) -m cogapp -I . -I scripts -r $(COG_DOCS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mutmut-cache mutants tests/artifacts bench/out
