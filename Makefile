# Zhenggai — the two front-door commands are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench install clean migrations-check

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "需要 Python 3.11 或更高版本")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# `make run PORT=8001` serves on another port.
run: $(STAMP)
	$(BIN)/zhenggai run $(if $(PORT),--port $(PORT))

test: $(STAMP)
	$(BIN)/python -m pytest -n 2

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/documents.py
	$(BIN)/python bench/cli.py
	$(BIN)/python bench/feedback.py
	$(BIN)/python bench/documents_out.py
	$(BIN)/python bench/similarity.py --quick

# Fails when a model change has no migration (CI runs it on SQLite and on PostgreSQL).
migrations-check: $(STAMP)
	$(BIN)/zhenggai makemigrations --check --dry-run

clean:
	rm -rf $(VENV) build *.egg-info
