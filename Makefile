# The two commands of the README: `make site` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test screenshots bench clean map-data
AXE    := node_modules/axe-core/axe.min.js

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

# axe-core, the accessibility checker the browser tests run on every page kind (npm, pinned in
# package-lock.json; never a CDN)
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

test: $(STAMP) $(AXE)
	$(BIN)/ruff check site_builder tests bench
	$(BIN)/python -m pytest -q

# The README's screenshots (docs/screenshots/), from the benchmark's 1,000-article corpus (made
# from ../shared/eval/dev by bench/corpus.py; built once, then reused).
screenshots: $(STAMP)
	test -d bench/out/n1000/project/site || $(BIN)/python -m bench.run --sizes 1000
	$(BIN)/python -m bench.screenshots bench/out/n1000/project/site docs/screenshots

bench: $(STAMP)
	$(BIN)/python -m bench.run

# the country outlines of the maps, built once from Natural Earth (npm world-atlas) and committed
map-data: $(STAMP)
	npm install --no-audit --no-fund --no-save --prefix .briefing/npm world-atlas@2.0.2
	$(BIN)/python scripts/build_map_data.py .briefing/npm/node_modules/world-atlas/countries-10m.json

clean:
	rm -rf site .briefing
