# The two commands a newcomer needs: `make run` and `make test`.
# Everything is installed into a local virtual environment, .venv/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := examples/valid-tracking-rate.yaml

.PHONY: run test install check-example clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/poa edit $(EXAMPLE)

test: $(STAMP)
	$(BIN)/python -m pytest -q

check-example: $(STAMP)
	$(BIN)/poa check $(EXAMPLE)
	$(BIN)/poa render $(EXAMPLE) --format txt

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
