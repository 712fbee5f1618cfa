"""What the driver derives from a run's staged rows before it commits: copies, tolls, events.

Done once, on the driver, after the pipeline and before the commit marker, on
every runner alike: it needs the dataset as committed (the copies it already
holds, the events of the windows the run touches), which only the driver, with
the run lock held, sees as it is. It reads no more than the run's own rows and
the months of the windows they touch, so its memory does not grow with the
dataset. A run killed here leaves an uncommitted staging folder, cleared by the
next run like any other.

1. Copies: a run's article whose text is nearly that of an article already in
   the dataset, or of an older article of the same run (`transforms.duplicates`),
   gets `duplicate_of` and loses its mentions: it adds no fact.
2. Tolls: the run's cumulative facts, one row each (`transforms.events.tolls`).
3. Events: every window the run's incident reports fall in, and every window
   whose events rest on an article the run processed again, is resolved anew
   from the mentions the dataset will hold once the run is committed; the
   commit replaces those windows' events (`replaced_windows`).
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
from casualty_events.transforms.duplicates import Candidate, CopyIndex, band_keys
from casualty_events.transforms.events.events import event_rows, reports_by_window
from casualty_events.transforms.events.tolls import toll_rows
from casualty_events.transforms.storage import Location
from casualty_events.transforms.write import write_part

# Columns of the mentions table the resolution reads.
MENTION_COLUMNS = ["article_id", "fact_id", "part_of", "outcome", "count", "count_high", "count_qualifier", "scope",
                   "victims", "location", "country_code", "latitude", "longitude", "event_date", "date_precision",
                   "evidence", "char_start", "source", "published_at"]


def derive(output: Location, staging: Location, known_articles: dict) -> dict:
    """Mark the run's copies, stage its tolls and the events of the windows it touches; returns what the commit
    plan and the manifest need: {"duplicates", "tolls", "events", "replaced_windows"}."""
    run_id = staging.name
    articles = dataset.read_staged_rows(staging, "articles")
    copies = _copies(articles, known_articles)
    if copies:
        _rewrite_staged(staging, "articles", lambda t: _mark_copies(t, copies))
        copied = pa.array(sorted(copies), pa.string())
        _rewrite_staged(staging, "mentions", lambda t: t.filter(pc.invert(pc.is_in(t["article_id"], copied))))
    mentions = [_with_partition(row) for row in dataset.read_staged_rows(staging, "mentions")]
    tolls = [{**row, "run_id": run_id} for row in toll_rows(mentions)]
    for as_of, rows in _by(tolls, "as_of_date").items():
        write_part(str(staging), "tolls", as_of.isoformat(), 0, rows, run_id)
    run_articles = {row["article_id"] for row in articles}
    windows = _touched_windows(output, mentions, run_articles)
    resolved = _reports_of(output, windows, mentions, run_articles)
    events = [{**row, "run_id": run_id} for window, reports in resolved.items() for row in event_rows(window, reports)]
    for day, rows in _by(events, "event_date").items():
        write_part(str(staging), "events", day.isoformat(), 0, rows, run_id)
    return {"duplicates": len(copies), "tolls": len(tolls), "events": len(events), "replaced_windows": sorted(windows)}


def _copies(articles: list[dict], known_articles: dict) -> dict[str, str]:
    """article_id -> the article it copies, for the run's copies."""
    known = {entry["article_id"]: entry["copy_keys"] for entry in known_articles.values()
             if "copy_keys" in entry and not entry.get("duplicate_of")}
    index = CopyIndex(known)
    return index.duplicates([Candidate(a["article_id"], a["published_at"], band_keys(a["text"])) for a in articles])


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
    windows = set(reports_by_window(mentions))
    table = TABLES["events"]
    if run_articles and delta_tables.exists(output, table):
        events = delta_tables.read_current(output, table, ["event_window", "article_ids"])
        flat = pc.list_flatten(events["article_ids"])
        hit = pc.is_in(flat, pa.array(sorted(run_articles), pa.string()))
        rows = pc.filter(pc.list_parent_indices(events["article_ids"]), hit)
        windows |= set(pc.take(events["event_window"], rows).to_pylist())
    return windows


def _reports_of(output: Location, windows: set[str], run_mentions: list[dict], run_articles: set[str]) -> dict:
    """The reports of each window, from the mentions the dataset holds once the run is committed."""
    by_month: dict[str, set[str]] = collections.defaultdict(set)
    for window in windows:
        by_month[window.rsplit("/", 1)[1]].add(window)
    resolved: dict[str, list] = {window: [] for window in windows}
    for month, month_windows in sorted(by_month.items()):
        rows = run_mentions + _held_mentions(output, month, run_articles)
        for window, reports in reports_by_window(rows).items():
            if window in month_windows:
                resolved[window] = reports
    return resolved


def _held_mentions(output: Location, month: str, excluded: set[str]) -> list[dict]:
    """The mentions of every article the dataset holds with a mention in the month (or, for "undated", none),
    except the run's articles, whose rows the commit replaces."""
    table = TABLES["mentions"]
    if month == "undated" or not delta_tables.exists(output, table):
        return []
    first = dt.date.fromisoformat(f"{month}-01")
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    data = delta_tables.open_table(output, table).to_pyarrow_dataset()
    in_month = (ds.field("event_date") >= first) & (ds.field("event_date") <= last)
    articles = set(data.to_table(columns=["article_id"], filter=in_month)["article_id"].to_pylist()) - excluded
    if not articles:
        return []
    held = data.to_table(columns=MENTION_COLUMNS, filter=ds.field("article_id").isin(sorted(articles)))
    return [row for row in held.to_pylist() if row["fact_id"] is not None]


def _by(rows: list[dict], column: str) -> dict:
    grouped = collections.defaultdict(list)
    for row in rows:
        grouped[row[column]].append(row)
    return grouped
