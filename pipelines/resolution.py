"""What a run derives from its staged rows before it commits: copies, tolls, events.

After the pipeline and before the commit marker. A run killed here leaves an
uncommitted staging folder, cleared by the next run like any other.

1. Copies (on the driver, which alone sees the dataset's copy keys in the
   state, from the keys the workers made of the run's texts as they read them):
   a run's article whose text is nearly that of an article already in
   the dataset, or of an older article of the same run (`transforms.duplicates`),
   gets `duplicate_of` and loses its mentions: it adds no fact.
2. Tolls (on the driver, from the run's own rows): the run's cumulative facts,
   one row each (`transforms.events.tolls`).
3. Events (by the runner, a window per element: `pipelines.pipeline.build_events`):
   every window the run's incident reports fall in, and every window whose
   events rest on an article the run processed again, is resolved anew from the
   mentions the dataset will hold once the run is committed: the months of the
   mentions table that the window needs, read through the log, and the run's
   own. Its memory follows the window, not the dataset. The commit replaces
   those windows' events (`replaced_windows`).
"""
from __future__ import annotations

import calendar
import collections
import datetime as dt

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from casualty_events.pipelines import dataset, delta_tables
from casualty_events.schemas.tables import TABLES
from casualty_events.transforms.casualties.lexicon import PIPELINE_LANGUAGE, for_language
from casualty_events.transforms.duplicates import Candidate, CopyIndex
from casualty_events.transforms.events.events import event_rows, reports_by_window
from casualty_events.transforms.events.tolls import toll_rows
from casualty_events.transforms.storage import Location
from casualty_events.transforms.write import write_part

# How far beyond its month a window reads mentions: an article's facts of nearby days decide its main report.
CONTEXT = dt.timedelta(days=62)
# Columns of the mentions table the resolution reads.
MENTION_COLUMNS = ["article_id", "fact_id", "part_of", "outcome", "count", "count_high", "count_qualifier", "scope",
                   "victims", "location", "country_code", "latitude", "longitude", "event_date", "date_precision",
                   "evidence", "char_start", "source", "published_at"]


def prepare(output: Location, staging: Location, known_articles: dict) -> dict:
    """Mark the run's copies and stage its tolls; returns the counts and the event windows the run touches:
    {"duplicates", "tolls", "replaced_windows", "copy_keys"} (copy_keys: article_id -> its band keys, which the
    state keeps). The windows' events are resolved by `window_events`, one
    window at a time, by the runner (`pipelines.pipeline.build_events`)."""
    run_id = staging.name
    articles = dataset.read_staged_rows(staging, "articles", ["article_id", "published_at"])
    copy_keys = {row["article_id"]: row["copy_keys"] for row in dataset.read_staged_rows(staging, "_copy_keys")}
    copies = _copies(articles, copy_keys, known_articles)
    if copies:
        _rewrite_staged(staging, "articles", lambda t: _mark_copies(t, copies))
        copied = pa.array(sorted(copies), pa.string())
        _rewrite_staged(staging, "mentions", lambda t: t.filter(pc.invert(pc.is_in(t["article_id"], copied))))
    mentions = [_with_partition(row) for row in dataset.read_staged_rows(staging, "mentions")]
    tolls = [{**row, "run_id": run_id} for row in toll_rows(mentions, for_language(PIPELINE_LANGUAGE))]
    for as_of, rows in _by(tolls, "as_of_date").items():
        write_part(str(staging), "tolls", as_of.isoformat(), 0, rows, run_id)
    windows = _touched_windows(output, mentions, {row["article_id"] for row in articles})
    return {"duplicates": len(copies), "tolls": len(tolls), "replaced_windows": sorted(windows),
            "copy_keys": copy_keys}


def window_events(window: str, output_uri: str, staging_uri: str) -> list[dict]:
    """The events of one window, from the mentions the dataset holds once the run is committed (those of the
    window's month in the mentions table, less the run's articles, and the run's own); each with the ids of
    the events of the window that it merged (`merged_ids`)."""
    output, staging = Location.of(output_uri), Location.of(staging_uri)
    run_articles = {row["article_id"] for row in dataset.read_staged_rows(staging, "articles", ["article_id"])}
    span = _span(window.rsplit("/", 1)[1])
    mentions = [row for row in map(_with_partition, dataset.read_staged_rows(staging, "mentions"))
                if span is None or span[0] <= row["event_date"] <= span[1]]
    held = _held_mentions(output, span, run_articles) if span else []
    lexicon = for_language(PIPELINE_LANGUAGE)
    reports = reports_by_window(mentions + held, lexicon).get(window, [])
    rows = [{**row, "run_id": staging.name} for row in event_rows(window, reports, lexicon)]
    return _with_merged_ids(rows, _held_events(output, window, span))


def _held_events(output: Location, window: str, span: tuple[dt.date, dt.date] | None) -> dict[str, set[str]]:
    """The window's events as the dataset holds them: event_id -> its fact ids (read from the span's files)."""
    table = TABLES["events"]
    if not delta_tables.exists(output, table):
        return {}
    data = delta_tables.open_table(output, table).to_pyarrow_dataset(file_pruning_predicate=_span_files(span))
    held = data.to_table(columns=["event_id", "fact_ids"], filter=ds.field("event_window") == window)
    return {row["event_id"]: set(row["fact_ids"]) for row in held.to_pylist()}


def _with_merged_ids(rows: list[dict], held: dict[str, set[str]]) -> list[dict]:
    """Each event with the held events it absorbed: an old id that is gone, whose facts now rest mostly in it."""
    kept = {row["event_id"] for row in rows}
    merged: dict[str, list[str]] = collections.defaultdict(list)
    for old_id, facts in sorted(held.items()):
        if old_id in kept:
            continue
        heir = max(rows, key=lambda row: (len(facts & set(row["fact_ids"])), row["event_id"]), default=None)
        if heir is not None and facts & set(heir["fact_ids"]):
            merged[heir["event_id"]].append(old_id)
    return [{**row, "merged_ids": merged.get(row["event_id"], [])} for row in rows]


def _copies(articles: list[dict], copy_keys: dict[str, list[str]], known_articles: dict) -> dict[str, str]:
    """article_id -> the article it copies, for the run's copies."""
    known = {entry["article_id"]: entry["copy_keys"] for entry in known_articles.values()
             if "copy_keys" in entry and not entry.get("duplicate_of")}
    index = CopyIndex(known)
    return index.duplicates([Candidate(a["article_id"], a["published_at"], copy_keys[a["article_id"]])
                             for a in articles])


def _mark_copies(table: pa.Table, copies: dict[str, str]) -> pa.Table:
    originals = pa.array([copies.get(a) for a in table["article_id"].to_pylist()], pa.string())
    mentions = pc.if_else(pc.is_valid(originals), pa.scalar(0, pa.int32()), table["mentions"])
    table = table.set_column(table.schema.get_field_index("duplicate_of"), "duplicate_of", originals)
    return table.set_column(table.schema.get_field_index("mentions"), "mentions", mentions)


def _rewrite_staged(staging: Location, table: str, change) -> None:
    """Apply `change` to every staged file of a table; a file left empty is removed."""
    folder = staging / table
    for path in sorted(folder.files(".parquet")) if folder.is_dir() else ():
        location = folder / path
        data = pq.read_table(location.path, filesystem=location.filesystem, partitioning=None)
        changed = change(data)
        if changed.num_rows == 0:
            location.remove()
            continue
        temporary = location.parent() / f".{location.name}.rewrite.tmp"
        pq.write_table(changed.replace_schema_metadata(data.schema.metadata), temporary.path,
                       filesystem=temporary.filesystem)
        temporary.move_to(location)


def _with_partition(row: dict) -> dict:
    """A staged mention row with its partition value (read back as a string by hive partitioning) as a date."""
    if isinstance(row.get("event_date"), str):
        row["event_date"] = dt.date.fromisoformat(row["event_date"])
    return row


def _touched_windows(output: Location, mentions: list[dict], run_articles: set[str]) -> set[str]:
    """Windows of the run's reports, and windows whose events rest on an article the run processed again."""
    windows = set(reports_by_window(mentions, for_language(PIPELINE_LANGUAGE)))
    table = TABLES["events"]
    if run_articles and delta_tables.exists(output, table):
        events = delta_tables.read_current(output, table, ["event_window", "article_ids"])
        flat = pc.list_flatten(events["article_ids"])
        hit = pc.is_in(flat, pa.array(sorted(run_articles), pa.string()))
        rows = pc.filter(pc.list_parent_indices(events["article_ids"]), hit)
        windows |= set(pc.take(events["event_window"], rows).to_pylist())
    return windows


def _span(month: str) -> tuple[dt.date, dt.date] | None:
    """The days whose mentions a window of `month` reads: the month and `CONTEXT` on either side (an article's
    reports of other days decide which of its reports is its main one); None for the undated window."""
    if month == "undated":
        return None
    first = dt.date.fromisoformat(f"{month}-01")
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first - CONTEXT, last + CONTEXT


def _span_files(span: tuple[dt.date, dt.date] | None) -> list[tuple[str, str, str]] | None:
    """The files of the span's event dates (all, for no span): a dataset of every file costs memory by the file."""
    return [("event_date", ">=", span[0].isoformat()), ("event_date", "<=", span[1].isoformat())] if span else None


def _held_mentions(output: Location, span: tuple[dt.date, dt.date], excluded: set[str]) -> list[dict]:
    """The mentions in `span` that the dataset holds, except those of the run's articles, whose rows the
    commit replaces. Only the span's partitions are read (the table is partitioned by event date)."""
    table = TABLES["mentions"]
    if not delta_tables.exists(output, table):
        return []
    held = delta_tables.open_table(output, table).to_pyarrow_dataset(file_pruning_predicate=_span_files(span)).to_table(
        columns=MENTION_COLUMNS)
    return [row for row in held.to_pylist() if row["fact_id"] is not None and row["article_id"] not in excluded]


def _by(rows: list[dict], column: str) -> dict:
    grouped = collections.defaultdict(list)
    for row in rows:
        grouped[row[column]].append(row)
    return grouped
