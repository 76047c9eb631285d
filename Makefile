# Two commands a newcomer needs: `make site` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# A stamp per lock file's content (its checksum is in the name): editing a lock file reinstalls, and nothing else
# does; a copied or touched lock file with the same content does not.
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.dev-installed-$(shell cksum < requirements-dev.lock | cut -d' ' -f1)
# Reading saved web pages (trafilatura) is for `make import` and the tests only, never for `make site`.
IMPORT_STAMP := $(VENV)/.import-$(shell cksum < requirements-import.lock | cut -d' ' -f1)
# ProperDocs (a fork of MkDocs 1.6) builds the same site as a check that the adapter is not tied to MkDocs.
PROPERDOCS_STAMP := $(VENV)/.properdocs-$(shell cksum < requirements-properdocs.lock | cut -d' ' -f1)
CONCORDANCE := $(BIN)/concordance

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

.PHONY: setup dev-setup site serve test lint coverage check reviewed new-site clean browser offline audit

# The build's packages, then the engine itself from src/ (editable: an edit to it is live at once).
$(STAMP):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)  ## what a build needs, and nothing more

# Tests, the browser driver and the linters: only `make test` and `make lint` need them.
$(DEV_STAMP): | $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	rm -f $(VENV)/.dev-installed-* && touch $@

dev-setup: $(DEV_STAMP)

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

PORT ?= 8000
PREVIEW_ROOT ?= .
serve: setup  ## live preview on http://127.0.0.1:$(PORT) (make serve PORT=8001); shows build errors in the page
	$(CONCORDANCE) preview --port $(PORT) --root $(PREVIEW_ROOT)

offline: setup $(SHIM_STAMP)  ## a copy of the site that works from disk (file://), no network, in site-offline/
	$(BIN)/mkdocs build --strict -f mkdocs.offline.yml

test: dev-setup browser $(SHIM_STAMP) $(IMPORT_STAMP) $(PROPERDOCS_STAMP) lint  ## every test, browser and accessibility tests included, after the linters
	$(BIN)/python -m pytest

lint: dev-setup  ## ruff on everything, mypy (strict) on the engine and the adapter
	$(BIN)/ruff check src hooks tests bench tools
	$(BIN)/mypy

$(LIGHTHOUSE_STAMP):
	rm -rf $(LIGHTHOUSE_DIR) && mkdir -p $(LIGHTHOUSE_DIR)
	npm install --prefix $(LIGHTHOUSE_DIR) --no-save --no-audit --no-fund --loglevel=error $(LIGHTHOUSE)
	touch $@

audit: site $(CHROMIUM) $(LIGHTHOUSE_STAMP)  ## Lighthouse (mobile) on home and a topic page: bench-results/lighthouse.md
	CHROME_PATH=$(CHROMIUM) $(BIN)/python tools/audit.py --lighthouse $(LIGHTHOUSE_DIR)/node_modules/.bin/lighthouse \
	  --site site --out bench-results/lighthouse

clean:
	rm -rf site site-offline site-properdocs test-artifacts .pytest_cache

coverage: setup  ## how much of each source the claims quote, and what is left
	$(CONCORDANCE) coverage

new-site: setup  ## make new-site DIR=../fasting SUBJECT="intermittent fasting": a working site on a new subject
	@test -n "$(DIR)" -a -n "$(SUBJECT)" || { echo 'usage: make new-site DIR=../my-site SUBJECT="my subject"' >&2; exit 2; }
	@$(CONCORDANCE) new "$(DIR)" --subject "$(SUBJECT)"

reviewed: setup  ## make reviewed TOPIC=<id> (or ALL=1): record that a topic's summary and answer fit its claims
	@$(CONCORDANCE) reviewed $(if $(ALL),--all,$(TOPIC))

check: setup  ## the site's editorial policy (extra.concordance.policy in mkdocs.yml), with figures per source
	$(CONCORDANCE) check

# Build speed at 10, 100 and 1,000 generated sources (3 builds each, medians, and one profiled build of the
# largest): bench-results/ and the "Build speed" section of BENCHMARKS.md. About 20 minutes.
# BENCH_ARGS="--sizes 10,100 --runs 1" for less.
.PHONY: bench
bench: dev-setup  ## build-speed benchmark: hooks' time against plain MkDocs, memory, site size
	$(BIN)/python -m bench.run --profile $(BENCH_ARGS)

# A raw article saved from a web page (text, Markdown, or the page saved as HTML) becomes sources/<slug>.md;
# every line removed as page chrome is printed for a person to check, and every written word is checked
# against the raw text. It never replaces an existing source (run the module with --force for that).
# Reading HTML needs trafilatura: requirements-import.lock, installed here and for the tests, not by `make site`.

$(IMPORT_STAMP): | $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-import.lock
	rm -f $(VENV)/.import-* && touch $@

.PHONY: import
import: setup $(IMPORT_STAMP)  ## make import FILE=raw.txt|page.md|page.html [ID=slug] [URL=https://...], or URL= alone
	@test -n "$(FILE)$(URL)" || { echo "usage: make import FILE=raw.txt [ID=slug] [URL=https://...], or make import URL=https://..." >&2; exit 2; }
	@$(CONCORDANCE) import $(if $(FILE),"$(FILE)") --out sources \
	  $(if $(ID),--id "$(ID)") $(if $(URL),--url "$(URL)")

# Precision and recall of the figure reader on the labelled phrasings in tests/fixtures/figures/ (four subjects):
# the "Figure reader" section of BENCHMARKS.md. BENCH_ARGS=--misses lists every figure missed or read wrongly.
.PHONY: bench-figures
bench-figures: setup  ## figure reader: precision and recall, overall and by subject
	$(BIN)/python -m bench.figures $(BENCH_ARGS)

# Where a new source fits: its sentences no claim quotes yet, each with the claims it likely speaks to. The
# ranking blends in a static embedding model (an optional extra, requirements-suggest.lock, installed here and
# never by `make site`); the review page uses the lexical ranking alone.
SUGGEST_STAMP := $(VENV)/.suggest-$(shell cksum < requirements-suggest.lock | cut -d' ' -f1)

$(SUGGEST_STAMP): | $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-suggest.lock -c requirements.lock
	rm -f $(VENV)/.suggest-* && touch $@

.PHONY: suggest bench-suggest claims
suggest: $(SUGGEST_STAMP)  ## make suggest SOURCE=<id> [FORMAT=json]: likely claims for each sentence not yet cited
	@test -n "$(SOURCE)" || { echo "usage: make suggest SOURCE=<id> [FORMAT=json]" >&2; exit 2; }
	@$(CONCORDANCE) suggest "$(SOURCE)" $(if $(FORMAT),--format "$(FORMAT)")

claims: setup  ## every claim on one line: id, topic, verdict, speaking sources, statement (tab-separated)
	@$(CONCORDANCE) claims

# Leave-one-out recall of each ranking approach, plus the hand-labelled new-author fixture: bench-results/suggest.md.
# BENCH_ARGS="--cost 10000" times one 3,000-word source against about 10,000 generated claims instead.
bench-suggest: $(SUGGEST_STAMP)  ## how well `make suggest` ranks claims (BENCHMARKS.md, "Where a new source fits")
	$(BIN)/python -m bench.suggest $(or $(BENCH_ARGS),--hard)

# The same commit built by ProperDocs 1.6.7 instead of MkDocs into site-properdocs/: the same files, byte for
# byte, but for the generator's name in each page's <meta name="generator">. ProperDocs shares .venv: it needs
# no package that requirements.lock does not pin already, and MkDocs ignores it. `-f` names the config file,
# which ProperDocs otherwise looks for as properdocs.yml.
.PHONY: site-properdocs
$(PROPERDOCS_STAMP): | $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-properdocs.lock
	rm -f $(VENV)/.properdocs-* && touch $@

site-properdocs: setup $(PROPERDOCS_STAMP)  ## build the default site with ProperDocs into site-properdocs/
	$(BIN)/properdocs build --strict -f mkdocs.yml -d site-properdocs
