# Two commands from a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install lock clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@echo "==> creating $(VENV) and installing the locked dependencies (requirements.lock, hashes checked)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

demo: $(STAMP)
	@echo "==> running the pipeline on the bundled seed feed (seeds/feed.xml) into ./data"
	$(BIN)/casualties run --output data
	@echo "==> mentions per event date and scope, read from the Delta table with DuckDB (never add cumulative tolls to incidents)"
	$(BIN)/python -c "import deltalake, duckdb; mentions = deltalake.DeltaTable('data/mentions').to_pyarrow_dataset(); duckdb.sql(\"SELECT event_date, scope, outcome, count(*) AS mentions, sum(count) AS people FROM mentions GROUP BY ALL ORDER BY ALL\").show()"
	@echo "==> the report: one HTML file that opens offline"
	$(BIN)/casualties report --output data --html data/report.html

test: $(STAMP)
	@echo "==> running the test suite"
	$(BIN)/python -m pytest

lock:
	@echo "==> re-locking dependencies from pyproject.toml (pip-tools in a throwaway venv)"
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip install --quiet pip-tools
	build/lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --extra test --extra dask --strip-extras \
		-o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) data build *.egg-info
