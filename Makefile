# Two commands a newcomer needs: `make site` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)

# Material 9.7+ prints an end-of-life banner for MkDocs 1.x on every build; the build must print no noise.
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup site serve test coverage clean

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

site: setup  ## build the default site into site/
	$(BIN)/mkdocs build --strict

serve: setup  ## live preview on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --livereload

test: setup  ## every test
	$(BIN)/python -m pytest

clean:
	rm -rf site .pytest_cache

coverage: setup  ## how much of each source the claims quote, and what is left
	PYTHONPATH=hooks $(BIN)/python -m concordance coverage

# A raw article saved from a web page becomes sources/<slug>.md; every line removed as page chrome is printed
# for a person to check. It never replaces an existing source (run the module with --force for that).
.PHONY: import
import: setup  ## make import FILE=raw.txt [ID=slug] [URL=https://...]: a raw article into sources/<slug>.md
	@test -n "$(FILE)" || { echo "usage: make import FILE=raw.txt [ID=slug] [URL=https://...]" >&2; exit 2; }
	@PYTHONPATH=hooks $(BIN)/python -m concordance.importer "$(FILE)" --out sources $(if $(ID),--id "$(ID)") \
	  $(if $(URL),--url "$(URL)")
