# Two commands a newcomer needs: `make site` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)

# Material 9.7+ prints an end-of-life banner for MkDocs 1.x on every build; the build must print no noise.
export NO_MKDOCS_2_WARNING := 1

# Two builds of one commit are byte-identical: the one date in the output (the sitemap's lastmod) is the
# last commit's, not the clock's. Set SOURCE_DATE_EPOCH to choose another.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

# Browser tests drive Debian's Chromium (never a browser download of its own) and run axe-core inside it.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
AXE_CORE := axe-core@4.14.1
AXE_STAMP := node_modules/.installed-$(AXE_CORE)
LIGHTHOUSE := lighthouse@12.8.2
LIGHTHOUSE_DIR := .cache/lighthouse
LIGHTHOUSE_STAMP := $(LIGHTHOUSE_DIR)/.installed-$(LIGHTHOUSE)
# Material's offline plugin adds a script from a CDN (iframe-worker, for search from file://); the privacy
# plugin self-hosts it from its cache. The cache is filled from the npm registry, pinned, never from the CDN.
IFRAME_WORKER := iframe-worker@1.0.4
SHIM_DIR := .cache/plugin/privacy/assets/external/unpkg.com/iframe-worker
SHIM_STAMP := $(SHIM_DIR)/.installed-$(IFRAME_WORKER)

.PHONY: setup site serve test coverage clean browser offline audit

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

$(CHROMIUM):
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

$(AXE_STAMP):
	npm install --prefix . --no-save --no-audit --no-fund --loglevel=error $(AXE_CORE)
	rm -f node_modules/.installed-* && touch $@

browser: $(CHROMIUM) $(AXE_STAMP)  ## Debian's Chromium and axe-core, for the browser tests

$(SHIM_STAMP):
	rm -rf $(SHIM_DIR) && mkdir -p $(SHIM_DIR)
	cd $(SHIM_DIR) && npm pack --silent --loglevel=error $(IFRAME_WORKER) > /dev/null
	tar -xzOf $(SHIM_DIR)/iframe-worker-*.tgz package/shim/index.js > $(SHIM_DIR)/shim.js
	rm $(SHIM_DIR)/iframe-worker-*.tgz
	ln -s shim.js $(SHIM_DIR)/shim
	touch $@

site: setup  ## build the default site into site/
	$(BIN)/mkdocs build --strict

serve: setup  ## live preview on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --livereload

offline: setup $(SHIM_STAMP)  ## a copy of the site that works from disk (file://), no network, in site-offline/
	$(BIN)/mkdocs build --strict -f mkdocs.offline.yml

test: setup browser $(SHIM_STAMP)  ## every test, browser and accessibility tests included
	$(BIN)/python -m pytest

$(LIGHTHOUSE_STAMP):
	rm -rf $(LIGHTHOUSE_DIR) && mkdir -p $(LIGHTHOUSE_DIR)
	npm install --prefix $(LIGHTHOUSE_DIR) --no-save --no-audit --no-fund --loglevel=error $(LIGHTHOUSE)
	touch $@

audit: site $(CHROMIUM) $(LIGHTHOUSE_STAMP)  ## Lighthouse (mobile) on home and a topic page: bench-results/lighthouse.md
	CHROME_PATH=$(CHROMIUM) $(BIN)/python tools/audit.py --lighthouse $(LIGHTHOUSE_DIR)/node_modules/.bin/lighthouse \
	  --site site --out bench-results/lighthouse

clean:
	rm -rf site site-offline test-artifacts .pytest_cache

coverage: setup  ## how much of each source the claims quote, and what is left
	PYTHONPATH=hooks $(BIN)/python -m concordance coverage

# Build speed at 10, 100 and 1,000 generated sources (3 builds each, medians, and one profiled build of the
# largest): bench-results/ and the "Build speed" section of BENCHMARKS.md. About 20 minutes.
# BENCH_ARGS="--sizes 10,100 --runs 1" for less.
.PHONY: bench
bench: setup  ## build-speed benchmark: hooks' time against plain MkDocs, memory, site size
	$(BIN)/python bench/run.py --profile $(BENCH_ARGS)

# A raw article saved from a web page becomes sources/<slug>.md; every line removed as page chrome is printed
# for a person to check. It never replaces an existing source (run the module with --force for that).
.PHONY: import
import: setup  ## make import FILE=raw.txt [ID=slug] [URL=https://...]: a raw article into sources/<slug>.md
	@test -n "$(FILE)" || { echo "usage: make import FILE=raw.txt [ID=slug] [URL=https://...]" >&2; exit 2; }
	@PYTHONPATH=hooks $(BIN)/python -m concordance.importer "$(FILE)" --out sources $(if $(ID),--id "$(ID)") \
	  $(if $(URL),--url "$(URL)")

# Where a new source fits: its sentences no claim quotes yet, each with the claims it likely speaks to. The
# ranking blends in a static embedding model (an optional extra, requirements-suggest.lock, installed here and
# never by `make site`); the review page uses the lexical ranking alone.
SUGGEST_STAMP := $(VENV)/.suggest-$(shell cksum < requirements-suggest.lock | cut -d' ' -f1)

$(SUGGEST_STAMP): $(STAMP) requirements-suggest.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-suggest.lock -c requirements.lock
	rm -f $(VENV)/.suggest-* && touch $@

.PHONY: suggest bench-suggest claims
suggest: $(SUGGEST_STAMP)  ## make suggest SOURCE=<id> [FORMAT=json]: likely claims for each sentence not yet cited
	@test -n "$(SOURCE)" || { echo "usage: make suggest SOURCE=<id> [FORMAT=json]" >&2; exit 2; }
	@PYTHONPATH=hooks $(BIN)/python -m concordance suggest "$(SOURCE)" $(if $(FORMAT),--format "$(FORMAT)")

claims: setup  ## every claim on one line: id, topic, verdict, speaking sources, statement (tab-separated)
	@PYTHONPATH=hooks $(BIN)/python -m concordance claims

# Leave-one-out recall of each ranking approach, plus the hand-labelled new-author fixture: bench-results/suggest.md.
# BENCH_ARGS="--cost 10000" times one 3,000-word source against about 10,000 generated claims instead.
bench-suggest: $(SUGGEST_STAMP)  ## how well `make suggest` ranks claims (BENCHMARKS.md, "Where a new source fits")
	$(BIN)/python bench/suggest.py $(or $(BENCH_ARGS),--hard)
