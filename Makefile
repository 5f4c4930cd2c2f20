# Two commands on a fresh machine (Python >= 3.11 is all it needs):
#   make build   – create .venv if missing, install, execute every notebook in order, render the site
#   make test    – create .venv if missing, install, run the unit tests and nbval over every notebook
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg
export TZ := UTC

.PHONY: build test notebooks site lab lock clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

build: $(STAMP)  ## execute all notebooks (outputs stored in place) and render the HTML site
	$(BIN)/python -m helpers.build --site

notebooks: $(STAMP)  ## execute all notebooks only
	$(BIN)/python -m helpers.build

site: $(STAMP)  ## render the site from the stored outputs only
	$(BIN)/python -c "from helpers.build import build_site; print(build_site())"

test: $(STAMP)  ## unit tests, then nbval (strict) over every notebook
	$(BIN)/python -m pytest tests
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks

lab: $(STAMP)  ## open the collection in JupyterLab
	$(BIN)/jupyter lab notebooks/00_introduction.ipynb

lock: $(STAMP)  ## re-pin requirements.lock to what is installed (after changing pyproject.toml)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

clean:
	rm -rf _build $(VENV)
