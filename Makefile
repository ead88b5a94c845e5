# The two commands a newcomer needs: `make run` and `make test`.
# Everything is installed into a local virtual environment, .venv/.
# `make bench` measures speed (bench/run.py); proselint, its yardstick, goes into
# .venv-bench/ only. `make bench-quick` (or BENCH_QUICK=1) runs each measure once.
# `make agree` measures how poa's judgement agrees with reviewers on labelled letters
# (bench/agree.py, docs/agreement.md); `make bench` runs it too.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := examples/valid-tracking-rate.yaml
BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed
PROSELINT_VERSION := 0.16.0
BENCH_ARGS ?=
AGREE_ARGS ?=

.PHONY: run test install check-example clean bench bench-quick agree

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
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q

$(BENCH_STAMP):
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet proselint==$(PROSELINT_VERSION)
	touch $(BENCH_STAMP)

bench: $(STAMP) $(BENCH_STAMP)
	$(BIN)/python bench/run.py --proselint $(BENCH_VENV)/bin/proselint $(BENCH_ARGS)

bench-quick: $(STAMP)
	$(BIN)/python bench/run.py --quick $(BENCH_ARGS)

# proselint's rows appear when .venv-bench/ exists (make bench makes it).
agree: $(STAMP)
	$(BIN)/python bench/agree.py $(AGREE_ARGS)

check-example: $(STAMP)
	$(BIN)/poa check $(EXAMPLE)
	$(BIN)/poa render $(EXAMPLE) --format txt

clean:
	rm -rf $(VENV) $(BENCH_VENV) build dist *.egg-info .pytest_cache
