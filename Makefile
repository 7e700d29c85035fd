# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
# Each long step prints one line (==> …) saying what it does and about how long it takes.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TEST_PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:54329/postgres

.PHONY: demo test install lint bench

$(BIN)/storyline: pyproject.toml
	@echo "==> installing Storyline and its dependencies into $(VENV) (first time: about 1-2 minutes)"
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/storyline

demo: install
	@echo "==> storyline demo: reading, analysing and linking the sample articles (about 1 minute)"
	$(BIN)/storyline demo

# test-services.sh installs and starts chromium and PostgreSQL, runs the tests, then stops the server it started
test: install
	@echo "==> checking the code: ruff and the import layers (a few seconds)"
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/lint-imports
	STORYLINE_TEST_PG_URL=$${STORYLINE_TEST_PG_URL:-$(TEST_PG_URL)} bash scripts/test-services.sh $(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/lint-imports
