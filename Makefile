# Two commands on a fresh machine (Python 3.11–3.13 with venv, and make; `make test` also drives
# Chromium with chromedriver, or set SKIP_BROWSER_TESTS=1 — see the README):
#   make build   – create .venv if missing, install, execute every notebook in order, render the site
#   make test    – create .venv if missing, install, run every test (each notebook executed once)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
LINTED := src tests conftest.py
# How many notebooks execute at once (default: one per core); e.g. `make notebooks JOBS=1`.
JOBS   ?=
JOBSARG := $(if $(JOBS),--jobs $(JOBS),)
# How many times `make bench` times each notebook and its floor (medians printed); e.g. `make bench REPEAT=1`.
REPEAT ?= 3
# `make bench SPLIT=1` also times each notebook with its charts built but not drawn (what drawing costs).
SPLIT  ?=
SPLITARG := $(if $(SPLIT),--split,)
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg
export TZ := UTC

.PHONY: build test notebooks site slides lab lab-settings lint format bench lock clean check-venv

# A .venv that exists but cannot run (interpreter removed or moved, install interrupted) or that
# imports another checkout's helpers: say what to do instead of failing somewhere deep inside.
check-venv:
	@if [ -e $(VENV) ] && ! $(BIN)/python -c 'import sys' >/dev/null 2>&1; then \
	  echo "error: $(VENV) is broken (its Python does not start). Run \`make clean\`, then this command again."; exit 1; fi
	@if ls $(VENV)/.installed-* >/dev/null 2>&1; then \
	  $(BIN)/python -c 'import pathlib, sys; import helpers; sys.exit(pathlib.Path(helpers.__file__).resolve().parents[1] != pathlib.Path("src").resolve())' >/dev/null 2>&1 || { \
	  echo "error: $(VENV) is broken or imports helpers from another checkout. Run \`make clean\`, then this command again."; exit 1; }; fi

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' || { \
	  echo "error: Python 3.11–3.13 is needed; $(PYTHON) is $$($(PYTHON) --version 2>&1). Try: make PYTHON=python3.12 ..."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	@$(MAKE) --no-print-directory lab-settings
	@rm -f $(VENV)/.installed-*
	@touch $@

build: check-venv $(STAMP)  ## validate data/, execute all notebooks (outputs stored in place), render the HTML site
	$(BIN)/python -m helpers.build --site $(JOBSARG)

notebooks: check-venv $(STAMP)  ## validate data/ and execute all notebooks only
	$(BIN)/python -m helpers.build $(JOBSARG)

site: check-venv $(STAMP)  ## render the site from the stored outputs only
	$(BIN)/python -c "from helpers.build import build_site; print(build_site())"

# Every test, each notebook executed once (stored outputs compared with the fresh run), in a
# network namespace without outside interfaces where the platform allows (else the in-process
# guard alone blocks the network).
test: check-venv $(STAMP) lint  ## lint, then all tests: unit, property-based, data, notebooks (once each), site, isolation
	$(BIN)/python tests/netguard/netns.py $(BIN)/python -m pytest tests

lint: check-venv $(STAMP)  ## ruff (lint + format check) and mypy
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

format: check-venv $(STAMP)  ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix $(LINTED)
	$(BIN)/ruff format $(LINTED)

bench: check-venv $(STAMP)  ## each notebook's cold execution time beside the import floor (a benchmark, not a test)
	$(BIN)/python -m helpers.build --bench --repeat $(REPEAT) $(SPLITARG) $(JOBSARG)

slides: check-venv $(STAMP)  ## reveal.js slides from the notebooks, built offline (_build/slides/)
	$(BIN)/python -m helpers.slides

lab: check-venv $(STAMP) lab-settings  ## open the collection in JupyterLab
	$(BIN)/jupyter lab notebooks/00_introduction.ipynb

# JupyterLab asks whether to fetch news and checks for updates over the network: both off.
lab-settings:
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@cp etc/jupyterlab/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json

# Re-pin requirements.lock (after changing pyproject.toml; needs the network). Versions already
# pinned are kept; to upgrade a package, delete its entry from requirements.lock first.
lock:
	@test -x _build/lockenv/bin/pip-compile || { $(PYTHON) -m venv _build/lockenv && _build/lockenv/bin/python -m pip install --quiet pip-tools; }
	@printf 'pip\nsetuptools\nwheel\n' > _build/tools.in
	@sed -n 's/^\([A-Za-z0-9_.-]*==[^ ]*\).*/\1/p' requirements.lock > _build/pins.txt
	_build/lockenv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --all-extras --strip-extras \
	  --no-annotate --no-header --no-emit-index-url --no-emit-find-links -c _build/pins.txt -o _build/requirements.lock pyproject.toml _build/tools.in
	{ sed -n '1,/^[^#]/p' requirements.lock | sed '$$d'; cat _build/requirements.lock; } > _build/lock.new && mv _build/lock.new requirements.lock

clean:
	rm -rf _build $(VENV)
