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

# The example is copied first, so trying poa never changes the repository's own file.
run: $(STAMP)
	@test -e my-appeal.yaml || cp $(EXAMPLE) my-appeal.yaml
	$(BIN)/poa edit my-appeal.yaml

test: $(STAMP)
	$(BIN)/python -m pytest -q

check-example: $(STAMP)
	$(BIN)/poa check $(EXAMPLE)
	$(BIN)/poa render $(EXAMPLE) --format txt

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
