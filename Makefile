# The README's two commands are `make run` and `make test`; both install what they need.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
# uv from PATH, else the copy pip installed for this Python.
UV = $(shell command -v uv 2>/dev/null || echo python3 -m uv)
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
# PostgreSQL for the test cluster, Chromium for browser tests, a CJK font and WeasyPrint's
# libraries for PDFs, poppler-utils to read PDFs back in tests.
APT_PACKAGES := postgresql chromium fonts-noto-cjk poppler-utils libpango-1.0-0 \
	libpangoft2-1.0-0 libharfbuzz-subset0
# wrk puts HTTP load on the server from a second process in `make bench`.
BENCH_PACKAGES := wrk
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help uv install system-deps run test screenshots lint format bench i18n clean

help:
	@echo "make run    install, migrate, load the demo and serve on http://$(HOST):$(PORT)"
	@echo "make test   install everything (system packages too) and run the whole suite"
	@echo "make screenshots   the main screens at phone size into docs/screenshots/ (for the README)"
	@echo "make lint | make bench | make i18n | make format"

uv:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || \
		python3 -m pip install --quiet uv || python3 -m pip install --quiet --break-system-packages uv

install: uv
	$(UV) sync --locked

system-deps:
	@missing=""; for p in $(APT_PACKAGES) $(EXTRA_PACKAGES); do \
		dpkg -s "$$p" >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

run: install system-deps
	$(UV) run weiquan db upgrade
	$(UV) run weiquan demo load
	$(UV) run weiquan serve --host $(HOST) --port $(PORT)

# Test workers (pytest-xdist), each with its own PostgreSQL cluster, browser and temporary
# directories: the tests wait on PostgreSQL, Chromium and sockets, so three keep two cores busy.
TEST_WORKERS ?= 3

test: install system-deps
	$(UV) run pytest -n $(TEST_WORKERS)

# The main screens at phone size, taken by the browser tests themselves as they pass them
# (`shot(page, name)`, tests/browser/screens.py) into docs/screenshots/, which the README shows.
# One database is enough for pictures of pages: the SQLite half of each test.
SCREENSHOTS ?= docs/screenshots

screenshots: install system-deps
	WEIQUAN_SCREENSHOTS=$(SCREENSHOTS) $(UV) run pytest -n $(TEST_WORKERS) \
		-m browser -k sqlite tests/browser

lint: install
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run mypy

format: install
	$(UV) run ruff format .
	$(UV) run ruff check --fix .

bench: install
	$(MAKE) system-deps EXTRA_PACKAGES="$(BENCH_PACKAGES)"
	$(UV) run python bench/run.py

# Re-extract messages after changing user-facing strings, then translate the new entries.
i18n: install
	$(UV) run pybabel extract -F babel.cfg -k N_ -k _ -k gettext -k ngettext:1,2 \
		--no-location --sort-output --project weiquan -o src/weiquan/locales/messages.pot .
	$(UV) run pybabel update -i src/weiquan/locales/messages.pot -d src/weiquan/locales \
		-w 100 --ignore-obsolete --no-fuzzy-matching

clean:
	rm -rf .venv .pytest_cache .mypy_cache .ruff_cache var
