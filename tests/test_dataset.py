"""The output folder protocol (`pipelines.dataset`): a run killed at any point of its commit is either invisible
or rolled forward, never half there. Real Parquet files, read back with pyarrow.dataset."""
from __future__ import annotations

import datetime as dt
import json
import pathlib

import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from pipelines import dataset
from schemas.tables import TABLES
from transforms.write import write_part

INSTANT = dt.datetime(2026, 11, 16, 8, tzinfo=dt.timezone.utc)
DEFAULTS = {pa.string(): "x", pa.int64(): 1, pa.int32(): 1, pa.float64(): None}


def table_row(table: str, **values) -> dict:
    """A row of `table` with every non-nullable column filled."""
    row = {}
    for field in TABLES[table].schema:
        row[field.name] = INSTANT if pa.types.is_timestamp(field.type) else DEFAULTS.get(field.type)
    return {**row, **values}


def stage_run(output: pathlib.Path, run_id: str, article_ids: list[str], *, mark_committable: bool = True) -> None:
    """A run's staging folder as the pipeline leaves it: real Parquet, next state, manifest, and the marker."""
    staging = str(dataset.staging_dir(output, run_id))
    articles = [table_row("articles", article_id=a, entry_url=f"https://news.example/{a}", run_id=run_id)
                for a in article_ids]
    mentions = [table_row("mentions", mention_id=f"m-{a}", article_id=a, run_id=run_id) for a in article_ids]
    write_part(staging, "articles", "2026-11-16", 0, articles, run_id)
    write_part(staging, "mentions", "2026-11-15", 0, mentions, run_id)
    write_part(staging, "_feeds", None, 0, [table_row("_feeds", status="ok", run_id=run_id)], run_id)
    feeds, known = dataset.next_state(*dataset.load_state(output), pathlib.Path(staging))
    if mark_committable:
        dataset.stage_commit(pathlib.Path(staging), feeds, known, {"run_id": run_id})


def visible(output: pathlib.Path) -> dict:
    """What readers see (rows by pyarrow.dataset) and what the next run starts from (state)."""
    seen = {}
    for table in ("articles", "mentions"):
        folder = output / table
        seen[table] = sorted(
            (r["article_id"], r["run_id"])
            for r in (ds.dataset(folder, format="parquet", partitioning="hive").to_table().to_pylist()
                      if folder.is_dir() else [])
        )
    seen["state"] = {p.name: json.loads(p.read_text()) for p in sorted((output / "_state").glob("*.json"))}
    seen["runs"] = sorted(p.stem for p in (output / "_runs").glob("*.json")) if (output / "_runs").is_dir() else []
    return seen


@pytest.fixture
def committed(tmp_path) -> pathlib.Path:
    """An output folder with one committed run (A, articles a1 and a2)."""
    output = tmp_path / "out"
    stage_run(output, "A", ["a1", "a2"])
    dataset.finish_commit(output, dataset.staging_dir(output, "A"))
    return output


def test_a_committed_run_is_visible_with_its_state_and_manifest_and_no_staging_left(committed):
    seen = visible(committed)
    assert seen["articles"] == [("a1", "A"), ("a2", "A")]
    assert seen["mentions"] == [("a1", "A"), ("a2", "A")]
    assert set(seen["state"]["articles.json"]) == {"https://news.example/a1", "https://news.example/a2"}
    assert seen["runs"] == ["A"]
    assert not (committed / "_staging").exists()


def test_a_run_killed_before_the_marker_is_invisible_and_removed(committed):
    before = visible(committed)
    stage_run(committed, "B", ["a3"], mark_committable=False)
    assert visible(committed) == before
    assert dataset.recover(committed) == ["removed the unfinished run B"]
    assert visible(committed) == before
    assert not dataset.staging_dir(committed, "B").exists()


def test_a_run_killed_after_the_marker_but_before_the_renames_is_rolled_forward(committed):
    stage_run(committed, "B", ["a3"])
    assert visible(committed)["runs"] == ["A"]  # committable, but nothing moved yet
    assert dataset.recover(committed) == ["rolled forward the commit of run B"]
    seen = visible(committed)
    assert seen["articles"] == [("a1", "A"), ("a2", "A"), ("a3", "B")]
    assert "https://news.example/a3" in seen["state"]["articles.json"]
    assert seen["runs"] == ["A", "B"]
    assert not (committed / "_staging").exists()


def test_a_commit_killed_halfway_through_the_renames_is_finished(committed):
    stage_run(committed, "B", ["a3"])
    staging = dataset.staging_dir(committed, "B")
    first, *_ = dataset.public_files(staging)  # the kill came after one file had moved
    target = committed / first.relative_to(staging)
    target.parent.mkdir(parents=True, exist_ok=True)
    first.rename(target)
    dataset.recover(committed)
    seen = visible(committed)
    assert seen["articles"] == [("a1", "A"), ("a2", "A"), ("a3", "B")]
    assert seen["mentions"] == [("a1", "A"), ("a2", "A"), ("a3", "B")]
    assert seen["runs"] == ["A", "B"]


def test_finish_commit_is_idempotent(committed):
    stage_run(committed, "B", ["a3"])
    staging = dataset.staging_dir(committed, "B")
    manifest = dataset.finish_commit(committed, staging)
    after = visible(committed)
    assert dataset.finish_commit(committed, staging) == manifest == {"run_id": "B"}
    assert visible(committed) == after


def test_a_commit_killed_while_removing_its_staging_folder_keeps_its_manifest(committed):
    stage_run(committed, "B", ["a3"])
    staging = dataset.staging_dir(committed, "B")
    dataset.finish_commit(committed, staging)
    staging.mkdir(parents=True)  # what a kill during the final rmtree leaves: a folder without its marker
    (staging / dataset.MANIFEST).write_text("{}")
    dataset.recover(committed)
    assert json.loads((committed / "_runs" / "B.json").read_text()) == {"run_id": "B"}
    assert not staging.exists()


def test_a_run_that_was_never_staged_cannot_be_committed(tmp_path):
    stage_run(tmp_path, "C", ["a1"], mark_committable=False)
    with pytest.raises(dataset.OutputError, match="never staged for commit"):
        dataset.finish_commit(tmp_path, dataset.staging_dir(tmp_path, "C"))


def test_one_run_at_a_time_holds_the_output_folder(tmp_path):
    dataset.prepare_output(tmp_path)
    with dataset.run_lock(tmp_path):
        with pytest.raises(dataset.OutputError, match=r"another run is writing to .* \(pid \d+\)"):
            with dataset.run_lock(tmp_path):
                pass
    with dataset.run_lock(tmp_path):  # released when the holder finished
        pass
