"""An output folder of version 0.1's plain-Parquet layout becomes Delta tables in place, on the first run of this
version: the old rows by time travel, the current rows (latest run per article) as the current version."""
from __future__ import annotations

import json
import pathlib

import deltalake
import polars as pl
import pytest

from casualty_events.pipelines import convert, dataset, delta_tables
from casualty_events.schemas.tables import TABLES
from casualty_events.pipelines.cli import main
from tests.test_dataset import table_row
from casualty_events.transforms.storage import Location
from casualty_events.transforms.write import write_part


def old_run(output: pathlib.Path, run_id: str, mentions: dict[str, int]) -> None:
    """What a version 0.1 run left: Parquet files straight under the table folders, its state and manifest."""
    for shard, (article_id, count) in enumerate(mentions.items()):
        row = table_row("articles", article_id=article_id, entry_url=f"https://news.example/{article_id}",
                        run_id=run_id, mentions=count)
        write_part(str(output), "articles", "2026-11-16", shard, [row], run_id)
        write_part(str(output), "mentions", "2026-11-15", shard,
                   [table_row("mentions", mention_id=f"{article_id}-{n}", article_id=article_id, run_id=run_id)
                    for n in range(count)], run_id)
    write_part(str(output), "rejects", "2026-11-16", 0, [table_row("rejects", run_id=run_id)], run_id)
    state = output / "_state" / "articles.json"
    known = json.loads(state.read_text()) if state.exists() else {}
    known.update({f"https://news.example/{a}": {"article_id": a, "content_hash": "x", "entry_updated": None,
                                                "run_id": run_id} for a in mentions})
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(json.dumps(known))
    (output / "_runs").mkdir(exist_ok=True)
    (output / "_runs" / f"{run_id}.json").write_text(json.dumps({"run_id": run_id}))


def current(output: pathlib.Path, table: str, version: int | None = None) -> list[tuple]:
    data = deltalake.DeltaTable(str(output / table), version=version).to_pyarrow_table(columns=["article_id", "run_id"])
    return sorted(zip(data["article_id"].to_pylist(), data["run_id"].to_pylist()))


def test_an_old_folder_is_converted_keeping_the_old_rows_and_showing_the_current_ones(tmp_path):
    old_run(tmp_path, "20261101T000000.000000Z-aaaaaa", {"a1": 1, "a2": 2})
    old_run(tmp_path, "20261102T000000.000000Z-bbbbbb", {"a2": 1})  # a2 processed again
    notes = convert.convert(Location.of(tmp_path))
    assert len(notes) == 3 and "2 superseded rows" in notes[0]
    first, second = "20261101T000000.000000Z-aaaaaa", "20261102T000000.000000Z-bbbbbb"
    assert current(tmp_path, "mentions") == [("a1", first), ("a2", second)]
    assert current(tmp_path, "articles") == [("a1", first), ("a2", second)]
    assert current(tmp_path, "mentions", version=1) == [("a1", first), ("a2", first), ("a2", first), ("a2", second)]
    assert pl.read_delta(str(tmp_path / "rejects")).height == 2  # a log: every row stays
    assert convert.convert(Location.of(tmp_path)) == []  # once only


def test_a_conversion_stopped_at_any_step_is_finished_by_the_next_one(tmp_path, monkeypatch):
    first, second = "20261101T000000.000000Z-aaaaaa", "20261102T000000.000000Z-bbbbbb"
    old_run(tmp_path, first, {"a1": 1, "a2": 2})
    old_run(tmp_path, second, {"a2": 1})
    output = Location.of(tmp_path)
    delta_tables.open_table(output, TABLES["mentions"])  # stopped right after creating the table, empty
    real = convert._take_out_superseded

    def stopped(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(convert, "_take_out_superseded", stopped)  # stopped after adding the old files
    with pytest.raises(KeyboardInterrupt):
        convert.convert(output)
    monkeypatch.setattr(convert, "_take_out_superseded", real)
    assert convert.convert(output) != []
    assert current(tmp_path, "mentions") == current(tmp_path, "articles") == [("a1", first), ("a2", second)]
    assert pl.read_delta(str(tmp_path / "rejects")).height == 2
    assert convert.convert(output) == []


def test_the_first_run_of_this_version_converts_the_folder(tmp_path):
    old_run(tmp_path, "20261101T000000.000000Z-aaaaaa", {"a1": 1})
    assert not deltalake.DeltaTable.is_deltatable(str(tmp_path / "mentions"))
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>')
    assert main(["run", str(feed), "--output", str(tmp_path), "-q"]) == 0
    assert current(tmp_path, "mentions") == [("a1", "20261101T000000.000000Z-aaaaaa")]
    dataset.check_tables(Location.of(tmp_path))
