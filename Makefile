# Two commands from a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test install lock clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@echo "==> creating $(VENV) and installing the locked dependencies (requirements.lock, hashes checked)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

$(TEST_STAMP): $(STAMP) requirements-test.lock
	@echo "==> installing the locked test tools (requirements-test.lock, hashes checked)"
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-test.lock
	@touch $(TEST_STAMP)

demo: $(STAMP)
	@echo "==> running the pipeline on the bundled seed feed (seeds/feed.xml) into ./data"
	$(BIN)/casualties run --output data
	@echo "==> mentions per event date and scope, by SQL over the Delta table: incidents summed, a cumulative toll is its largest figure, never added"
	$(BIN)/python -c "import pyarrow as pa; from deltalake import DeltaTable, QueryBuilder; \
	rows = pa.table(QueryBuilder().register('mentions', DeltaTable('data/mentions')).execute( \
	\"SELECT event_date, scope, outcome, count(*) AS mentions, CASE WHEN scope = 'incident' THEN sum(count) ELSE max(count) END AS people FROM mentions GROUP BY 1, 2, 3 ORDER BY 1, 2, 3\" \
	).read_all()).to_pylist(); print('event_date  scope       outcome   mentions  people'); \
	[print(f\"{r['event_date']}  {r['scope']:<10}  {r['outcome']:<8}  {r['mentions']:>8}  {r['people']:>6}\") for r in rows]"
	@echo "==> the report: one HTML file that opens offline"
	$(BIN)/casualties report --output data --html data/report.html

test: $(TEST_STAMP)
	@echo "==> running the test suite"
	$(BIN)/python -m pytest

# The runtime lock, then the test lock seeded with its pins (pip-compile keeps an output file's pins), so that
# the two agree on every package they share.
lock:
	@echo "==> re-locking dependencies from pyproject.toml (pip-tools in a throwaway venv)"
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip install --quiet pip-tools
	build/lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		-o requirements.lock pyproject.toml
	cp requirements.lock requirements-test.lock
	build/lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --extra test --extra dask --strip-extras \
		-o requirements-test.lock pyproject.toml

clean:
	rm -rf $(VENV) data build *.egg-info
