"""The output folder: staging, the commit of a run, the state carried between runs.

Layout under OUTPUT:
    mentions/event_date=.../part-<run_id>-<shard>.parquet      what readers read
    articles/published_date=.../...  rejects/run_date=.../...
    _staging/<run_id>/    a run's files while it runs (readers skip `_` folders)
    _state/feeds.json     validators (ETag, Last-Modified) of every feed whose entries are all done
    _state/articles.json  articles already processed: canonical URL -> content hash (or a final reject reason)
    _state/run.lock       held by the run writing to the folder
    _runs/<run_id>.json   the manifest of every committed run

A run's files become visible only when the driver commits it, after the
pipeline has finished: the next state is staged first, then a COMMIT marker
is written, then the files are renamed into place, then the state replaced.
A run killed before the marker leaves nothing where readers look (its staging
folder is removed by the next run, which redoes its work, since the state did
not move); one killed after it is rolled forward by the next run. The marker is
removed last, once everything is in place, so a commit interrupted at any point
is finished by doing it again. One run at a time holds the output folder
(`_state/run.lock`, an flock the kernel releases when the process dies): a scheduled
run that finds the previous one still going stops instead of recovering a
staging folder that is still being written.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import pathlib
import shutil

import pyarrow.dataset as ds

from schemas.tables import TABLES
from transforms.articles import canonical_url

STAGING = "_staging"
STATE = "_state"
RUNS = "_runs"
COMMIT_MARKER = "COMMIT"
NEXT_STATE = "_next_state"
MANIFEST = "manifest.json"
RUN_LOCK = "run.lock"
# Stages whose rejects a later run retries (a page that did not come, an extractor that failed).
RETRY_STAGES = ("fetch", "extract_casualties")
# Reject reasons that fetching the page again would not change: the article is recorded as done.
FINAL_REJECT_REASONS = ("language",)


class OutputError(Exception):
    """The output folder cannot take a run (not a folder, not writable, another run holds it)."""


def prepare_output(output: pathlib.Path) -> None:
    """Create the output folder if need be; fail early and clearly when it cannot be written."""
    if output.exists() and not output.is_dir():
        raise OutputError(f"--output {output} is a file, not a folder")
    try:
        (output / STATE).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create the output folder {output}: {error.strerror}") from error
    if not os.access(output / STATE, os.W_OK | os.X_OK) or not os.access(output, os.W_OK | os.X_OK):
        raise OutputError(f"the output folder {output} is not writable")


@contextlib.contextmanager
def run_lock(output: pathlib.Path):
    """Hold the output folder for one run; another run holding it is an `OutputError`."""
    with open(output / STATE / RUN_LOCK, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            raise OutputError(f"another run is writing to {output} ({handle.read().strip() or 'unknown'}); "
                              "this one stops without touching it") from None
        handle.truncate(0)
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        yield


def write_json_atomically(path: pathlib.Path, data) -> None:
    """Readers of `path` see the old content or the new, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def read_json(path: pathlib.Path, default):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return default


def staging_dir(output: pathlib.Path, run_id: str) -> pathlib.Path:
    return output / STAGING / run_id


def read_staged_rows(staging: pathlib.Path, table: str) -> list[dict]:
    """All rows a run staged for one table (none when it wrote none)."""
    folder = staging / table
    if not folder.is_dir():
        return []
    partitioning = "hive" if TABLES[table].partition_column else None
    return ds.dataset(folder, format="parquet", partitioning=partitioning).to_table().to_pylist()


def articles_state_path(output: pathlib.Path) -> pathlib.Path:
    """The articles already processed; workers read it (it is only replaced when a run commits)."""
    return output / STATE / "articles.json"


def load_state(output: pathlib.Path) -> tuple[dict, dict]:
    """(feeds, articles) as the last committed run left them."""
    return read_json(output / STATE / "feeds.json", {}), read_json(articles_state_path(output), {})


def feeds_to_read_again(staging: pathlib.Path) -> set[str]:
    """Feeds with entries left for a later run (not fetched or not extracted, older than --since).

    Their validators are not kept: a 304 next time would hide those entries for good.
    """
    failed = {row["feed_url"] for row in read_staged_rows(staging, "rejects") if row["stage"] in RETRY_STAGES}
    older = {row["feed_url"] for row in read_staged_rows(staging, "_skipped") if row["reason"] == "older_than_since"}
    return failed | older


def next_state(feeds: dict, articles: dict, staging: pathlib.Path) -> tuple[dict, dict]:
    """The state once this run is committed: new validators, newly processed articles."""
    feeds = dict(feeds)
    read_again = feeds_to_read_again(staging)
    for row in read_staged_rows(staging, "_feeds"):
        if row["status"] == "ok" and row["feed_url"] in read_again:
            feeds.pop(row["feed_url"], None)
        elif row["status"] == "ok":
            feeds[row["feed_url"]] = {"etag": row["etag"], "last_modified": row["last_modified"]}
    articles = dict(articles)
    for row in read_staged_rows(staging, "articles"):
        articles[canonical_url(row["entry_url"])] = {
            "article_id": row["article_id"],
            "content_hash": row["content_hash"],
            "entry_updated": _iso(row["entry_updated_at"]),
            "run_id": row["run_id"],
        }
    for row in read_staged_rows(staging, "_skipped"):
        known = articles.get(canonical_url(row["url"]))
        if row["reason"] == "unchanged" and known is not None:
            known["entry_updated"] = _iso(row["entry_updated_at"])
    for row in read_staged_rows(staging, "rejects"):
        if row["reason"] in FINAL_REJECT_REASONS and row["url"]:
            articles.setdefault(canonical_url(row["url"]), {"rejected": row["reason"], "run_id": row["run_id"]})
    return feeds, articles


def _iso(instant: dt.datetime | None) -> str | None:
    return instant.isoformat() if instant is not None else None


def stage_commit(staging: pathlib.Path, feeds: dict, articles: dict, manifest: dict) -> None:
    """Everything the commit needs, staged; the marker written last makes the run committable."""
    write_json_atomically(staging / NEXT_STATE / "feeds.json", feeds)
    write_json_atomically(staging / NEXT_STATE / "articles.json", articles)
    write_json_atomically(staging / MANIFEST, manifest)
    (staging / COMMIT_MARKER).touch()


def public_files(staging: pathlib.Path) -> list[pathlib.Path]:
    """The staged Parquet files of the tables readers see."""
    return sorted(
        path for table in TABLES if not table.startswith("_")
        for path in (staging / table).rglob("*.parquet")
    )


def finish_commit(output: pathlib.Path, staging: pathlib.Path) -> dict:
    """Move a committable run's files into place, replace the state, keep the manifest. Idempotent."""
    committed = output / RUNS / f"{staging.name}.json"
    if not (staging / COMMIT_MARKER).exists():
        if committed.exists():  # the marker goes last: this commit is complete
            return read_json(committed, {})
        raise OutputError(f"run {staging.name} was never staged for commit (no {COMMIT_MARKER} marker)")
    for path in public_files(staging):
        target = output / path.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    for name in ("feeds.json", "articles.json"):
        staged = staging / NEXT_STATE / name
        if staged.exists():
            (output / STATE).mkdir(parents=True, exist_ok=True)
            os.replace(staged, output / STATE / name)
    write_json_atomically(committed, read_json(staging / MANIFEST, {}))
    (staging / COMMIT_MARKER).unlink()
    shutil.rmtree(staging)
    with contextlib.suppress(OSError):  # another run may be staging beside it
        staging.parent.rmdir()
    return read_json(committed, {})


def recover(output: pathlib.Path) -> list[str]:
    """Finish the commits of runs killed while committing; remove runs killed before. Returns what was done."""
    done = []
    for staging in sorted((output / STAGING).glob("*")) if (output / STAGING).is_dir() else []:
        if (staging / COMMIT_MARKER).exists():
            finish_commit(output, staging)
            done.append(f"rolled forward the commit of run {staging.name}")
        else:
            shutil.rmtree(staging)
            done.append(f"removed the unfinished run {staging.name}")
    return done
