# The README's two commands: `make demo` and `make test`. Both set up .venv first (tools/install.sh).
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-all install bench export clean-nbs readme clean

$(STAMP): setup.py settings.ini tools/install.sh
	sh tools/install.sh
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)  ## install, then run the main job on embedded data and write its report and figures to outputs/quickstart
	$(BIN)/music-lib quickstart --out outputs/quickstart

test: $(STAMP)  ## install, then run the default test suite (notebooks + sync checks)
	$(BIN)/python tools/run_tests.py

test-all: $(STAMP)  ## the default suite plus the slow-flagged cells
	$(BIN)/python tools/run_tests.py --flags slow

bench: $(STAMP)  ## the benchmarks (ratios against the reference implementations)
	for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

export: $(STAMP)  ## notebooks -> library, clean notebooks, README from nbs/index.ipynb
	$(BIN)/nbdev_export && $(BIN)/nbdev_clean && $(BIN)/python tools/make_readme.py

clean:
	rm -rf $(VENV) outputs _docs _proc *.egg-info
