"""The output folder protocol (`pipelines.dataset`, `pipelines.delta_tables`): Delta commits that are whole or
absent for readers, rolled forward after a kill at any step, current rows by replacement, damage found before a
run, and repair. Real Parquet files and Delta logs, read back with deltalake and Polars."""
from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import pathlib
import signal

import deltalake
import polars as pl
import pyarrow as pa
import pytest

from casualty_events.pipelines import dataset, delta_tables, maintain
from casualty_events.schemas.tables import TABLES
from casualty_events.transforms.duplicates import band_keys
from casualty_events.transforms.storage import Location
from casualty_events.transforms.write import write_part

INSTANT = dt.datetime(2026, 11, 16, 8, tzinfo=dt.timezone.utc)
DEFAULTS = {pa.string(): "x", pa.int64(): 1, pa.int32(): 1, pa.float64(): None}


def table_row(table: str, **values) -> dict:
    """A row of `table` with every non-nullable column filled."""
    row = {}
    for field in TABLES[table].schema:
        row[field.name] = INSTANT if pa.types.is_timestamp(field.type) else DEFAULTS.get(field.type)
    return {**row, **values}


def stage_run(output: Location, run_id: str, article_ids: list[str], *, mark_committable: bool = True,
              mentions_per_article: int = 1) -> None:
    """A run's staging folder as the pipeline leaves it: real Parquet, next state, manifest, and the marker."""
    staging = str(dataset.staging_dir(output, run_id))
    articles = [table_row("articles", article_id=a, entry_url=f"https://news.example/{a}", run_id=run_id,
                          mentions=mentions_per_article) for a in article_ids]
    mentions = [table_row("mentions", mention_id=f"m-{a}-{n}", article_id=a, run_id=run_id)
                for a in article_ids for n in range(mentions_per_article)]
    write_part(staging, "articles", "2026-11-16", 0, articles, run_id)
    write_part(staging, "mentions", "2026-11-15", 0, mentions, run_id)
    write_part(staging, "rejects", "2026-11-16", 0, [table_row("rejects", run_id=run_id)], run_id)
    write_part(staging, "_feeds", None, 0, [table_row("_feeds", status="ok", run_id=run_id)], run_id)
    feeds_before, known_before = dataset.load_state(output)
    feeds, known = dataset.next_state(feeds_before, known_before, Location.of(staging))
    if mark_committable:
        dataset.stage_commit(Location.of(staging), feeds, known, {"run_id": run_id}, known_before)


def commit(output: Location, run_id: str, article_ids: list[str], **kwargs) -> dict:
    stage_run(output, run_id, article_ids, **kwargs)
    return dataset.finish_commit(output, dataset.staging_dir(output, run_id))


def table_rows(output: Location, table: str) -> list[tuple]:
    """(article_id, run_id) of a table's current rows, by deltalake."""
    if not delta_tables.exists(output, TABLES[table]):
        return []
    data = deltalake.DeltaTable(str(output / table)).to_pyarrow_table(columns=["article_id", "run_id"])
    return sorted(zip(data["article_id"].to_pylist(), data["run_id"].to_pylist()))


def visible(output: Location) -> dict:
    """What readers see (current rows of each table) and what the next run starts from (state, manifests)."""
    root = pathlib.Path(output.uri)
    seen = {table: table_rows(output, table) for table in ("articles", "mentions")}
    seen["state"] = {p.name: json.loads(p.read_text()) for p in sorted((root / "_state").glob("*.json"))}
    seen["runs"] = sorted(p.stem for p in (root / "_runs").glob("*.json"))
    return seen


@pytest.fixture
def committed(tmp_path) -> Location:
    """An output folder with one committed run (A, articles a1 and a2)."""
    output = Location.of(tmp_path / "out")
    commit(output, "A", ["a1", "a2"])
    return output


def test_a_committed_run_is_one_version_of_each_table_recorded_in_its_manifest(committed):
    seen = visible(committed)
    assert seen["articles"] == seen["mentions"] == [("a1", "A"), ("a2", "A")]
    assert set(seen["state"]["articles.json"]) == {"https://news.example/a1", "https://news.example/a2"}
    assert seen["runs"] == ["A"]
    manifest = json.loads(pathlib.Path(committed.uri, "_runs", "A.json").read_text())
    assert manifest["table_versions"] == {"mentions": 1, "articles": 1, "rejects": 1, "events": 0, "tolls": 0}
    assert not pathlib.Path(committed.uri, "_staging").exists()
    assert pl.read_delta(str(committed / "mentions")).height == 2


def test_every_table_exists_typed_even_when_a_run_wrote_nothing_to_it(tmp_path):
    output = Location.of(tmp_path / "out")
    staging = dataset.staging_dir(output, "A")
    write_part(str(staging), "_feeds", None, 0, [table_row("_feeds", status="ok", run_id="A")], "A")
    dataset.stage_commit(staging, {}, {}, {"run_id": "A"}, {})
    dataset.finish_commit(output, staging)
    for name in ("mentions", "articles", "rejects"):
        frame = pl.read_delta(str(output / name))
        assert frame.height == 0
        assert TABLES[name].partition_column in frame.columns


def test_an_article_processed_again_replaces_its_rows_and_the_old_ones_stay_reachable_by_time_travel(committed):
    commit(committed, "B", ["a2", "a3"], mentions_per_article=2)
    assert table_rows(committed, "articles") == [("a1", "A"), ("a2", "B"), ("a3", "B")]
    assert table_rows(committed, "mentions") == [("a1", "A"), ("a2", "B"), ("a2", "B"), ("a3", "B"), ("a3", "B")]
    mentions = deltalake.DeltaTable(str(committed / "mentions"))
    assert mentions.version() == 2  # the replacement and the new rows are one transaction
    old = deltalake.DeltaTable(str(committed / "mentions"), version=1).to_pyarrow_table(columns=["article_id"])
    assert sorted(old["article_id"].to_pylist()) == ["a1", "a2"]
    rejects = deltalake.DeltaTable(str(committed / "rejects")).to_pyarrow_table()
    assert rejects.num_rows == 2  # a log: rows are only added


def test_replacing_an_article_reads_only_the_files_its_writer_run_can_be_in(tmp_path, monkeypatch):
    output = Location.of(tmp_path / "out")
    for run_id, article in (("R1", "a1"), ("R2", "a2"), ("R3", "a3")):
        commit(output, run_id, [article])
    read = []
    real_read_table = delta_tables.pq.read_table
    monkeypatch.setattr(delta_tables.pq, "read_table",
                        lambda path, **kwargs: read.append(pathlib.Path(path).name) or real_read_table(path, **kwargs))
    commit(output, "R4", ["a2"])
    assert sorted(set(read)) == ["part-R2-00000.parquet"]  # one per table, both R2's, by the log's run_id statistics
    assert table_rows(output, "mentions") == [("a1", "R1"), ("a2", "R4"), ("a3", "R3")]


def test_a_run_killed_before_the_marker_is_invisible_and_removed(committed):
    before = visible(committed)
    stage_run(committed, "B", ["a3"], mark_committable=False)
    assert visible(committed) == before
    assert dataset.recover(committed) == ["removed the unfinished run B"]
    assert visible(committed) == before
    assert not dataset.staging_dir(committed, "B").exists()


def test_finish_commit_is_idempotent(committed):
    stage_run(committed, "B", ["a3"])
    staging = dataset.staging_dir(committed, "B")
    manifest = dataset.finish_commit(committed, staging)
    after = visible(committed)
    versions = deltalake.DeltaTable(str(committed / "mentions")).version()
    stage_run(committed, "B", ["a3"])  # the same run staged and committed again
    assert dataset.finish_commit(committed, staging) == manifest
    assert visible(committed) == after
    assert deltalake.DeltaTable(str(committed / "mentions")).version() == versions


def _commit_dying_at(output_uri: str, run_id: str, step: int) -> None:
    """Commit a staged run in this (spawned) process, which SIGKILLs itself at its `step`-th write."""
    calls = {"n": 0}

    def dying(real):
        def wrapper(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == step:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return wrapper

    Location.move_to = dying(Location.move_to)
    Location.remove = dying(Location.remove)
    Location.write_bytes = dying(Location.write_bytes)
    deltalake.DeltaTable.create_write_transaction = dying(deltalake.DeltaTable.create_write_transaction)
    dataset.finish_commit(Location(output_uri), dataset.staging_dir(Location(output_uri), run_id))


def test_a_commit_killed_at_every_step_shows_readers_a_whole_version_and_is_rolled_forward(tmp_path):
    """SIGKILL at the 1st, 2nd, ... write of the commit, until a commit runs through: after each kill every table
    reads exactly as before the run or exactly as after it, the state is the old one until the tables are all
    committed, and the next run's recovery gives what an uninterrupted commit gives."""
    reference = Location.of(tmp_path / "reference")
    commit(reference, "A", ["a1", "a2"])
    commit(reference, "B", ["a2", "a3"], mentions_per_article=2)
    expected_after = visible(reference)
    spawn = multiprocessing.get_context("spawn")  # delta-rs runs tokio, which does not survive a fork
    steps_killed = 0
    for step in range(1, 100):
        output = Location.of(tmp_path / f"kill-{step}")
        commit(output, "A", ["a1", "a2"])
        before = visible(output)
        stage_run(output, "B", ["a2", "a3"], mentions_per_article=2)
        process = spawn.Process(target=_commit_dying_at, args=(output.uri, "B", step))
        process.start()
        process.join(60)
        if process.exitcode == 0:
            break
        assert process.exitcode == -signal.SIGKILL
        steps_killed += 1
        seen = visible(output)
        for table in ("articles", "mentions"):
            assert seen[table] in (before[table], expected_after[table]), (step, table)
        if seen["state"] != before["state"]:
            assert seen["articles"] == expected_after["articles"] and seen["mentions"] == expected_after["mentions"]
        assert dataset.recover(output) in (["rolled forward the commit of run B"],
                                           ["removed what the committed run B left in _staging/"],
                                           [])  # killed removing the empty _staging/ itself
        assert visible(output) == expected_after, step
        assert not pathlib.Path(output.uri, "_staging").exists()
    assert steps_killed >= 12  # moves, three transactions, state, manifest, marker, staging


# --- damage ---------------------------------------------------------------------------------------------------


def mention_file(output: Location) -> pathlib.Path:
    [path] = [pathlib.Path(uri) for uri in deltalake.DeltaTable(str(output / "mentions")).file_uris()]
    return path


@pytest.mark.parametrize("damage", ["deleted", "truncated", "junk"])
def test_a_damaged_data_file_stops_the_run_naming_the_file_and_the_repair(committed, damage):
    path = mention_file(committed)
    if damage == "deleted":
        path.unlink()
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:100])
    else:
        path.write_bytes(b"<html>not parquet</html>" * 40)
    with pytest.raises(dataset.DamageError) as raised:
        dataset.check_tables(committed)
    message = str(raised.value)
    assert str(path) in message and "casualties maintain" in message and "--repair" in message


def test_repair_takes_a_damaged_file_out_and_lets_the_articles_be_fetched_again(committed):
    mention_file(committed).unlink()
    notes = maintain.repair(committed)
    assert any("missing" in note for note in notes)
    dataset.check_tables(committed)  # no damage left
    assert table_rows(committed, "mentions") == []
    assert table_rows(committed, "articles") == []  # both lost their mentions: taken out whole, to come again
    feeds, articles = dataset.load_state(committed)
    assert articles == {} and feeds == {}
    dataset.check_state_against_tables(committed, articles)
    commit(committed, "B", ["a1", "a2"])
    assert table_rows(committed, "mentions") == table_rows(committed, "articles") == [("a1", "B"), ("a2", "B")]


def test_a_state_that_lost_its_articles_stops_the_run_and_repair_rebuilds_it(committed):
    state = pathlib.Path(dataset.articles_state_path(committed).uri)
    state.write_text("{}")
    with pytest.raises(dataset.DamageError, match=r"articles\.json knows 0 articles, the articles table holds 2"):
        dataset.check_state_against_tables(committed, dataset.load_state(committed)[1])
    maintain.repair(committed)
    _, articles = dataset.load_state(committed)
    assert set(articles) == {"https://news.example/a1", "https://news.example/a2"}
    dataset.check_state_against_tables(committed, articles)


def test_a_garbled_state_file_is_named_with_the_repair(committed):
    pathlib.Path(dataset.articles_state_path(committed).uri).write_text('{"https://news.exa')
    with pytest.raises(dataset.DamageError, match=r"articles\.json is not valid JSON.*--repair"):
        dataset.load_state(committed)


# --- housekeeping ---------------------------------------------------------------------------------------------


def test_maintain_compacts_small_files_keeps_the_rows_and_vacuums_old_ones(tmp_path):
    output = Location.of(tmp_path / "out")
    for number in range(6):
        commit(output, f"R{number}", [f"a{number}"])
    commit(output, "R9", ["a0"])  # one replacement: a file of the current version goes
    rows_before = {table: table_rows(output, table) for table in ("articles", "mentions")}
    upkeep = {u.table: u for u in maintain.compact_and_vacuum(output, vacuum_hours=0)}
    assert upkeep["mentions"].files_before == 6 and upkeep["mentions"].files_after == 1
    assert upkeep["mentions"].files_on_disk_before == 7 and upkeep["mentions"].files_on_disk_after == 1
    assert {table: table_rows(output, table) for table in ("articles", "mentions")} == rows_before
    assert pl.read_delta(str(output / "mentions")).height == 6


def test_one_run_at_a_time_holds_the_output_folder(tmp_path):
    output = Location.of(tmp_path)
    dataset.prepare_output(output)
    with dataset.run_lock(output):
        with pytest.raises(dataset.OutputError, match=r"another run is writing to .* \(pid \d+\)"):
            with dataset.run_lock(output):
                pass
    with dataset.run_lock(output):  # released when the holder finished
        pass


def test_a_runs_staged_rows_are_read_with_the_columns_asked_and_counted_from_the_files(tmp_path):
    staging = dataset.staging_dir(Location.of(tmp_path / "out"), "A")
    articles = [table_row("articles", article_id=f"a{n}", entry_url=f"https://news.example/a{n}", run_id="A",
                          text=f"Story {n}. " * 500) for n in range(3)]
    write_part(str(staging), "articles", "2026-11-16", 0, articles[:2], "A")
    write_part(str(staging), "articles", "2026-11-17", 0, articles[2:], "A")

    assert dataset.read_staged_rows(staging, "articles", ["article_id"]) == [
        {"article_id": "a0"}, {"article_id": "a1"}, {"article_id": "a2"}]
    assert [row["text"] for row in dataset.read_staged_rows(staging, "articles")] == [a["text"] for a in articles]
    assert dataset.count_staged_rows(staging, "articles") == 3
    assert dataset.count_staged_rows(staging, "mentions") == 0
    assert dataset.read_staged_rows(staging, "mentions", ["mention_id"]) == []


def test_the_next_state_keeps_the_copy_keys_the_run_made_and_makes_the_missing_ones_from_the_texts(tmp_path):
    staging = dataset.staging_dir(Location.of(tmp_path / "out"), "A")
    texts = {"a1": "Seven fighters were killed near Aleppo on Saturday. " * 20,
             "a2": "The death toll has surpassed 1,000, officials said. " * 20}
    write_part(str(staging), "articles", "2026-11-16", 0,
               [table_row("articles", article_id=a, entry_url=f"https://news.example/{a}", run_id="A", text=text)
                for a, text in texts.items()], "A")

    _, known = dataset.next_state({}, {}, staging, {"a1": ["made-as-read"]})

    assert known["https://news.example/a1"]["copy_keys"] == ["made-as-read"]
    assert known["https://news.example/a2"]["copy_keys"] == band_keys(texts["a2"])
    assert known["https://news.example/a2"]["content_hash"] == "x"
