"""The pipeline graphs: the feeds to the entries a run fetches, then chunks of entries to the rows of the tables.

Each stage takes the records of its kind and passes the others on
(`transforms.stage.RecordStage`), so failures and bookkeeping travel as
records down the chain into the writer, the runner-portable way (DESIGN.md:
Create, Map / FlatMap / Filter emitting from process(), GroupByKey, Flatten,
one terminal writer; no tagged outputs). A run is several pipelines (see
`pipelines.run`): the feeds' graph stages the entries to fetch, and the
articles' graph runs once per chunk of them, so that a run of any size holds
one chunk of pages at a time.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import apache_beam as beam

from casualty_events.schemas.records import FeedEntry, FeedSource
from casualty_events.transforms.extract_casualties import DEFAULT_MAX_ARTICLE_SECONDS
from casualty_events.transforms.feeds import ReadFeeds
from casualty_events.transforms.fetch import LOCAL_BUCKETS, FetchArticles
from casualty_events.transforms.http import FetchPolicy
from casualty_events.transforms.progress import Tally
from casualty_events.transforms.page_reading import ReadSettings
from casualty_events.transforms.read_articles import CLUSTER_GROUPS, ReadArticles
from casualty_events.transforms.screen import OnePerArticle, SkipSeen
from casualty_events.transforms.storage import Location
from casualty_events.transforms.write import WriteTables, write_group


@dataclasses.dataclass(frozen=True)
class PipelineConfig:
    """Everything the graphs need, fixed before the run starts."""

    sources: tuple[FeedSource, ...]
    staging_dir: str
    run_id: str
    run_date: dt.date
    policy: FetchPolicy
    model: str
    since: dt.date | None = None
    seen_path: str | None = None  # the state's articles.json (a path or URI); None: nothing seen
    progress_dir: str | None = None
    fetch_buckets: int = LOCAL_BUCKETS
    max_article_seconds: float | None = DEFAULT_MAX_ARTICLE_SECONDS
    deadline: float | None = None  # a time.time() instant (--max-run-minutes): later work is left for the next run
    workers: int = 1  # processes reading pages on this machine (a cluster's workers are Beam's)
    read_groups: int = CLUSTER_GROUPS

    @property
    def robots_dir(self) -> str:
        """Where the run keeps each site's robots.txt, read once for all its pipelines."""
        return str(Location.of(self.staging_dir) / "_robots")

    def read_settings(self) -> ReadSettings:
        return ReadSettings(self.model, self.seen_path, self.run_id, self.max_article_seconds, self.deadline)


# Feeds and entries are created without Beam's reshuffle: the fetch groups them by host at once (`PoliteFetch`),
# which spreads them over a cluster as well, and a reshuffle before it was one more grouping of every element
# (0.25 s of each chunk's pipeline, while the workers wait).


def build_feeds(pipeline: beam.Pipeline, config: PipelineConfig) -> None:
    """The feeds to the entries to fetch (staged as `_entries`), with the feeds' statuses and what was skipped."""
    (
        pipeline
        | "Feeds" >> beam.Create(list(config.sources), reshuffle=False)
        | "ReadFeeds" >> ReadFeeds(config.policy, config.fetch_buckets, config.deadline, config.robots_dir)
        | "FeedProgress" >> Tally(config.progress_dir, "feeds")
        | "OnePerArticle" >> OnePerArticle()
        | "SkipSeen" >> SkipSeen(config.seen_path, config.run_id, config.since)
        | "WriteTables" >> WriteTables(config.staging_dir, config.run_id, config.run_date, part="feeds")
    )


def build_articles(pipeline: beam.Pipeline, config: PipelineConfig, entries: list[FeedEntry], chunk: int) -> None:
    """One chunk of entries to articles, mentions and rejects, written as the chunk's own files."""
    (
        pipeline
        | "Entries" >> beam.Create(entries, reshuffle=False)
        | "FetchArticles" >> FetchArticles(config.policy, config.fetch_buckets, config.deadline, config.robots_dir)
        | "ReadArticles" >> ReadArticles(config.read_settings(), config.workers, config.read_groups)
        | "ArticleProgress" >> Tally(config.progress_dir, "articles")
        | "WriteTables" >> WriteTables(config.staging_dir, config.run_id, config.run_date, part=f"chunk{chunk:05d}")
    )


@dataclasses.dataclass(frozen=True)
class EventsConfig:
    """The event windows a run touches, and where the dataset and the run's staged rows are."""

    windows: tuple[str, ...]
    output: str
    staging_dir: str
    run_id: str


def build_events(pipeline: beam.Pipeline, config: EventsConfig) -> None:
    """Resolve each window's events (a window per element, so a cluster spreads them over its workers) and write
    them by event date, through the same grouped writer as the tables."""
    from casualty_events.pipelines.resolution import window_events

    (
        pipeline
        | "Windows" >> beam.Create(list(config.windows))
        | "ResolveWindow" >> beam.FlatMap(window_events, config.output, config.staging_dir)
        | "KeyByFile" >> beam.Map(lambda row: (("events", row["event_date"].isoformat(), 0), row))
        | "GroupByFile" >> beam.GroupByKey()
        | "WriteParquet" >> beam.Map(write_group, config.staging_dir, config.run_id)
    )
