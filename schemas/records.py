"""Records that travel between the pipeline's stages.

Plain frozen dataclasses: picklable on every runner, testable without Beam.
A stage emits its results and its failures into one PCollection; failures are
`Reject`s, so that nothing is dropped and one writer accounts for everything.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from casualty_events.schemas.mention import Mention


@dataclasses.dataclass(frozen=True)
class FeedSource:
    """A feed to read, as the user named it, with the validators from the last run."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclasses.dataclass(frozen=True)
class FeedStatus:
    """How reading one feed went: `ok`, `not_modified` or `failed`."""

    feed_url: str
    status: str
    entries: int
    etag: str | None
    last_modified: str | None
    reason: str | None = None


@dataclasses.dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: an article to fetch."""

    feed_url: str
    url: str
    title: str | None
    published_at: dt.datetime | None
    updated_at: dt.datetime | None
    entry_id: str | None


@dataclasses.dataclass(frozen=True)
class FetchedPage:
    """The raw bytes of an article, as the server (or the disk) gave them."""

    entry: FeedEntry
    final_url: str
    status: int
    content_type: str | None
    body: bytes
    fetched_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class Article:
    """An article's body text and metadata, as trafilatura extracted them."""

    article_id: str
    url: str
    canonical_url: str
    feed_url: str
    entry_url: str
    entry_updated_at: dt.datetime | None
    title: str | None
    source: str | None
    author: str | None
    published_at: dt.datetime
    published_from: str
    language: str | None
    text: str
    content_hash: str
    fetched_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class ArticleMention:
    """A mention with the article it came from."""

    mention_id: str
    article: Article
    mention: Mention


@dataclasses.dataclass(frozen=True)
class ExtractedArticle:
    """An article with every mention the extractor found in it (none, for many), and its text's band keys
    (`transforms.duplicates`), made where the text is read, on every core, so that the run finds its copies
    without hashing all its texts again at its end."""

    article: Article
    mentions: tuple[ArticleMention, ...]
    copy_keys: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class SkippedEntry:
    """An entry not processed again: its article is already in the dataset unchanged."""

    feed_url: str
    url: str
    reason: str
    entry_updated_at: dt.datetime | None = None


@dataclasses.dataclass(frozen=True)
class Reject:
    """An input that failed at some stage, with the reason; never dropped silently."""

    stage: str
    reason: str
    detail: str
    url: str | None
    feed_url: str | None
