# The two commands (see README):
#   make demo   set everything up, build the demo county and serve it on http://127.0.0.1:8000/
#   make test   set everything up and run the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# A stamp file marks the installed venv: touching $(PY) would touch the interpreter it links to.
# The demo needs only what the product runs on (requirements.txt); the tests and benchmarks
# install their tools too (validators, browsers, servers: .ci/install).
INSTALLED := $(VENV)/.installed

.PHONY: demo test setup bench

$(INSTALLED): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.txt
	touch $(INSTALLED)

setup: $(INSTALLED)

demo: $(INSTALLED)
	$(PY) publish.py serve

test:
	bash .ci/install
	$(PY) -m pytest -q -n 2 --dist loadgroup

bench:
	bash .ci/install
	$(PY) benchmarks/build.py
	$(PY) benchmarks/search.py
