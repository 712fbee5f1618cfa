"""A run reads its entries in chunks, one pipeline each: the rows are those of a run in one chunk, every article is
fetched once, and each site's robots.txt is read once for the whole run."""
from __future__ import annotations

import pathlib

import deltalake

from casualty_events.pipelines import run
from casualty_events.pipelines.cli import main
from tests.http_fixture import serve

SEEDS = pathlib.Path(__file__).resolve().parent.parent / "seeds"


def rows(output: pathlib.Path, table: str, columns: list[str]) -> list[tuple]:
    data = deltalake.DeltaTable(str(output / table)).to_pyarrow_table(columns=columns).to_pylist()
    return sorted(tuple(row[c] for c in columns) for row in data)


def test_a_run_in_chunks_writes_the_rows_of_a_run_in_one(tmp_path, monkeypatch):
    outputs = {}
    with serve(SEEDS) as server:  # one server: the same URLs, so the same article ids
        for chunk in (500, 2):
            monkeypatch.setattr(run, "ENTRIES_PER_CHUNK", chunk)
            outputs[chunk] = tmp_path / f"chunks-of-{chunk}"
            asked_before = len(server.log)
            assert main(["run", f"{server.base_url}/feed.xml", "--output", str(outputs[chunk]),
                         "--allow-private-hosts", "--min-host-gap", "0", "-q"]) == 0
            paths = [r.path for r in server.log[asked_before:]]
            assert paths.count("/robots.txt") == 1  # the feed and every chunk share what it said
            article_paths = [p for p in paths if p.startswith("/articles/")]
            assert len(article_paths) == len(set(article_paths)) == 5
    mentions = ["mention_id", "article_id", "count", "event_date", "location"]
    assert rows(outputs[2], "mentions", mentions) == rows(outputs[500], "mentions", mentions)
    assert rows(outputs[2], "events", ["event_id", "killed"]) == rows(outputs[500], "events", ["event_id", "killed"])
    chunk_files = {p.name.split("-")[-2] for p in (outputs[2] / "articles").rglob("part-*.parquet")}
    assert chunk_files == {"chunk00000", "chunk00001", "chunk00002"}  # 5 entries, 2 a chunk
