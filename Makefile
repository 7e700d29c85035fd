# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install lint bench

$(BIN)/storyline: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/storyline

demo: install
	$(BIN)/storyline demo

test: install
	bash scripts/test-services.sh
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/lint-imports
	STORYLINE_TEST_PG_URL=$${STORYLINE_TEST_PG_URL:-postgresql+psycopg://postgres@127.0.0.1:54329/postgres} $(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/lint-imports
