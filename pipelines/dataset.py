"""The output folder: staging, the commit of a run, the state carried between runs.

Layout under OUTPUT (a local folder or an object-store prefix):
    events/, tolls/, mentions/, articles/, rejects/   Delta tables (hive-partitioned Parquet and _delta_log/)
    _staging/<run_id>/    a run's files while it runs (readers never look there)
    _state/feeds.json     validators (ETag, Last-Modified) of every feed whose entries are all done
    _state/articles.json  articles already processed: canonical URL -> content hash (or a final reject reason)
    _state/run.lock       held by the run writing to the folder (for an object store: a local lock file)
    _runs/<run_id>.json   the manifest of every committed run, with the table versions it made

A run's rows become visible only when the driver commits it, after the
pipeline has finished: the commit plan, the next state and the manifest are
staged first, then a COMMIT marker is written; then each table's files are
moved into its folder and committed in one Delta transaction that carries
the run's id (`pipelines.delta_tables`), then the state is replaced and the
manifest kept. A run killed before the marker leaves nothing where readers
look (its staging folder is removed by the next run, which redoes its work,
since the state did not move); one killed after it is rolled forward by the
next run, and a table that already holds the run is not committed twice.
Readers of a table see the previous version or the new one, never part of a
run. One run at a time holds the output folder (an flock the kernel releases
when the process dies): a scheduled run that finds the previous one still
going stops instead of recovering a staging folder that is still being written.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import hashlib
import os
import pathlib

import pyarrow.dataset as ds
import pyarrow.parquet as pq
from casualty_events.pipelines import delta_tables
from casualty_events.schemas.codes import FINAL_REASONS, RETRIED_REASONS, RETRIED_STAGES
from casualty_events.schemas.tables import PUBLIC_TABLES, TABLES
from casualty_events.transforms.articles import canonical_url
from casualty_events.transforms.duplicates import band_keys
from casualty_events.transforms.storage import DamagedFileError, Location, read_json, write_json
from casualty_events.transforms.user_cache import user_cache_dir

STAGING = "_staging"
STATE = "_state"
RUNS = "_runs"
COMMIT_MARKER = "COMMIT"
COMMIT_PLAN = "commit.json"
NEXT_STATE = "_next_state"
MANIFEST = "manifest.json"
RUN_LOCK = "run.lock"
STATE_FILES = ("feeds.json", "articles.json")


class OutputError(Exception):
    """The output folder cannot take a run (not a folder, not writable, another run holds it)."""


class CommitUnfinished(OutputError):
    """The run's rows are in the tables, but the rest of its commit (state, manifest) could not be written."""


class DamageError(OutputError):
    """A file the dataset relies on is missing or damaged: the run stops before it makes things worse."""


def repair_hint(output: Location) -> str:
    return f"`casualties maintain --output {output} --repair` repairs it"


def prepare_output(output: Location) -> None:
    """Create the output folder if need be; fail early and clearly when it cannot be written."""
    if not output.is_local:
        try:
            (output / STATE).make_dir()
            output.info()
        except OSError as error:
            raise OutputError(f"cannot use the output {output}: {error}") from error
        return
    path = pathlib.Path(output.uri)
    if path.exists() and not path.is_dir():
        raise OutputError(f"--output {output} is a file, not a folder")
    for folder in (STATE, RUNS):
        try:
            (path / folder).mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise OutputError(f"{path / folder} is not a writable folder") from None
        except OSError as error:
            raise OutputError(f"cannot create the output folder {output}: {error.strerror}") from error
    for folder in (path, path / STATE, path / RUNS):  # all three are written at the end: check now, not then
        if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(f"{folder} is not a writable folder")


def lock_path(output: Location) -> pathlib.Path:
    """`_state/run.lock` in a local folder; for an object store, which has no locks, a file on this machine.

    So runs against one bucket must be scheduled from one machine (as a cron table is).
    """
    if output.is_local:
        return pathlib.Path(output.uri) / STATE / RUN_LOCK
    folder = user_cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{hashlib.sha256(output.uri.encode()).hexdigest()[:16]}.lock"


@contextlib.contextmanager
def run_lock(output: Location):
    """Hold the output folder for one run; another run holding it is an `OutputError`."""
    with open(lock_path(output), "a+", encoding="utf-8") as handle:
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


def staging_dir(output: Location, run_id: str) -> Location:
    return output / STAGING / run_id


def read_staged_rows(staging: Location, table: str, columns: list[str] | None = None) -> list[dict]:
    """All rows a run staged for one table (none when it wrote none), with only `columns` if given: an article's
    row holds its whole text, which most readers of a run's articles do not need."""
    data = _staged_dataset(staging, table)
    return data.to_table(columns=columns).to_pylist() if data is not None else []


def count_staged_rows(staging: Location, table: str) -> int:
    """How many rows a run staged for one table, from the files' metadata."""
    data = _staged_dataset(staging, table)
    return data.count_rows() if data is not None else 0


def _staged_dataset(staging: Location, table: str) -> ds.Dataset | None:
    folder = staging / table
    if not folder.is_dir():
        return None
    partitioning = "hive" if TABLES[table].partition_column else None
    return ds.dataset(folder.path, filesystem=folder.filesystem, format="parquet", partitioning=partitioning)


def articles_state_path(output: Location) -> Location:
    """The articles already processed; workers read it (it is only replaced when a run commits)."""
    return output / STATE / "articles.json"


def load_state(output: Location) -> tuple[dict, dict]:
    """(feeds, articles) as the last committed run left them; a garbled file is a `DamageError`."""
    try:
        return read_json(output / STATE / "feeds.json", {}), read_json(articles_state_path(output), {})
    except DamagedFileError as error:
        raise DamageError(f"{error}; nothing was run. {repair_hint(output)}") from None


def check_state_against_tables(output: Location, articles: dict) -> None:
    """The state must know every article the `articles` table holds: one that forgot them (emptied, replaced
    by an old copy) would have every article fetched and extracted again."""
    table = TABLES["articles"]
    if not delta_tables.exists(output, table):
        return
    known = sum(1 for entry in articles.values() if "article_id" in entry)
    held = delta_tables.row_count(output, table)
    if held > known:
        raise DamageError(f"{articles_state_path(output)} knows {known} articles, the articles table holds {held}: "
                          f"the state was lost or replaced; nothing was run. {repair_hint(output)}")


def check_tables(output: Location) -> None:
    """Every data file the tables' current versions need is there, whole."""
    problems = [f"{output / table.name / data_file.path}: {what}"
                for table in PUBLIC_TABLES for data_file, what in delta_tables.damaged_files(output, table)]
    if problems:
        raise DamageError("damaged table files: " + "; ".join(problems[:5])
                          + (f" and {len(problems) - 5} more" if len(problems) > 5 else "")
                          + f". Nothing was run. {repair_hint(output)} (the rows of those files are lost "
                          "and their articles fetched again)")


def feeds_to_read_again(staging: Location) -> set[str]:
    """Feeds with entries left for a later run (not fetched or not extracted, older than --since).

    Their validators are not kept: a 304 next time would hide those entries for good.
    """
    failed = {row["feed_url"] for row in read_staged_rows(staging, "rejects")
              if row["stage"] in RETRIED_STAGES or row["reason"] in RETRIED_REASONS}
    older = {row["feed_url"] for row in read_staged_rows(staging, "_skipped") if row["reason"] == "older_than_since"}
    return failed | older


# The columns of an article's row that `article_state` reads, its text apart.
ARTICLE_STATE_COLUMNS = ["article_id", "entry_url", "content_hash", "entry_updated_at", "run_id", "duplicate_of"]


def article_state(row: dict, copy_keys: list[str] | None = None) -> dict:
    """What the state keeps of an article row: with the band keys that find its copies (`transforms.duplicates`;
    computed from its text unless given)."""
    state = {
        "article_id": row["article_id"],
        "content_hash": row["content_hash"],
        "entry_updated": _iso(row["entry_updated_at"]),
        "run_id": row["run_id"],
        "copy_keys": copy_keys if copy_keys is not None else band_keys(row["text"]),
    }
    if row.get("duplicate_of"):
        state["duplicate_of"] = row["duplicate_of"]
    return state


def next_state(feeds: dict, articles: dict, staging: Location,
               copy_keys: dict[str, list[str]] | None = None) -> tuple[dict, dict]:
    """The state once this run is committed: new validators, newly processed articles (`copy_keys`: their band
    keys, by article_id, when already computed)."""
    feeds = dict(feeds)
    read_again = feeds_to_read_again(staging)
    for row in read_staged_rows(staging, "_feeds"):
        if row["status"] == "ok" and row["feed_url"] in read_again:
            feeds.pop(row["feed_url"], None)
        elif row["status"] == "ok":
            feeds[row["feed_url"]] = {"etag": row["etag"], "last_modified": row["last_modified"]}
    articles = dict(articles)
    rows = read_staged_rows(staging, "articles", ARTICLE_STATE_COLUMNS)
    copy_keys = copy_keys or {}
    if missing := {row["article_id"] for row in rows} - copy_keys.keys():  # keys not made as the run read: the texts'
        copy_keys = {**copy_keys, **{row["article_id"]: band_keys(row["text"])
                                     for row in read_staged_rows(staging, "articles", ["article_id", "text"])
                                     if row["article_id"] in missing}}
    for row in rows:
        articles[canonical_url(row["entry_url"])] = article_state(row, copy_keys[row["article_id"]])
    for row in read_staged_rows(staging, "_skipped"):
        known = articles.get(canonical_url(row["url"]))
        if row["reason"] == "unchanged" and known is not None:
            known["entry_updated"] = _iso(row["entry_updated_at"])
    for row in read_staged_rows(staging, "rejects"):
        if row["reason"] in FINAL_REASONS and row["url"]:
            articles.setdefault(canonical_url(row["url"]), {"rejected": row["reason"], "run_id": row["run_id"]})
    return feeds, articles


def _iso(instant: dt.datetime | None) -> str | None:
    return instant.isoformat() if instant is not None else None


def staged_files(staging: Location) -> dict[str, list[delta_tables.DataFile]]:
    """The staged Parquet files of the published tables, by table, with their sizes and row counts (every row's
    run_id is the run's, which is the staging folder's name)."""
    found = {}
    for table in PUBLIC_TABLES:
        folder = staging / table.name
        found[table.name] = [
            delta_tables.DataFile(path, size, _row_count(folder / path), staging.name, staging.name)
            for path, size in sorted(folder.files(".parquet").items()) if not path.rsplit("/", 1)[-1].startswith(".")
        ]
    return found


def _row_count(location: Location) -> int:
    with location.filesystem.open_input_file(location.path) as handle:
        return pq.ParquetFile(handle).metadata.num_rows


def commit_plan(staging: Location, known_articles: dict | None, replaced_windows: list[str] = ()) -> dict:
    """What committing the run does: the files to add to each table, the articles whose old rows it replaces,
    the windows whose events it replaces.

    Those are the run's articles that the state of earlier runs knows (the state was checked against the
    tables before the run), with the run that wrote their rows; with no state to go by (None), every
    article of the run, written by runs unknown.
    """
    staged = {row["article_id"] for row in read_staged_rows(staging, "articles", ["article_id"])}
    if known_articles is None:
        replaced = dict.fromkeys(staged)
    else:
        writers = {entry["article_id"]: entry.get("run_id") for entry in known_articles.values() if "article_id" in entry}
        replaced = {article_id: writers[article_id] for article_id in staged if article_id in writers}
    return {
        "tables": {name: [dataclasses.astuple(f) for f in files] for name, files in staged_files(staging).items()},
        "replaced_articles": dict(sorted(replaced.items())),
        "replaced_windows": list(replaced_windows),
    }


def stage_commit(staging: Location, feeds: dict, articles: dict, manifest: dict, known_articles: dict,
                 replaced_windows: list[str] = ()) -> None:
    """Everything the commit needs, staged; the marker written last makes the run committable.

    `articles` is the state after the run, `known_articles` the state before it.
    """
    write_json(staging / COMMIT_PLAN, commit_plan(staging, known_articles, replaced_windows))
    write_json(staging / NEXT_STATE / "feeds.json", feeds)
    write_json(staging / NEXT_STATE / "articles.json", articles)
    write_json(staging / MANIFEST, manifest)
    (staging / COMMIT_MARKER).write_bytes(b"")


def finish_commit(output: Location, staging: Location) -> dict:
    """Commit a committable run: its files into the tables, the state replaced, the manifest kept. Idempotent."""
    committed = output / RUNS / f"{staging.name}.json"
    if not (staging / COMMIT_MARKER).is_file():
        if committed.is_file():  # the marker goes last: this commit is complete
            return read_json(committed, {})
        raise OutputError(f"run {staging.name} was never staged for commit (no {COMMIT_MARKER} marker)")
    plan = read_json(staging / COMMIT_PLAN, None) or commit_plan(staging, None)  # none: staged by version 0.1
    versions = {}
    for table in PUBLIC_TABLES:
        files = [delta_tables.DataFile(*entry) for entry in plan["tables"].get(table.name, [])]
        for data_file in files:
            source = staging / table.name / data_file.path
            if source.is_file():  # else moved by a commit that was killed before its transaction
                source.move_to(output / table.name / data_file.path)
        replaced = (dict.fromkeys(plan.get("replaced_windows", ())) if table.replaced_by == "event_window"
                    else plan["replaced_articles"])
        versions[table.name] = delta_tables.commit_run(output, table, staging.name, files, replaced)
    for name in STATE_FILES:
        staged = staging / NEXT_STATE / name
        if staged.is_file():
            staged.move_to(output / STATE / name)
    manifest = {**read_json(staging / MANIFEST, {}), "table_versions": versions}
    write_json(committed, manifest)
    (staging / COMMIT_MARKER).remove()
    staging.remove()
    _remove_if_empty(staging.parent())
    return manifest


def _remove_if_empty(folder: Location) -> None:
    """`_staging/` goes once no run stages there."""
    if folder.is_dir() and not folder.children():
        folder.remove()


def recover(output: Location) -> list[str]:
    """Finish the commits of runs killed while committing; remove runs killed before. Returns what was done."""
    done = []
    for staging in (output / STAGING).children():
        if (staging / COMMIT_MARKER).is_file():
            finish_commit(output, staging)
            done.append(f"rolled forward the commit of run {staging.name}")
        elif (output / RUNS / f"{staging.name}.json").is_file():
            staging.remove()
            done.append(f"removed what the committed run {staging.name} left in {STAGING}/")
        else:
            staging.remove()
            done.append(f"removed the unfinished run {staging.name}")
    _remove_if_empty(output / STAGING)
    return done
