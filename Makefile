# Two commands for a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Runs the Telegram bot when TELEGRAM_BOT_TOKEN is set, otherwise a console chat.
run: $(STAMP)
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then exec $(BIN)/chronobot serve; else exec $(BIN)/chronobot chat; fi

# The whole suite, slow tests included (SKIP_SLOW=1 skips them), on every core (pytest-xdist,
# at most 4 workers; PYTEST_WORKERS= runs it in one process, e.g. to debug with -s or --pdb).
PYTEST_WORKERS ?= -n auto --maxprocesses 4
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q $(PYTEST_WORKERS) $(if $(SKIP_SLOW),-m "not slow",)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench

# The interface's messages: extract them from the code, merge them into each language's
# catalog (bot/locale/<lang>/LC_MESSAGES/chronobot.po: translate what is new or fuzzy there),
# and compile the catalogs the bot loads (.mo, committed; tests/test_catalogs.py fails when
# one is stale or a message has no translation).
messages: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg --add-location=file --sort-by-file \
		--project=chronobot --no-wrap -o $(VENV)/chronobot.pot .
	$(BIN)/pybabel -q update -i $(VENV)/chronobot.pot -d bot/locale -D chronobot \
		--no-wrap --ignore-obsolete
	$(BIN)/pybabel compile --statistics -d bot/locale -D chronobot

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis bench/out
