"""What an hourly cron does to the tables, and what `casualties maintain` undoes.

Usage: python benchmarks/table_maintenance.py [--runs 500] [--articles 20] [--output DIR]

Commits --runs runs of --articles new articles each (three mentions an
article over the last days' event dates, one reject a run, one article in ten
processed again), through the same staging and commit code as a real run
(`pipelines.dataset`), then times a full-table DuckDB query over the Delta
tables (the deltalake dataset: the log read, then every file) before and
after compaction and vacuum. It prints the commit time per run, file counts,
query times (best of 3) and the maintenance time.
"""
from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import sys
import tempfile
import time

import deltalake
import duckdb

from casualty_events.pipelines import dataset, delta_tables, maintain
from casualty_events.schemas.tables import PUBLIC_TABLES, TABLES
from casualty_events.transforms.storage import Location
from casualty_events.transforms.write import write_part

START = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
QUERY = """SELECT event_date, outcome, count(*) AS mentions, sum("count") AS people
           FROM mentions GROUP BY ALL ORDER BY ALL"""


def article_rows(run: int, articles: int, run_id: str) -> tuple[list[dict], list[dict]]:
    """(article rows, mention rows) of one hourly run; every tenth article is one of the previous run's again."""
    hour = START + dt.timedelta(hours=run)
    articles_rows, mention_rows = [], []
    for number in range(articles):
        again = number % 10 == 0 and run > 0
        article_id = f"a-{run - 1 if again else run}-{number}"
        articles_rows.append({
            "article_id": article_id, "url": f"https://news.example/{article_id}",
            "canonical_url": f"https://news.example/{article_id}", "feed_url": "https://news.example/feed",
            "entry_url": f"https://news.example/{article_id}", "title": "A story", "published_at": hour,
            "published_from": "feed", "text": "Seven people were killed. " * 40, "content_hash": f"{run}",
            "fetched_at": hour, "mentions": 3, "run_id": run_id,
        })
        for n in range(3):
            mention_rows.append({
                "mention_id": f"{article_id}-{n}", "article_id": article_id, "outcome": ("killed", "injured")[n % 2],
                "count": 7 + n, "count_qualifier": "exact", "scope": "incident", "date_precision": "day",
                "evidence": "Seven people were killed.", "url": f"https://news.example/{article_id}",
                "published_at": hour, "content_hash": f"{run}", "run_id": run_id,
                "event_date": (hour - dt.timedelta(days=n)).date(),
            })
    return articles_rows, mention_rows


def commit_run(output: Location, run: int, articles: int) -> None:
    run_id = f"{START + dt.timedelta(hours=run):%Y%m%dT%H%M%S.%fZ}-bench{run:04d}"
    staging = dataset.staging_dir(output, run_id)
    articles_rows, mention_rows = article_rows(run, articles, run_id)
    hour = START + dt.timedelta(hours=run)
    write_part(str(staging), "articles", hour.date().isoformat(), 0, articles_rows, run_id)
    for date in sorted({row["event_date"] for row in mention_rows}):
        write_part(str(staging), "mentions", date.isoformat(), 0,
                   [row for row in mention_rows if row["event_date"] == date], run_id)
    write_part(str(staging), "rejects", hour.date().isoformat(), 0,
               [{"stage": "fetch", "reason": "http_404", "detail": "404", "url": "https://x", "run_id": run_id}], run_id)
    feeds, known = dataset.load_state(output)
    feeds_next, known_next = dataset.next_state(feeds, known, staging)
    dataset.stage_commit(staging, feeds_next, known_next, {"run_id": run_id}, known)
    dataset.finish_commit(output, staging)


def query_seconds(output: Location) -> tuple[float, int]:
    """Best of three: open the table through its log and run QUERY over every row."""
    best, rows = float("inf"), 0
    for _ in range(3):
        started = time.perf_counter()
        mentions = deltalake.DeltaTable(str(output / "mentions")).to_pyarrow_dataset()  # noqa: F841 (DuckDB reads it)
        rows = len(duckdb.sql(QUERY).fetchall())
        best = min(best, time.perf_counter() - started)
    return best, rows


def file_counts(output: Location) -> str:
    return ", ".join(f"{table.name} {len(delta_tables.live_files(deltalake.DeltaTable(str(output / table.name))))}"
                     f" ({len(delta_tables.files_on_disk(output, table))} on disk)" for table in PUBLIC_TABLES)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--output", type=pathlib.Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        output = Location.of(args.output or pathlib.Path(scratch) / "out")
        dataset.prepare_output(output)
        started = time.perf_counter()
        for run in range(args.runs):
            commit_run(output, run, args.articles)
        committing = time.perf_counter() - started
        rows = delta_tables.row_count(output, TABLES["mentions"])
        print(f"runs committed        {args.runs} of {args.articles} articles: {committing:.1f} s, "
              f"{committing / args.runs * 1000:.0f} ms a run; {rows} mention rows")
        print(f"files before          {file_counts(output)}")
        seconds, groups = query_seconds(output)
        print(f"query before          {seconds * 1000:.0f} ms ({groups} groups)")
        started = time.perf_counter()
        maintain.compact_and_vacuum(output, vacuum_hours=0)
        print(f"maintain              {time.perf_counter() - started:.1f} s")
        print(f"files after           {file_counts(output)}")
        seconds_after, groups_after = query_seconds(output)
        print(f"query after           {seconds_after * 1000:.0f} ms ({groups_after} groups), "
              f"{seconds / seconds_after:.1f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
