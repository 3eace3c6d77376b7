# The two commands of the README: `make site` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/briefing ingest seeds/
	$(BIN)/briefing build
	@echo
	@echo "The site is in site/. Open site/index.html in a browser, or run: $(BIN)/briefing serve"

test: $(STAMP)
	$(BIN)/ruff check site_builder tests bench
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf site .briefing
