# `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint messages clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)
	$(BIN)/handover compilemessages --ignore=.venv --ignore=data -v 0

run: install
	$(BIN)/handover migrate --noinput -v 0
	$(BIN)/handover demo
	$(BIN)/handover serve

test: install
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check handover tests
	$(BIN)/lint-imports

messages: install
	cd handover && HANDOVER_DATA_DIR=../data ../$(BIN)/handover makemessages -l it -l pl -l ca -l nb --no-obsolete --ignore=static

clean:
	rm -rf $(VENV) data
