"""Explicit pyarrow schemas of the output tables, never inferred from rows.

Instants are `timestamp[us, tz=UTC]`, dates `date32`. The hive partition
column (`event_date`, `published_date`, `run_date`, `as_of_date`) is not stored in the files:
readers get it, typed as a date, from the folder name.
"""
from __future__ import annotations

import dataclasses

import pyarrow as pa

SCHEMA_VERSION = "4"

UTC_INSTANT = pa.timestamp("us", tz="UTC")

MENTIONS = pa.schema(
    [
        pa.field("mention_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("outcome", pa.string(), nullable=False),
        pa.field("count", pa.int64(), nullable=False),
        pa.field("count_high", pa.int64()),
        pa.field("count_qualifier", pa.string(), nullable=False),
        pa.field("scope", pa.string(), nullable=False),
        pa.field("victims", pa.string()),
        pa.field("location", pa.string()),
        pa.field("country_code", pa.string()),
        pa.field("latitude", pa.float64()),
        pa.field("longitude", pa.float64()),
        pa.field("place_precision", pa.string()),
        pa.field("admin1", pa.string()),  # the state or province's name, where known (schema version 3)
        pa.field("admin1_code", pa.string()),
        pa.field("geonames_id", pa.int64()),
        pa.field("cause", pa.string()),  # violence, accident, disaster, disease, unknown (schema version 4)
        pa.field("mechanism", pa.string()),  # how, where the text says: shooting, airstrike, road, flood, ...
        pa.field("date_precision", pa.string(), nullable=False),
        pa.field("attribution", pa.string()),
        pa.field("evidence", pa.string(), nullable=False),
        pa.field("char_start", pa.int32()),
        pa.field("char_end", pa.int32()),
        pa.field("fact_id", pa.string()),  # null only in rows written before schema version 2
        pa.field("part_of", pa.string()),
        pa.field("url", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("source", pa.string()),
        pa.field("published_at", UTC_INSTANT, nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

ARTICLES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),
        pa.field("canonical_url", pa.string(), nullable=False),
        pa.field("feed_url", pa.string(), nullable=False),
        pa.field("entry_url", pa.string(), nullable=False),
        pa.field("entry_updated_at", UTC_INSTANT),
        pa.field("title", pa.string()),
        pa.field("source", pa.string()),
        pa.field("author", pa.string()),
        pa.field("published_at", UTC_INSTANT, nullable=False),
        pa.field("published_from", pa.string(), nullable=False),
        pa.field("language", pa.string()),
        pa.field("text", pa.string(), nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("fetched_at", UTC_INSTANT, nullable=False),
        pa.field("mentions", pa.int32(), nullable=False),
        pa.field("duplicate_of", pa.string()),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

_ESTIMATES = [
    pa.field(f"{outcome}{suffix}", pa.int64())
    for outcome in ("killed", "injured", "missing", "captured") for suffix in ("", "_low", "_high")
]

EVENTS = pa.schema(
    [
        pa.field("event_id", pa.string(), nullable=False),
        pa.field("event_window", pa.string(), nullable=False),
        pa.field("date_precision", pa.string(), nullable=False),
        *_ESTIMATES,
        pa.field("location", pa.string()),
        pa.field("admin1", pa.string()),  # the state or province's name, where known (schema version 3)
        pa.field("admin1_code", pa.string()),  # ISO 3166-2, where known
        pa.field("country_code", pa.string()),
        pa.field("latitude", pa.float64()),
        pa.field("longitude", pa.float64()),
        pa.field("place_precision", pa.string(), nullable=False),
        pa.field("geonames_id", pa.int64()),
        pa.field("cause", pa.string()),  # what most of its reports say (schema version 4)
        pa.field("mechanism", pa.string()),
        pa.field("articles", pa.int32(), nullable=False),
        pa.field("sources", pa.int32()),
        pa.field("first_reported_at", UTC_INSTANT),
        pa.field("last_reported_at", UTC_INSTANT),
        pa.field("article_ids", pa.list_(pa.string()), nullable=False),
        pa.field("fact_ids", pa.list_(pa.string()), nullable=False),
        pa.field("merged_ids", pa.list_(pa.string()), nullable=False),  # ids of earlier events merged into it
        pa.field("evidence", pa.string(), nullable=False),
        pa.field("evidence_article_id", pa.string(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

TOLLS = pa.schema(
    [
        pa.field("series_id", pa.string(), nullable=False),
        pa.field("series", pa.string(), nullable=False),
        pa.field("outcome", pa.string(), nullable=False),
        pa.field("who", pa.string(), nullable=False),
        pa.field("victims", pa.string()),
        pa.field("count", pa.int64(), nullable=False),
        pa.field("count_high", pa.int64()),
        pa.field("count_qualifier", pa.string(), nullable=False),
        pa.field("date_precision", pa.string(), nullable=False),
        pa.field("location", pa.string()),
        pa.field("country_code", pa.string()),
        pa.field("fact_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("statements", pa.int32(), nullable=False),
        pa.field("evidence", pa.string(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

REJECTS = pa.schema(
    [
        pa.field("stage", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("detail", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("feed_url", pa.string()),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

FEEDS = pa.schema(
    [
        pa.field("feed_url", pa.string(), nullable=False),
        pa.field("status", pa.string(), nullable=False),
        pa.field("entries", pa.int32(), nullable=False),
        pa.field("etag", pa.string()),
        pa.field("last_modified", pa.string()),
        pa.field("reason", pa.string()),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

SKIPPED = pa.schema(
    [
        pa.field("feed_url", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("entry_updated_at", UTC_INSTANT),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

# The entries the feeds gave a run to fetch: the driver reads them back and hands them to the article stages in
# chunks, so that a run of any size holds one chunk of pages in memory at a time.
ENTRIES = pa.schema(
    [
        pa.field("feed_url", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("published_at", UTC_INSTANT),
        pa.field("updated_at", UTC_INSTANT),
        pa.field("entry_id", pa.string()),
    ]
)

# The band keys of the texts a run read (`transforms.duplicates`), made by the workers that read them: the driver
# finds the run's copies with them and keeps them in the state.
COPY_KEYS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("copy_keys", pa.list_(pa.string()), nullable=False),
    ]
)


@dataclasses.dataclass(frozen=True)
class Table:
    """A table of the dataset: its folder, its hive partition column and its schema.

    Tables whose name starts with `_` are the run's own bookkeeping (feed
    statuses, skipped entries, entries to fetch, the band keys of its texts), staged and never published. The others are
    Delta tables; `replaced_by` names the column whose values a run replaces
    (an article processed again replaces its rows; a window of events
    resolved again replaces its events), None for a log that only grows.
    """

    name: str
    partition_column: str | None
    schema: pa.Schema
    replaced_by: str | None = None

    @property
    def public(self) -> bool:
        return not self.name.startswith("_")


TABLES = {
    table.name: table
    for table in (
        Table("mentions", "event_date", MENTIONS, replaced_by="article_id"),
        Table("articles", "published_date", ARTICLES, replaced_by="article_id"),
        Table("rejects", "run_date", REJECTS),
        Table("events", "event_date", EVENTS, replaced_by="event_window"),
        Table("tolls", "as_of_date", TOLLS, replaced_by="article_id"),
        Table("_feeds", None, FEEDS),
        Table("_skipped", None, SKIPPED),
        Table("_entries", None, ENTRIES),
        Table("_copy_keys", None, COPY_KEYS),
    )
}

PUBLIC_TABLES = tuple(table for table in TABLES.values() if table.public)
