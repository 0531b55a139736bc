# The two commands: `make run` opens the kiosk on embedded defaults, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
TS     := $(wildcard resources/i18n/*.ts)
QM     := $(TS:.ts=.qm)
TRIALS ?= 20
JOBS   ?= 1
TEST_WORKERS ?= auto

.PHONY: run test reliability reliability-multi bench dist translations lupdate clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Digipunt needs Python 3.11 or newer")'
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { echo "Python's venv module is missing. On Debian/Ubuntu: sudo apt install python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[kiosk,server,dev,build]'
	touch $@

# Compiled translations (.qm) are build output; the .ts sources are in git. -nounfinished: lupdate
# pre-fills unfinished entries with guesses from identical strings elsewhere ("Terug" -> "Retour"),
# which lrelease would otherwise ship; untranslated (staff) strings must stay Dutch.
resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent -nounfinished $< -qm $@

translations: $(QM)

# Refresh the .ts sources from the tr() calls in the UI code (and the marked texts of kiosk/core/schedule.py and workshops.py).
lupdate: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete $(shell find kiosk -name '*.py') -ts $(TS)

run: $(STAMP) translations
	$(BIN)/digipunt-kiosk --windowed --demo

# pytest-xdist: one worker per core (TEST_WORKERS=0 runs serially, in file order, for debugging).
test: $(STAMP) translations
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

# Server database: DIGIPUNT_TEST_PG_URL if set, else a throwaway local PostgreSQL when installed;
# trials alternate between it and a SQLite file.
reliability: $(STAMP)
	@if [ -n "$$DIGIPUNT_TEST_PG_URL" ] || [ ! -d /usr/lib/postgresql ]; then \
		$(BIN)/python -m tests.reliability --trials $(TRIALS) --jobs $(JOBS); \
	else \
		.ci/with-postgres $(BIN)/python -m tests.reliability --trials $(TRIALS) --jobs $(JOBS); \
	fi

# nginx (the shipped config) in front of 3 server processes on one PostgreSQL: DIGIPUNT_TEST_PG_URL if
# set, else a throwaway local cluster.
reliability-multi: $(STAMP)
	@if [ -n "$$DIGIPUNT_TEST_PG_URL" ]; then \
		$(BIN)/python -m tests.reliability --multi-process --trials $(TRIALS) --jobs $(JOBS); \
	else \
		.ci/with-postgres $(BIN)/python -m tests.reliability --multi-process --trials $(TRIALS) --jobs $(JOBS); \
	fi

bench: $(STAMP) translations
	$(BIN)/python -m bench

dist: $(STAMP) translations
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build installer/digipunt-kiosk.spec

clean:
	rm -rf build dist resources/i18n/*.qm
