"""`casualties maintain` and damage as a cron user meets them: a run refuses a damaged dataset with the file and the
repair named (exit 1, nothing touched), `maintain --repair` mends it, the next run fills in what was lost, and
`maintain` compacts the small files of many runs."""
from __future__ import annotations

import json
import pathlib
import shutil

import deltalake
import pytest

from casualty_events.pipelines.cli import main

SEED_FEED = pathlib.Path(__file__).resolve().parent.parent / "seeds" / "feed.xml"


def run(output: pathlib.Path, *more: str) -> int:
    return main(["run", str(SEED_FEED), "--output", str(output), "-q", *more])


def mention_rows(output: pathlib.Path) -> list[tuple]:
    data = deltalake.DeltaTable(str(output / "mentions")).to_pyarrow_table(columns=["mention_id", "count"])
    return sorted(zip(data["mention_id"].to_pylist(), data["count"].to_pylist()))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> tuple[pathlib.Path, list[tuple]]:
    output = tmp_path_factory.mktemp("seeded") / "out"
    assert run(output) == 0
    return output, mention_rows(output)


def copy_of(seeded, tmp_path) -> pathlib.Path:
    """A copy of the seeded output folder to damage."""
    output, _ = seeded
    return pathlib.Path(shutil.copytree(output, tmp_path / "out"))


def test_a_deleted_data_file_stops_the_run_and_repair_then_the_next_run_restore_the_rows(seeded, tmp_path, capsys):
    output = copy_of(seeded, tmp_path)
    lost = pathlib.Path(deltalake.DeltaTable(str(output / "mentions")).file_uris()[0])
    lost.unlink()
    runs_before = sorted((output / "_runs").iterdir())
    assert run(output) == 1
    error = capsys.readouterr().err
    assert str(lost) in error and "missing" in error and f"casualties maintain --output {output} --repair" in error
    assert sorted((output / "_runs").iterdir()) == runs_before  # nothing was run

    assert main(["maintain", "--output", str(output), "--repair"]) == 0
    said = capsys.readouterr().out
    assert f"took {lost}" in said and "the next run fetches them again" in said
    assert run(output) == 0
    assert mention_rows(output) == seeded[1]  # the articles that lost rows were extracted again, whole
    counts = json.loads(sorted((output / "_runs").iterdir())[-1].read_text())["counts"]
    assert counts["articles_extracted"] >= 1 and counts["articles_skipped_seen"] >= 1


def test_a_state_emptied_by_hand_stops_the_run_instead_of_doubling_rows(seeded, tmp_path, capsys):
    output = copy_of(seeded, tmp_path)
    (output / "_state" / "articles.json").write_text("{}\n")
    assert run(output) == 1
    assert "articles.json knows 0 articles, the articles table holds 5" in capsys.readouterr().err
    assert main(["maintain", "--output", str(output), "--repair"]) == 0
    assert run(output) == 0
    counts = json.loads(sorted((output / "_runs").iterdir())[-1].read_text())["counts"]
    assert (counts["articles_extracted"], counts["articles_skipped_seen"]) == (0, 5)
    assert mention_rows(output) == seeded[1]


def test_maintain_compacts_many_runs_and_keeps_every_row(seeded, tmp_path, capsys):
    output = copy_of(seeded, tmp_path)
    for _ in range(3):
        assert run(output, "--full-refresh") == 0  # each run replaces every article's rows: new small files
    before = len(list((output / "mentions").rglob("*.parquet")))
    assert main(["maintain", "--output", str(output), "--vacuum-hours", "0"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert "files on disk" in lines["mentions"] and lines["mentions"].startswith("mentions")
    after = len(list((output / "mentions").rglob("*.parquet")))
    assert after < before
    assert mention_rows(output) == seeded[1]
    assert run(output) == 0  # the compacted tables pass the damage check


def test_maintain_on_a_folder_without_a_dataset_exits_1(tmp_path, capsys):
    assert main(["maintain", "--output", str(tmp_path)]) == 1
    assert "holds no dataset" in capsys.readouterr().err
