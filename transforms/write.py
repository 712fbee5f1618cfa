"""WriteTables: every record of the run as a row of one table, written as Parquet.

The one terminal writer of the pipeline (the DaskRunner runs only the last
leaf of a graph): rows are grouped by (table, partition, shard) and each group
is written by pyarrow with the table's explicit schema, to a temporary name
that is then renamed, inside the run's staging folder. Nothing there is seen
by readers until the driver commits the run (`pipelines.dataset`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
from casualty_events.schemas.records import (
    Article,
    ArticleMention,
    ExtractedArticle,
    FeedEntry,
    FeedStatus,
    Reject,
    SkippedEntry,
)
from casualty_events.schemas.tables import SCHEMA_VERSION, TABLES
from casualty_events.transforms.storage import Location

# (table name, partition value or None, row)
TableRow = tuple[str, str | None, dict]


def article_row(article: Article, mentions: int, run_id: str) -> TableRow:
    row = dict(vars(article))  # plain values: no need for `dataclasses.asdict`'s deep copy
    row.update(mentions=mentions, run_id=run_id)
    return "articles", article.published_at.date().isoformat(), row


def mention_row(item: ArticleMention, run_id: str) -> TableRow:
    mention, article = item.mention, item.article
    row = mention.to_json()
    event_date = mention.event_date or article.published_at.date()
    del row["event_date"]
    row.update(
        **mention.fact_ids(article.article_id),
        mention_id=item.mention_id,
        article_id=article.article_id,
        url=article.url,
        title=article.title,
        source=article.source,
        published_at=article.published_at,
        content_hash=article.content_hash,
        run_id=run_id,
    )
    return "mentions", event_date.isoformat(), row


def table_rows(element, run_id: str, run_date: dt.date) -> list[TableRow]:
    """The rows one pipeline record contributes to the tables."""
    if isinstance(element, Reject):
        return [("rejects", run_date.isoformat(), {**dataclasses.asdict(element), "run_id": run_id})]
    if isinstance(element, FeedStatus):
        return [("_feeds", None, {**dataclasses.asdict(element), "run_id": run_id})]
    if isinstance(element, SkippedEntry):
        return [("_skipped", None, {**dataclasses.asdict(element), "run_id": run_id})]
    if isinstance(element, FeedEntry):
        return [("_entries", None, dataclasses.asdict(element))]
    if not isinstance(element, ExtractedArticle):
        raise TypeError(f"no table takes a {type(element).__name__}")
    return ([article_row(element.article, len(element.mentions), run_id),
             ("_copy_keys", None, {"article_id": element.article.article_id, "copy_keys": list(element.copy_keys)})]
            + [mention_row(m, run_id) for m in element.mentions])


def shard_of(row: dict, shards: int) -> int:
    """A stable shard number, so reruns of the same input write the same files."""
    key = row.get("mention_id") or row.get("article_id") or repr(sorted(row.items()))
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % shards


def sort_key(row: dict) -> tuple:
    """Rows in a file in a fixed order, whatever order the runner delivered them."""
    return tuple(str(row.get(column)) for column in (
        "event_date", "published_at", "article_id", "char_start", "mention_id", "stage", "url", "feed_url", "reason",
    ))


def part_path(staging_dir: str, table: str, partition: str | None, run_id: str, shard: int, part: str = "") -> Location:
    """`table/column=value/part-<run_id>[-<part>]-<shard>.parquet` under the staging folder (a path or a URI); `part`
    tells apart the files of the pipelines of one run (its feeds, its chunks of articles)."""
    folder = Location.of(staging_dir) / table
    column = TABLES[table].partition_column
    if column is not None:
        folder = folder / f"{column}={partition}"
    return folder / f"part-{run_id}{'-' + part if part else ''}-{shard:05d}.parquet"


def write_part(staging_dir: str, table: str, partition: str | None, shard: int, rows: list[dict], run_id: str,
               part: str = "") -> str:
    """Write one group of rows as a complete Parquet file: temp name, then rename."""
    schema = TABLES[table].schema
    ordered = sorted(rows, key=sort_key)
    data = pa.Table.from_pylist([{name: row.get(name) for name in schema.names} for row in ordered], schema=schema)
    data = data.replace_schema_metadata({"schema_version": SCHEMA_VERSION, "table": table, "run_id": run_id})
    path = part_path(staging_dir, table, partition, run_id, shard, part)
    temporary = path.parent() / f".{path.name}.{os.getpid()}.tmp"
    temporary.parent().make_dir()
    pq.write_table(data, temporary.path, filesystem=temporary.filesystem)
    temporary.move_to(path)
    return str(path)


def write_group(group: tuple[tuple[str, str | None, int], list[dict]], staging_dir: str, run_id: str,
                part: str = "") -> str:
    """Write one (table, partition, shard) group that GroupByKey gathered."""
    (table, partition, shard), rows = group
    return write_part(staging_dir, table, partition, shard, list(rows), run_id, part)


class WriteTables(beam.PTransform):
    """Records -> the paths of the Parquet files written into the staging folder."""

    def __init__(self, staging_dir: str, run_id: str, run_date: dt.date, shards: int = 1, part: str = ""):
        super().__init__()
        self.staging_dir, self.run_id, self.run_date, self.shards, self.part = staging_dir, run_id, run_date, shards, part

    def expand(self, records):
        return (
            records
            | "ToRows" >> beam.FlatMap(table_rows, self.run_id, self.run_date)
            | "KeyByFile" >> beam.Map(lambda row, shards: ((row[0], row[1], shard_of(row[2], shards)), row[2]),
                                      self.shards)
            | "GroupByFile" >> beam.GroupByKey()
            | "WriteParquet" >> beam.Map(write_group, self.staging_dir, self.run_id, self.part)
        )
