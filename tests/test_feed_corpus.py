"""Every document of feedparser's own test corpus (../shared) in one run: it completes and accounts for all of them.

The corpus is a parser test suite, not a news feed list: about 270 of its
2,107 files are deliberately malformed or no feed at all (undefined entities,
CDF, bogus encodings, its LICENSE), most test entries have no link, and the
links there point at example.org and the like, which do not resolve here.
Measured: 1,840 feeds ok, 267 failed, 1,217 entries (1,111 without a link),
failure ratio 0.44, about 12 s. `--max-failure-ratio 0.5` lets this run exit
0, while a regression that failed the well-formed feeds (1,749 of the files)
would pass 0.5 and exit 3.
"""
from __future__ import annotations

import json
import pathlib

import pyarrow.dataset as ds
import pytest

from casualty_events.pipelines.cli import main

CORPUS = pathlib.Path(__file__).resolve().parents[2] / "shared" / "data" / "feeds" / "feedparser-tests"
CRASH_REASONS = {"internal_error", "extraction_error", "extractor_error"}


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip("../shared feed corpus not present")
    files = sorted(path for path in CORPUS.rglob("*") if path.is_file())
    folder = tmp_path_factory.mktemp("corpus")
    feeds_file = folder / "feeds.txt"
    feeds_file.write_text("".join(f"{path}\n" for path in files))
    output = folder / "out"
    code = main(["run", "--feeds-file", str(feeds_file), "--output", str(output), "--max-failure-ratio", "0.5", "-q"])
    [manifest_path] = (output / "_runs").glob("*.json")
    return files, code, json.loads(manifest_path.read_text()), output


def test_the_whole_corpus_runs_to_completion(corpus_run):
    files, code, manifest, _ = corpus_run
    assert code == 0, f"failure ratio {manifest['failure_ratio']}"
    assert manifest["counts"]["feeds_total"] == len(files) == len(manifest["options"]["feeds"])


def test_every_feed_and_entry_is_accounted_for(corpus_run):
    _, _, manifest, output = corpus_run
    counts = manifest["counts"]
    assert manifest["accounting_problems"] == []
    assert counts["feeds_ok"] + counts["feeds_not_modified"] + counts["feeds_failed"] == counts["feeds_total"]
    assert (counts["articles_extracted"] + counts["articles_rejected"] + counts["articles_skipped_seen"]
            + counts["entries_skipped_duplicate"] + counts["entries_skipped_older"]) == counts["entries"]
    assert counts["feeds_ok"] > counts["feeds_failed"] > 0 and counts["entries"] > 1000

    rejects = ds.dataset(output / "rejects", format="parquet", partitioning="hive").to_table().to_pylist()
    failed_feeds = {r["feed_url"] for r in rejects if r["stage"] == "feed" and r["reason"] != "entry_without_link"}
    assert len(failed_feeds) == counts["feeds_failed"]  # one reject, with its reason, per failed feed
    assert len(rejects) == counts["feeds_failed"] + counts["articles_rejected"]
    assert not {r["reason"] for r in rejects} & CRASH_REASONS
    assert all(r["detail"] for r in rejects)
