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
	@echo "==> incident deaths per event date and country, by SQL over the events table (one row per incident, however many articles report it)"
	$(BIN)/python -c "import pyarrow as pa; from deltalake import DeltaTable, QueryBuilder; \
	rows = pa.table(QueryBuilder().register('events', DeltaTable('data/events')).execute( \
	\"SELECT event_date, country_code, count(*) AS events, sum(killed) AS killed, sum(injured) AS injured, sum(articles) AS reports FROM events GROUP BY 1, 2 ORDER BY 1, 2\" \
	).read_all()).to_pylist(); print('event_date  country  events  killed  injured  reports'); \
	[print(f\"{r['event_date']}  {r['country_code'] or '--':<7}  {r['events']:>6}  {r['killed'] or 0:>6}  {r['injured'] or 0:>7}  {r['reports']:>7}\") for r in rows]"
	@echo "==> cumulative tolls apart, never added to incidents: each series' figure as of each date"
	$(BIN)/python -c "import pyarrow as pa; from deltalake import DeltaTable, QueryBuilder; \
	rows = pa.table(QueryBuilder().register('tolls', DeltaTable('data/tolls')).execute( \
	\"SELECT series, as_of_date, max(count) AS toll, count(*) AS reports FROM tolls GROUP BY 1, 2 ORDER BY 1, 2\" \
	).read_all()).to_pylist(); print(f\"{'series':<28}  as_of_date  toll    reports\"); \
	[print(f\"{r['series']:<28}  {r['as_of_date']}  {r['toll']:>6}  {r['reports']:>7}\") for r in rows]"
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
