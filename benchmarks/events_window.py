"""The events stage's memory and time follow the window it resolves, not the size of the dataset.

Usage: python benchmarks/events_window.py [--months 1 6 24] [--articles 300]

For each size, builds a mentions table of --months months with --articles
articles a month (two incident mentions and a headline each, in 30 towns of one
country), as a real run's files committed through the Delta commit code, then
stages one new article in the last month and times `resolution.window_events`
for its window in a fresh process, with how much the window raised the
process's peak resident set (Arrow's buffers included). A flat peak from 1 to 24 months is what the stage
promises: a run reads the months its windows need, never the whole table.
"""
from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import pathlib
import resource
import tempfile
import time

from casualty_events.pipelines import dataset, delta_tables
from casualty_events.pipelines.resolution import window_events
from casualty_events.schemas.tables import TABLES
from casualty_events.transforms.casualties.gazetteer import lookup
from casualty_events.transforms.casualties.lexicon import en
from casualty_events.transforms.storage import Location
from casualty_events.transforms.write import write_part

START = dt.date(2024, 1, 1)
TOWNS = ["Dayton", "Toledo", "Akron", "Columbus", "Cleveland", "Cincinnati", "Youngstown", "Canton", "Lorain",
         "Hamilton", "Springfield", "Kettering", "Elyria", "Lakewood", "Cuyahoga Falls", "Middletown", "Euclid",
         "Newark", "Mansfield", "Mentor", "Beavercreek", "Strongsville", "Fairfield", "Dublin", "Warren",
         "Findlay", "Lancaster", "Lima", "Huber Heights", "Marion"]


def mention(article: str, fact: int, day: dt.date, town: str, run_id: str, start: int | None) -> dict:
    at = dt.datetime.combine(day, dt.time(12), dt.timezone.utc)
    return {
        "mention_id": f"{article}-{fact}-{start}", "article_id": article, "outcome": "killed", "count": 1 + fact,
        "count_high": None, "count_qualifier": "exact", "scope": "incident", "victims": "people", "location": town,
        "country_code": "US", "latitude": None, "longitude": None, "date_precision": "day", "attribution": None,
        "evidence": f"{1 + fact} people were killed in {town}, police said of the shooting on Elm Street.",
        "char_start": start, "char_end": None if start is None else start + 60, "fact_id": f"{article}/f{fact}",
        "part_of": None, "url": f"https://news.example/{article}", "title": None, "source": "news.example",
        "published_at": at, "content_hash": article, "run_id": run_id, "event_date": day,
    }


def build(output: Location, months: int, articles: int) -> None:
    """The mentions table of `months` months, one commit a month."""
    for month in range(months):
        run_id = f"run{month:04d}"
        first = (START.replace(day=1) + dt.timedelta(days=31 * month)).replace(day=1)
        staging = dataset.staging_dir(output, run_id)
        by_day: dict[dt.date, list[dict]] = {}
        for number in range(articles):
            day = first + dt.timedelta(days=number % 28)
            town = TOWNS[number % len(TOWNS)]
            article = f"a{month:04d}-{number:05d}"
            rows = [mention(article, 0, day, town, run_id, 0), mention(article, 0, day, town, run_id, None),
                    mention(article, 1, day, town, run_id, 80)]
            by_day.setdefault(day, []).extend(rows)
        for day, rows in by_day.items():
            write_part(str(staging), "mentions", day.isoformat(), 0, rows, run_id)
        files = dataset.staged_files(staging)["mentions"]
        for data_file in files:
            (staging / "mentions" / data_file.path).move_to(output / "mentions" / data_file.path)
        delta_tables.commit_run(output, TABLES["mentions"], run_id, files, {})
        staging.remove()


def measure(months: int, articles: int) -> tuple[float, float, int]:
    """(seconds, peak MiB, events) of resolving the last month's window, in a process of its own."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:  # delta-rs does not survive a fork
        return pool.apply(_measure, (months, articles))


def _measure(months: int, articles: int) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as folder:
        output = Location.of(pathlib.Path(folder) / "out")
        build(output, months, articles)
        last = (START.replace(day=1) + dt.timedelta(days=31 * (months - 1))).replace(day=1)
        staging = dataset.staging_dir(output, "new-run")
        new = mention("new-article", 0, last + dt.timedelta(days=3), "Dayton", "new-run", 0)
        write_part(str(staging), "mentions", new["event_date"].isoformat(), 0, [new], "new-run")
        write_part(str(staging), "articles", last.isoformat(), 0, [], "new-run")
        lookup("Dayton", en, "US")  # the gazetteer, loaded once per process whatever the window
        before = _resident_mib()
        started = time.perf_counter()
        events = window_events(f"US/{last:%Y-%m}", output.uri, staging.uri)
        seconds = time.perf_counter() - started
        return seconds, _resident_mib() - before, len(events)


def _resident_mib() -> float:
    """The process's peak resident set so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, nargs="+", default=[1, 6, 24])
    parser.add_argument("--articles", type=int, default=300, help="articles a month")
    args = parser.parse_args()
    print(f"{'months':>6}  {'mentions':>9}  {'window s':>8}  {'peak growth MiB':>15}  {'events':>6}")
    for months in args.months:
        seconds, peak, events = measure(months, args.articles)
        print(f"{months:>6}  {months * args.articles * 3:>9}  {seconds:>8.2f}  {peak:>15.1f}  {events:>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
