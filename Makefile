# The two commands of the README: `make site` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test screenshots bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/briefing ingest seeds/
	$(BIN)/briefing build
	@echo
	@echo "The site is in site/ (publish it as is, see README). To look at it here:"
	@echo "  $(BIN)/briefing serve            then open http://127.0.0.1:8000/"
	@echo "  or $(BIN)/briefing build --offline, then open site/index.html straight from disk"

test: $(STAMP)
	$(BIN)/ruff check site_builder tests bench
	$(BIN)/python -m pytest -q

# The README's screenshots (docs/screenshots/), taken by the browser tests from the seed site.
screenshots: $(STAMP)
	BRIEFING_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/test_browser.py -k every_page_type

bench: $(STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf site .briefing
