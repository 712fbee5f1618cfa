"""The events and tolls tables of a real run: the seeds, with one of them syndicated at a second address,
served on 127.0.0.1, read back with deltalake, DuckDB and Polars."""
from __future__ import annotations

import json
import pathlib
import shutil

import deltalake
import duckdb
import polars as pl
import pyarrow as pa
import pytest
from casualty_events.pipelines import delta_tables
from casualty_events.pipelines.cli import main
from casualty_events.pipelines.run_command import summary
from casualty_events.schemas.tables import MENTIONS, TABLES
from casualty_events.transforms.duplicates import band_keys
from casualty_events.transforms.storage import Location

from tests.http_fixture import serve

SEEDS = pathlib.Path(__file__).resolve().parent.parent / "seeds"
ORIGINAL = "000_491a68b01961f8b1"
COPY_ITEM = """    <item>
      <title>Iranian troops: rising losses in Syria</title>
      <link>articles/wire-copy.html</link>
      <guid isPermaLink="false">wire-copy</guid>
      <pubDate>Tue, 08 Nov 2016 10:00:00 +0000</pubDate>
    </item>
  </channel>"""


def run_cli(*argv: str) -> int:
    return main(["run", *argv, "--allow-private-hosts", "--min-host-gap", "0", "-q"])


def table(output: pathlib.Path, name: str) -> pa.Table:
    return deltalake.DeltaTable(str(output / name)).to_pyarrow_table()


def manifests(output: pathlib.Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((output / "_runs").glob("*.json"))]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> pathlib.Path:
    """The seeds, and a wire copy of one of them: the same story under another title, with a byline."""
    folder = tmp_path_factory.mktemp("site")
    shutil.copytree(SEEDS, folder, dirs_exist_ok=True)
    page = (folder / "articles" / f"{ORIGINAL}.html").read_text(encoding="utf-8")
    page = page.replace("<p>A number of reports", "<p>By Wire Staff</p>\n        <p>A number of reports", 1)
    (folder / "articles" / "wire-copy.html").write_text(page, encoding="utf-8")
    feed = folder / "feed.xml"
    feed.write_text(feed.read_text(encoding="utf-8").replace("  </channel>", COPY_ITEM), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def runs(site, tmp_path_factory):
    """A first run, a rerun with nothing new, and a full refresh, each dataset's events kept."""
    output = tmp_path_factory.mktemp("out")
    seen = {}
    with serve(site) as server:
        feed = f"{server.base_url}/feed.xml"
        assert run_cli(feed, "--output", str(output)) == 0
        seen["first"] = table(output, "events")
        assert run_cli(feed, "--output", str(output)) == 0
        seen["rerun"] = table(output, "events")
        assert run_cli(feed, "--output", str(output), "--full-refresh") == 0
        seen["refresh"] = table(output, "events")
    return output, seen


def test_the_seeds_incident_is_one_event_and_no_toll_is_an_incident(runs):
    output, seen = runs
    events = seen["first"]
    found = duckdb.sql("SELECT killed, killed_low, killed_high, location, country_code, place_precision, "
                       "articles, evidence FROM events WHERE event_date = DATE '2016-11-05'").fetchall()
    assert len(found) == 1
    killed, low, high, location, country, precision, articles, evidence = found[0]
    assert (killed, low, high, location, country, precision) == (7, 7, 7, "Aleppo", "SY", "town")
    assert articles == 1  # the wire copy adds no report
    assert "seven Iran-backed Hezbollah fighters" in evidence
    assert duckdb.sql("SELECT max(killed) FROM events").fetchall()[0][0] < 1000
    assert events.num_rows == len(set(events["event_id"].to_pylist()))


def test_the_iranian_toll_is_one_series_apart_from_incidents(runs):
    output, _ = runs
    tolls = pl.read_delta(str(output / "tolls"))
    iranian = tolls.filter(pl.col("series") == "killed · SY · IR")
    assert iranian.height >= 3
    assert iranian["series_id"].n_unique() == 1
    assert 1000 in iranian["count"].to_list() and 400 in iranian["count"].to_list()
    # "the number of Iran's martyrs ... has exceeded 1,000" is the same toll, told of Syria, not a series of Iran's
    assert tolls.filter(pl.col("series").str.ends_with("· IR"))["series"].unique().to_list() == ["killed · SY · IR"]
    assert set(iranian["article_id"].to_list()) <= set(table(output, "articles")["article_id"].to_pylist())


def test_a_syndicated_copy_is_recorded_as_one_and_adds_no_fact(runs):
    output, _ = runs
    articles = table(output, "articles").to_pylist()
    original = next(a for a in articles if a["url"].endswith(f"{ORIGINAL}.html"))
    copy = next(a for a in articles if a["url"].endswith("wire-copy.html"))
    assert copy["duplicate_of"] == original["article_id"] and copy["mentions"] == 0
    assert original["duplicate_of"] is None
    assert copy["article_id"] not in set(table(output, "mentions")["article_id"].to_pylist())
    first = manifests(output)[0]
    assert first["counts"]["articles_duplicate"] == 1
    assert first["counts"]["events_resolved"] == table(output, "events").num_rows
    said = summary(first)
    assert "(1 copies of articles already in, adding nothing)" in said
    # the state keeps each text's band keys as the workers made them, the keys of the text the table holds
    state = json.loads((output / "_state" / "articles.json").read_text())
    kept = {entry["article_id"]: entry["copy_keys"] for entry in state.values()}
    assert kept == {a["article_id"]: band_keys(a["text"]) for a in articles}
    assert f"events    {first['counts']['events_resolved']} in the {first['counts']['event_windows']} windows" in said


def test_every_mention_has_its_fact(runs):
    output, _ = runs
    mentions = table(output, "mentions").to_pylist()
    assert all(m["fact_id"] and m["fact_id"].startswith(m["article_id"] + "/f") for m in mentions)
    by_fact = {}
    for m in mentions:
        by_fact.setdefault(m["fact_id"], set()).add((m["outcome"], m["count"], m["scope"], m["event_date"]))
    assert all(len(told) == 1 for told in by_fact.values())  # the statements of a fact agree
    assert len(by_fact) < len(mentions)  # and headlines repeat body statements


def test_a_rerun_with_nothing_new_changes_no_event_and_a_full_refresh_rebuilds_them(runs):
    output, seen = runs
    first, rerun, refresh = manifests(output)
    assert rerun["table_versions"]["events"] == first["table_versions"]["events"]
    assert rerun["counts"]["event_windows"] == 0

    def rows(events: pa.Table) -> list[dict]:
        return sorted(({k: v for k, v in r.items() if k != "run_id"} for r in events.to_pylist()), key=repr)

    assert rows(seen["rerun"]) == rows(seen["first"])
    assert rows(seen["refresh"]) == rows(seen["first"])
    assert refresh["counts"]["articles_duplicate"] == 1


def test_a_table_of_an_older_schema_gets_the_new_columns(tmp_path):
    output = Location.of(tmp_path)
    old = pa.schema([f for f in MENTIONS if f.name not in ("admin1", "fact_id", "part_of")]
                    + [pa.field("event_date", pa.date32())])
    deltalake.write_deltalake(str(tmp_path / "mentions"), old.empty_table(), partition_by=["event_date"])
    assert delta_tables.add_missing_columns(output, TABLES["mentions"]) == ["admin1", "fact_id", "part_of"]
    names = set(deltalake.DeltaTable(str(tmp_path / "mentions")).schema().to_arrow().names)
    assert {"admin1", "fact_id", "part_of"} <= names
    assert delta_tables.add_missing_columns(output, TABLES["mentions"]) == []
