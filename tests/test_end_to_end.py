"""The seed feed served by a real HTTP server on 127.0.0.1, through the whole pipeline, read back by
readers nobody here wrote (deltalake to pyarrow, Polars' read_delta, DuckDB over the Delta table's Arrow dataset)."""
from __future__ import annotations

import json
import pathlib

import deltalake
import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest

from casualty_events.pipelines.cli import main
from casualty_events.schemas.tables import ARTICLES, MENTIONS, SCHEMA_VERSION
from tests.http_fixture import serve

SEEDS = pathlib.Path(__file__).resolve().parent.parent / "seeds"


def run_cli(*argv: str) -> int:
    return main(["run", *argv, "--allow-private-hosts", "--min-host-gap", "0", "-q"])


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """One run over the served seed feed; the server and its log stay up for the module."""
    output = tmp_path_factory.mktemp("out")
    with serve(SEEDS) as server:
        code = run_cli(f"{server.base_url}/feed.xml", "--output", str(output))
        yield output, server, code


def mentions_table(output: pathlib.Path):
    return deltalake.DeltaTable(str(output / "mentions")).to_pyarrow_table()


def test_run_succeeds_and_writes_every_table(seeded):
    output, _, code = seeded
    assert code == 0
    assert sorted(p.name for p in output.iterdir()) == ["_runs", "_state", "articles", "events", "mentions", "rejects",
                                                        "tolls"]
    for table in ("articles", "mentions", "rejects", "events", "tolls"):
        assert deltalake.DeltaTable.is_deltatable(str(output / table))
    assert deltalake.DeltaTable(str(output / "rejects")).to_pyarrow_table().num_rows == 0  # there, typed, empty


def test_mentions_read_back_with_pyarrow_dataset(seeded):
    output, server, _ = seeded
    table = mentions_table(output)
    rows = table.to_pylist()
    assert len(rows) >= 10
    assert len({row["event_date"] for row in rows}) >= 5
    seven = [r for r in rows if r["count"] == 7 and "seven Iran-backed Hezbollah fighters" in r["evidence"]]
    assert len(seven) == 1
    mention = seven[0]
    assert (mention["outcome"], mention["scope"], str(mention["event_date"])) == ("killed", "incident", "2016-11-05")
    assert mention["country_code"] == "SY"
    assert mention["url"] == f"{server.base_url}/articles/000_491a68b01961f8b1.html"
    assert mention["source"] == "Gulf Watch Daily"
    assert len({r["mention_id"] for r in rows}) == len(rows)


def test_files_carry_the_explicit_schema(seeded):
    output, _, _ = seeded
    for table, schema in (("mentions", MENTIONS), ("articles", ARTICLES)):
        for uri in deltalake.DeltaTable(str(output / table)).file_uris():
            path = pathlib.Path(uri)
            file_schema = pq.read_schema(path)
            assert file_schema.remove_metadata() == schema
            assert file_schema.metadata[b"schema_version"] == SCHEMA_VERSION.encode()
            assert path.parent.name.split("=")[0] in ("event_date", "published_date")
            assert path.name.startswith("part-") and path.suffix == ".parquet"


def test_duckdb_reads_the_delta_tables_through_their_arrow_datasets(seeded):
    output, _, _ = seeded
    mentions = deltalake.DeltaTable(str(output / "mentions")).to_pyarrow_dataset()  # noqa: F841 (DuckDB reads it)
    articles = deltalake.DeltaTable(str(output / "articles")).to_pyarrow_dataset()  # noqa: F841
    rows = duckdb.sql(
        """SELECT event_date, count(*) AS n, sum("count") AS people FROM mentions
           GROUP BY event_date ORDER BY event_date"""
    ).fetchall()
    assert len(rows) >= 5
    assert sum(n for _, n, _ in rows) >= 10
    assert str(duckdb.sql("SELECT typeof(event_date) FROM mentions LIMIT 1").fetchall()[0][0]) == "DATE"
    found = duckdb.sql("SELECT title, source, published_date FROM articles ORDER BY published_date").fetchall()
    assert len(found) == 5
    assert str(found[0][2]) == "2015-10-27"


def test_polars_reads_the_delta_tables(seeded):
    output, _, _ = seeded
    mentions = pl.read_delta(str(output / "mentions"))
    assert mentions.height == mentions_table(output).num_rows
    assert mentions.schema["event_date"] == pl.Date
    assert pl.read_delta(str(output / "articles")).height == 5


def test_manifest_accounts_for_every_feed_and_entry(seeded):
    output, _, _ = seeded
    (manifest_path,) = (output / "_runs").glob("*.json")
    manifest = json.loads(manifest_path.read_text())
    counts = manifest["counts"]
    assert counts["feeds_total"] == counts["feeds_ok"] == 1
    assert counts["entries"] == counts["articles_fetched"] == counts["articles_extracted"] == 5
    assert counts["articles_rejected"] == 0
    assert counts["mentions"] == mentions_table(output).num_rows
    assert manifest["accounting_problems"] == []
    assert manifest["versions"]["apache-beam"] == "2.77.0"


def test_every_article_was_requested_once_with_an_honest_user_agent(seeded):
    _, server, _ = seeded
    article_requests = [r for r in server.log if r.path.startswith("/articles/")]
    assert len(article_requests) == 5
    assert len({r.path for r in article_requests}) == 5
    assert all("casualty-events/" in r.headers["user-agent"] for r in server.log)


def test_a_second_run_adds_no_rows(seeded):
    output, server, _ = seeded
    before = sorted(p.relative_to(output) for p in output.rglob("*.parquet"))
    versions = {t: deltalake.DeltaTable(str(output / t)).version() for t in ("mentions", "articles", "rejects")}
    assert run_cli(f"{server.base_url}/feed.xml", "--output", str(output)) == 0
    assert sorted(p.relative_to(output) for p in output.rglob("*.parquet")) == before
    assert {t: deltalake.DeltaTable(str(output / t)).version() for t in versions} == versions  # no empty versions
    manifests = sorted((output / "_runs").glob("*.json"))
    second = json.loads(manifests[-1].read_text())["counts"]
    assert second["mentions"] == second["articles_extracted"] == second["articles_fetched"] == 0
    assert second["entries"] == second["articles_skipped_seen"] == 5  # the fixture sends no validators: no 304


def test_a_runs_worker_processes_end_once_its_pages_are_read(tmp_path):
    """Each holds the model and the gazetteer (some 400 MB): the run's copies, tolls and events, which need memory of
    their own, come after they have ended, so that a run's peak of memory does not grow with its size."""
    import psutil

    def readers() -> list[psutil.Process]:
        return [child for child in psutil.Process().children(recursive=True)
                if "spawn_main" in " ".join(child.cmdline())]

    with serve(SEEDS) as server:
        assert run_cli(f"{server.base_url}/feed.xml", "--output", str(tmp_path / "out"), "--workers", "2") == 0
    assert not readers()
    assert deltalake.DeltaTable(str(tmp_path / "out" / "events")).to_pyarrow_table().num_rows > 0
