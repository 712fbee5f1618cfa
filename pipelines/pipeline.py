"""The pipeline graph: one chain of named stages from the feeds to the one Parquet writer.

Each stage takes the records of its kind and passes the others on
(`transforms.stage.RecordStage`), so failures and bookkeeping travel as
records down the chain into the writer, the runner-portable way (DESIGN.md:
Create, Map / FlatMap / Filter emitting from process(), GroupByKey, Flatten,
one terminal writer; no tagged outputs).
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import apache_beam as beam

from casualty_events.schemas.records import FeedSource
from casualty_events.transforms.articles import ExtractArticles
from casualty_events.transforms.extract_casualties import DEFAULT_MAX_ARTICLE_SECONDS, ExtractCasualties
from casualty_events.transforms.feeds import ReadFeeds
from casualty_events.transforms.fetch import LOCAL_BUCKETS, FetchArticles
from casualty_events.transforms.http import FetchPolicy
from casualty_events.transforms.progress import Tally
from casualty_events.transforms.screen import OnePerArticle, SkipSeen, SkipUnchanged
from casualty_events.transforms.write import WriteTables, write_group


@dataclasses.dataclass(frozen=True)
class PipelineConfig:
    """Everything the graph needs, fixed before the pipeline starts."""

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


def build(pipeline: beam.Pipeline, config: PipelineConfig) -> None:
    """Wire the stages onto `pipeline`."""
    (
        pipeline
        | "Feeds" >> beam.Create(list(config.sources))
        | "ReadFeeds" >> ReadFeeds(config.policy, config.fetch_buckets, config.deadline)
        | "FeedProgress" >> Tally(config.progress_dir, "feeds")
        | "OnePerArticle" >> OnePerArticle()
        | "SkipSeen" >> SkipSeen(config.seen_path, config.run_id, config.since)
        | "FetchArticles" >> FetchArticles(config.policy, config.fetch_buckets, config.deadline)
        | "ExtractArticles" >> ExtractArticles(config.deadline)
        | "SkipUnchanged" >> SkipUnchanged(config.seen_path, config.run_id)
        | "ExtractCasualties" >> ExtractCasualties(config.model, config.max_article_seconds, config.deadline)
        | "ArticleProgress" >> Tally(config.progress_dir, "articles")
        | "WriteTables" >> WriteTables(config.staging_dir, config.run_id, config.run_date)
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
