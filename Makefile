# The two commands (see README):
#   make demo   set everything up, build the demo county and serve it on http://127.0.0.1:8000/
#   make test   set everything up and run the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: demo test setup bench

$(PY): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $(PY)

setup: $(PY)

demo: $(PY)
	$(PY) publish.py serve

test:
	bash .ci/install
	$(PY) -m pytest -q -n 2 --dist loadgroup

bench: $(PY)
	$(PY) benchmarks/build.py
	$(PY) benchmarks/search.py
