"""One scheduled run: state in, pipelines, commit, manifest out.

The driver does what must happen exactly once around the pipelines: it reads
the state of earlier runs, picks the runner, runs the graphs into a staging
folder (the feeds' graph, then the articles' graph once per chunk of the
entries it staged, so that memory holds at most two chunks of pages whatever
the run's size), counts what the run did from the staged tables (the same
numbers on every runner), and commits.
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import datetime as dt
import importlib.metadata
import logging
import pathlib
import secrets
import shutil
import sys
import tempfile
import threading
import time

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions
from casualty_events.pipelines import convert, dataset, delta_tables, resolution
from casualty_events.pipelines.allocator import map_large_blocks, return_freed_memory
from casualty_events.pipelines.accounting import check_identities, count_run, failure_ratio, rejects_by_reason
from casualty_events.pipelines.pipeline import EventsConfig, PipelineConfig, build_articles, build_events, build_feeds
from casualty_events.pipelines.progress_line import ProgressLine
from casualty_events.pipelines.settings import DEFAULT_MAX_FAILURE_RATIO, DEFAULT_MODEL, DEFAULT_RUNNER, LOCAL_RUNNERS
from casualty_events.schemas.records import FeedEntry, FeedSource
from casualty_events.schemas.tables import PUBLIC_TABLES, SCHEMA_VERSION
from casualty_events.transforms.extract_casualties import DEFAULT_MAX_ARTICLE_SECONDS
from casualty_events.transforms.fetch import CLUSTER_BUCKETS, LOCAL_BUCKETS
from casualty_events.transforms.http import FetchPolicy
from casualty_events.transforms.politeness import hosts_in_turn
from casualty_events.transforms.page_reading import groups_begun, start_readers, stop_readers, wait_for_reading
from casualty_events.transforms.read_articles import CLUSTER_GROUPS
from casualty_events.transforms.storage import Location
from casualty_events.transforms.workers import local_workers

LOG = logging.getLogger(__name__)
# Entries fetched and read by one pipeline. A run has at most two chunks under way (`_run_chunks`), whose pages are
# in memory together: two chunks of 250 hold what one of 500 held when chunks ran one after another (about 60 MB of
# real pages), and the run's peak stayed within 4% of that (1,169 against 1,139 MB at 500 benchmark articles).
ENTRIES_PER_CHUNK = 250


@dataclasses.dataclass(frozen=True)
class RunSettings:
    """What the user asked of this run (the CLI's options)."""

    feeds: tuple[str, ...]
    output: str | pathlib.Path  # a folder or an object-store URI (s3://bucket/prefix)
    runner: str = DEFAULT_RUNNER
    model: str = DEFAULT_MODEL
    policy: FetchPolicy = FetchPolicy()
    full_refresh: bool = False
    since: dt.date | None = None
    max_failure_ratio: float = DEFAULT_MAX_FAILURE_RATIO
    progress: bool = False
    max_article_seconds: float | None = DEFAULT_MAX_ARTICLE_SECONDS
    max_run_minutes: float | None = None
    workers: int | None = None  # processes reading articles with a local runner; None: one per core


def new_run_id(now: dt.datetime) -> str:
    """Sortable by start time (to the microsecond: readers take the latest run_id as current), unique."""
    return f"{now:%Y%m%dT%H%M%S.%fZ}-{secrets.token_hex(3)}"


def make_runner(name: str):
    """A runner by name; the local default never downloads anything (DESIGN.md)."""
    if name in LOCAL_RUNNERS:
        from apache_beam.runners.portability.fn_api_runner import FnApiRunner

        return FnApiRunner()
    if name == "DaskRunner":
        from apache_beam.runners.dask.dask_runner import DaskRunner

        return DaskRunner()
    return name  # DataflowRunner, FlinkRunner, SparkRunner, PortableRunner, ... by Beam's own lookup


def versions(model: str) -> dict[str, str]:
    """Versions of what shaped the rows, for the manifest."""
    found = {}
    for package in ("casualty-events", "apache-beam", "trafilatura", "spacy", "feedparser", "pyarrow"):
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = None
    found["spacy_model"] = model
    try:  # read from the package's metadata, as spaCy does, without importing spaCy (0.3 s)
        found["spacy_model_version"] = importlib.metadata.version(model)
    except (importlib.metadata.PackageNotFoundError, ValueError):  # a model given as a path has no package version
        found["spacy_model_version"] = None
    return found


def _progress_dir(staging: Location) -> pathlib.Path:
    """Where workers leave their tallies: the staging folder, or a local one when the output is remote
    (workers cannot append to objects)."""
    if staging.is_local:
        return pathlib.Path(staging.uri) / "_progress"
    return pathlib.Path(tempfile.mkdtemp(prefix=f"casualties-progress-{staging.name}-"))


def _run_pipeline(settings: RunSettings, pipeline_args: list[str], wire) -> None:
    """Build a graph with `wire` on the chosen runner and run it to the end."""
    pipeline = beam.Pipeline(runner=make_runner(settings.runner), options=PipelineOptions(pipeline_args))
    wire(pipeline)
    result = pipeline.run()
    result.wait_until_finish()
    if hasattr(result, "client"):  # the DaskRunner leaves its dask.distributed client open
        result.client.close()
    return_freed_memory()  # the pipeline's pages, freed across the threads' arenas (`allocator`)


def _run_chunks(settings: RunSettings, beam_args: list[str], config: PipelineConfig, entries: list[FeedEntry]) -> None:
    """The articles' pipeline once per chunk of entries.

    When this process's own workers read the pages, the next chunk's pipeline starts as soon as this chunk's pages
    are fetched and being read: it is built, fetches its pages and groups them while the workers read, and the
    workers go on to its pages without waiting. Run one after another, the workers waited 1.3 s between two chunks
    of the benchmark's (on the open web a chunk's fetch can take longer than its reading). One chunk fetches at a
    time, so each host sees the pace of a run in one chunk; at most two chunks are under way.
    """
    wires = [lambda p, chunk=chunk, start=start: build_articles(p, config, entries[start : start + ENTRIES_PER_CHUNK],
                                                                 chunk)
             for chunk, start in enumerate(range(0, len(entries), ENTRIES_PER_CHUNK))]
    if config.workers <= 1:
        for wire in wires:
            _run_pipeline(settings, beam_args, wire)
        return
    under_way: list[concurrent.futures.Future] = []
    try:
        for wire in wires:
            begun = groups_begun()
            under_way.append(_in_background(_run_pipeline, settings, beam_args, wire))
            if len(under_way) == 2:
                under_way.pop(0).result()
            wait_for_reading(begun, under_way[-1])
        while under_way:
            under_way.pop(0).result()
    except BaseException as error:
        stop_readers()  # the pages queued for reading fail at once, and the chunk still under way with them
        if not isinstance(error, KeyboardInterrupt):  # the caller removes the staging folder it writes into
            concurrent.futures.wait(under_way)
            stop_readers()
        raise


def _in_background(function, *args) -> concurrent.futures.Future:
    """`function(*args)` in a thread of its own that does not keep the process from exiting (Ctrl-C ends a run at
    once, whatever the other chunk is doing)."""
    future: concurrent.futures.Future = concurrent.futures.Future()

    def call() -> None:
        if future.set_running_or_notify_cancel():
            try:
                future.set_result(function(*args))
            except BaseException as error:
                future.set_exception(error)

    threading.Thread(target=call, name="chunk", daemon=True).start()
    return future


def dask_partitions(runner: str, pipeline_args: list[str]) -> list[str]:
    """On Dask, as many partitions as the cluster has workers unless the user said (Beam's default puts up to 128
    elements in one partition: a run's articles on one worker)."""
    if runner != "DaskRunner" or any(arg.startswith("--dask_npartitions") for arg in pipeline_args):
        return pipeline_args
    address = next((arg.split("=", 1)[1] for arg in pipeline_args if arg.startswith("--dask_client_address=")), None)
    if address is None:
        return pipeline_args  # Beam starts a local cluster of its own
    from distributed import Client

    with Client(address, timeout=30) as client:
        workers = len(client.scheduler_info()["workers"])
    return [*pipeline_args, f"--dask_npartitions={max(1, workers)}"]


def _reads_in_this_process(settings: RunSettings, pipeline_args: list[str]) -> bool:
    """Whether pages are read in the run's own process, which then shares them out to worker processes: the local
    runner's default mode. A cluster's runner, or Beam's `multi_processing` mode, has workers of its own."""
    return settings.runner in LOCAL_RUNNERS and not any("multi_processing" in arg for arg in pipeline_args)


def staged_entries(staging: Location) -> list[FeedEntry]:
    """The entries the feeds' pipeline left to fetch, in a fixed order that takes the hosts in turn: a chunk of
    them asks every host for a few pages (each host's requests are one at a time, with a gap between them)."""
    entries = sorted((FeedEntry(**row) for row in dataset.read_staged_rows(staging, "_entries")),
                     key=lambda entry: (entry.url, entry.feed_url))
    return [entries[position] for position in hosts_in_turn([entry.url for entry in entries])]


def execute(settings: RunSettings, pipeline_args: list[str], now: dt.datetime | None = None) -> dict:
    """Run the pipeline once and commit it, holding the output folder; returns the manifest."""
    map_large_blocks()  # a chunk's large buffers go back to the system as they are freed (`allocator`)
    output = Location.of(settings.output)
    dataset.prepare_output(output)
    with dataset.run_lock(output):
        return _execute_locked(settings, output, pipeline_args, dask_partitions(settings.runner, pipeline_args), now)


def open_dataset(output: Location) -> tuple[dict, dict]:
    """Finish or clear what an earlier run left, convert a version 0.1 folder, add the columns of a newer schema,
    and check for damage before anything is written; returns the state (feeds, articles)."""
    for note in dataset.recover(output) + convert.convert(output):
        LOG.warning(note)
    for table in PUBLIC_TABLES:
        if added := delta_tables.add_missing_columns(output, table):
            LOG.warning("added the columns %s of schema version %s to the %s table", ", ".join(added), SCHEMA_VERSION,
                        table.name)
    dataset.check_tables(output)
    feeds_state, articles_state = dataset.load_state(output)
    dataset.check_state_against_tables(output, articles_state)
    return feeds_state, articles_state


def _execute_locked(settings: RunSettings, output: Location, pipeline_args: list[str], beam_args: list[str],
                    now: dt.datetime | None) -> dict:
    """`pipeline_args` as the user gave them (the manifest keeps them), `beam_args` as every pipeline of the run
    gets them (asked of the cluster once)."""
    started = now or dt.datetime.now(dt.timezone.utc)
    run_id = new_run_id(started)
    feeds_state, articles_state = open_dataset(output)
    known_feeds, known_articles = ({}, {}) if settings.full_refresh else (feeds_state, articles_state)
    sources = tuple(
        FeedSource(url, known_feeds.get(url, {}).get("etag"), known_feeds.get(url, {}).get("last_modified"))
        for url in settings.feeds
    )
    staging = dataset.staging_dir(output, run_id)
    progress_dir = _progress_dir(staging) if settings.progress else None
    config = PipelineConfig(
        sources=sources,
        staging_dir=str(staging),
        run_id=run_id,
        run_date=started.date(),
        policy=settings.policy,
        model=settings.model,
        since=settings.since,
        seen_path=str(dataset.articles_state_path(output)) if known_articles else None,
        progress_dir=str(progress_dir) if progress_dir else None,
        fetch_buckets=LOCAL_BUCKETS if settings.runner in LOCAL_RUNNERS else CLUSTER_BUCKETS,
        max_article_seconds=settings.max_article_seconds,
        deadline=(time.time() + settings.max_run_minutes * 60) if settings.max_run_minutes else None,
        workers=(settings.workers or local_workers()) if _reads_in_this_process(settings, pipeline_args) else 1,
        read_groups=1 if settings.runner in LOCAL_RUNNERS else CLUSTER_GROUPS,
    )
    progress = ProgressLine(progress_dir, len(sources), sys.stderr) if progress_dir else contextlib.nullcontext()
    try:
        with progress:
            _run_pipeline(settings, beam_args, lambda p: build_feeds(p, config))
            entries = staged_entries(staging)
            if entries:
                start_readers(config.model, config.workers)  # they load the model while the first chunk is fetched
            _run_chunks(settings, beam_args, config, entries)
            stop_readers()  # the copies, tolls and events need the memory they held, not them
    except BaseException:
        staging.remove()  # nothing of a failed run is committed
        raise
    finally:
        if progress_dir is not None and not staging.is_local:
            shutil.rmtree(progress_dir, ignore_errors=True)

    resolving = time.monotonic()
    try:
        derived = resolution.prepare(output, staging, articles_state)
        if derived["replaced_windows"]:
            _run_pipeline(settings, beam_args, lambda p: build_events(p, EventsConfig(
                tuple(derived["replaced_windows"]), str(output), str(staging), run_id)))
    except BaseException:
        staging.remove()
        raise
    resolved = time.monotonic()
    counts = {**count_run(staging, len(sources)), "articles_duplicate": derived["duplicates"],
              "events_resolved": dataset.count_staged_rows(staging, "events"),
              "event_windows": len(derived["replaced_windows"]), "tolls": derived["tolls"]}
    problems = check_identities(counts)
    manifest = {
        "run_id": run_id,
        "started_at": started.isoformat(),
        "ended_at": dt.datetime.now(dt.timezone.utc).isoformat(),
        "options": {
            "feeds": list(settings.feeds),
            "output": str(output),
            "runner": settings.runner,
            "model": settings.model,
            "full_refresh": settings.full_refresh,
            "since": settings.since.isoformat() if settings.since else None,
            "max_failure_ratio": settings.max_failure_ratio,
            "policy": dataclasses.asdict(settings.policy),
            "pipeline_args": pipeline_args,
        },
        "versions": versions(settings.model),
        "counts": counts,
        "failure_ratio": round(failure_ratio(counts), 4),
        "resolution_seconds": round(resolved - resolving, 3),  # copies and tolls, then the events pipeline
        "rejects": rejects_by_reason(staging),
        "accounting_problems": problems,
        "command": sys.argv,
    }
    feeds_next, articles_next = dataset.next_state(feeds_state, articles_state, staging, derived["copy_keys"])
    dataset.stage_commit(staging, feeds_next, articles_next, manifest, articles_state, derived["replaced_windows"])
    try:
        return dataset.finish_commit(output, staging)
    except Exception as error:
        raise dataset.CommitUnfinished(
            f"run {run_id} was staged for commit, but the commit stopped: {type(error).__name__}: {error}. What it "
            "committed to the tables stays; the next run finishes the commit once the cause is fixed") from error
