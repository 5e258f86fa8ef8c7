# Two commands do all set-up on a fresh machine:
#   make demo   -- create .venv, install dyadwatch, run the demo on the shipped examples
#   make test   -- create .venv, install dyadwatch + test deps (+ chromium), run every test
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

CHROMIUM ?= /usr/bin/chromium

.PHONY: install demo test bench clean chromium

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/dyadwatch demo

# Debian's chromium for the browser tests (driven by playwright; no browser is downloaded).
# Installed when missing and we are root; otherwise those tests are skipped, with the reason.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "make: installing Debian's chromium for the browser tests"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 || \
	  { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium \
	    >/dev/null 2>&1; } || \
	  echo "make: could not install chromium: the browser tests will be skipped"; \
	else echo "make: chromium is not installed and this is not root: the browser tests will be" \
	  "skipped (apt-get install chromium)"; fi

test: $(STAMP) chromium
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) dyadwatch.duckdb
