"""The pipeline graph: named stages wired from feeds to the one Parquet writer.

Only the runner-portable subset of Beam is used (DESIGN.md): Create, Map /
FlatMap / Filter emitting from process(), GroupByKey, side inputs, Flatten,
one terminal writer. Failures and bookkeeping travel as records into that
writer instead of through tagged outputs.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json

import apache_beam as beam

from schemas.records import Article, FeedEntry, FeedSource, FetchedPage, Reject, SkippedEntry
from transforms.articles import ExtractArticles, canonical_url
from transforms.extract_casualties import ExtractCasualties
from transforms.feeds import ReadFeeds
from transforms.fetch import FetchArticles
from transforms.http import FetchPolicy
from transforms.progress import Tally
from transforms.storage import Location
from transforms.write import WriteTables


@dataclasses.dataclass(frozen=True)
class SeenArticle:
    """What the dataset already holds of an article, from the state of earlier runs.

    `rejected` names a reason that fetching the page again would not change (its language): no content hash then.
    """

    content_hash: str | None
    entry_updated: str | None
    rejected: str | None = None


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
    seen_path: str | None = None  # the state's articles.json (a path or URI); None: nothing seen (first run, --full-refresh)
    progress_dir: str | None = None


@functools.lru_cache(maxsize=2)
def seen_articles(path: str | None, run_id: str) -> dict[str, SeenArticle]:
    """The articles of earlier runs, read once per worker process and run.

    A file, not a side input: the state holds every article ever processed, and a side input of
    100,000 elements, pickled into the job graph and decoded bundle by bundle, added 45 s to a run.
    """
    if path is None:
        return {}
    known = json.loads(Location.of(path).read_bytes().decode("utf-8"))
    return {url: SeenArticle(a.get("content_hash"), a.get("entry_updated"), a.get("rejected"))
            for url, a in known.items()}


def is_a(kind):
    return lambda record: isinstance(record, kind)


def is_not(*kinds):
    return lambda record: not isinstance(record, kinds)


def entry_key(entry: FeedEntry) -> str:
    return canonical_url(entry.url)


def first_of_duplicates(key: str, entries) -> list[FeedEntry | SkippedEntry]:
    """One entry per article in a run; the others are accounted for as duplicates."""
    ordered = sorted(entries, key=lambda e: (e.feed_url, e.entry_id or "", e.url))
    return [ordered[0]] + [SkippedEntry(e.feed_url, e.url, "duplicate_entry") for e in ordered[1:]]


def screen_entry(entry: FeedEntry, seen: dict, since: dt.date | None) -> FeedEntry | SkippedEntry:
    """Skip entries older than --since, articles already processed whose entry has not changed, and articles
    already rejected for good."""
    if since is not None and entry.published_at is not None and entry.published_at.date() < since:
        return SkippedEntry(entry.feed_url, entry.url, "older_than_since")
    known = seen.get(entry_key(entry))
    if known is not None and (known.rejected or entry.updated_at is None
                              or entry.updated_at.isoformat() == known.entry_updated):
        return SkippedEntry(entry.feed_url, entry.url, "seen")
    return entry


def screen_article(record, seen: dict):
    """An article whose text is what the dataset already holds adds nothing: skip it."""
    if isinstance(record, Article):
        known = seen.get(canonical_url(record.entry_url))
        if known is not None and known.content_hash == record.content_hash:
            return SkippedEntry(record.feed_url, record.entry_url, "unchanged", record.entry_updated_at)
    return record


def build(pipeline: beam.Pipeline, config: PipelineConfig) -> None:
    """Wire the stages onto `pipeline`."""
    seen_path, run_id, since = config.seen_path, config.run_id, config.since
    feed_records = (
        pipeline
        | "Feeds" >> beam.Create(list(config.sources))
        | "ReadFeeds" >> ReadFeeds(config.policy)
        | "FeedProgress" >> Tally(config.progress_dir)
    )
    entries = (
        feed_records
        | "Entries" >> beam.Filter(is_a(FeedEntry))
        | "KeyByArticle" >> beam.Map(lambda entry: (entry_key(entry), entry))
        | "GroupByArticle" >> beam.GroupByKey()
        | "OnePerArticle" >> beam.FlatMapTuple(first_of_duplicates)
        | "SkipSeen" >> beam.Map(lambda entry: screen_entry(entry, seen_articles(seen_path, run_id), since))
    )
    pages = (
        entries
        | "ToFetch" >> beam.Filter(is_a(FeedEntry))
        | "FetchArticles" >> FetchArticles(config.policy)
    )
    articles = (
        pages
        | "Fetched" >> beam.Filter(is_a(FetchedPage))
        | "ExtractArticles" >> ExtractArticles()
        | "SkipUnchanged" >> beam.Map(lambda record: screen_article(record, seen_articles(seen_path, run_id)))
    )
    extracted = (
        articles
        | "NewArticles" >> beam.Filter(is_a(Article))
        | "ExtractCasualties" >> ExtractCasualties(config.model)
        | "ArticleProgress" >> Tally(config.progress_dir)
    )
    (
        (
            feed_records | "FeedOutcomes" >> beam.Filter(is_not(FeedEntry)),
            entries | "Skipped" >> beam.Filter(is_a(SkippedEntry)),
            pages | "FetchRejects" >> beam.Filter(is_a(Reject)),
            articles | "ArticleRejectsAndSkips" >> beam.Filter(is_not(Article)),
            extracted,
        )
        | "AllRecords" >> beam.Flatten()
        | "WriteTables" >> WriteTables(config.staging_dir, config.run_id, config.run_date)
    )
