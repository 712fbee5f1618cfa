"""Screening entries before work is spent on them: one entry per article in a run, nothing already done.

The articles of earlier runs come from the state's `articles.json`, read once
per worker process and run: a file, not a side input, because the state holds
every article ever processed, and a side input of 100,000 elements, pickled
into the job graph and decoded bundle by bundle, added 45 s to a run. Plain
Python: the Beam stages are in `screen`, and the worker processes that read
pages use `screen_article` without importing Beam.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json

from casualty_events.schemas.records import Article, FeedEntry, SkippedEntry
from casualty_events.transforms.articles import canonical_url
from casualty_events.transforms.storage import Location


@dataclasses.dataclass(frozen=True)
class SeenArticle:
    """What the dataset already holds of an article, from the state of earlier runs.

    `rejected` names a reason that fetching the page again would not change (its language): no content hash then.
    """

    content_hash: str | None
    entry_updated: str | None
    rejected: str | None = None


@functools.lru_cache(maxsize=2)
def seen_articles(path: str | None, run_id: str) -> dict[str, SeenArticle]:
    """The articles of earlier runs (`path`: the state's articles.json, a path or URI; None: none)."""
    if path is None:
        return {}
    known = json.loads(Location.of(path).read_bytes().decode("utf-8"))
    return {url: SeenArticle(a.get("content_hash"), a.get("entry_updated"), a.get("rejected"))
            for url, a in known.items()}


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


def screen_article(article: Article, seen: dict) -> Article | SkippedEntry:
    """An article whose text is what the dataset already holds adds nothing: skip it."""
    known = seen.get(canonical_url(article.entry_url))
    if known is not None and known.content_hash == article.content_hash:
        return SkippedEntry(article.feed_url, article.entry_url, "unchanged", article.entry_updated_at)
    return article
