# The two front-door commands: `make run` and `make test`. Both set everything up first.
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
PORT    ?= 8501
# Loopback unless told otherwise: `make run ADDRESS=0.0.0.0` serves the network (then configure sign-in).
ADDRESS ?= 127.0.0.1

.PHONY: setup system run test bench demo-data clean

setup: $(STAMP) system

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

system:
	bash scripts/ensure_system_packages.sh

run: setup
	$(PY) -m streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT) --server.headless true

test: setup
	$(PY) -m pytest

bench: setup
	$(PY) -m bench

demo-data: setup
	$(PY) scripts/build_demo_data.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis tests/artifacts bench/out
