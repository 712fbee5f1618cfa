"""`casualties maintain`: compaction and vacuum of the tables, and repair of a damaged dataset.

Every run adds a few small files per table (one per partition it touched);
an hourly cron makes tens of thousands a year, and readers slow down with the
file count. Compaction (delta-rs `optimize.compact`) rewrites each partition's
small files into large ones in one transaction; the replaced files stay for
time travel until vacuum deletes those older than `--vacuum-hours`. It holds
the run lock, so a cron line can run it beside the runs.
"""
from __future__ import annotations

import dataclasses

from deltalake import DeltaTable

from casualty_events.pipelines import dataset, delta_tables
from casualty_events.schemas.tables import PUBLIC_TABLES, TABLES
from casualty_events.transforms.articles import canonical_url
from casualty_events.transforms.storage import DamagedFileError, Location, read_json, write_json

DEFAULT_VACUUM_HOURS = 168  # Delta's own default retention: a week of time travel


@dataclasses.dataclass(frozen=True)
class TableUpkeep:
    """What maintenance did to one table."""

    table: str
    files_before: int  # data files of the current version
    files_after: int
    files_on_disk_before: int  # every data file in the folder, old versions' included
    files_on_disk_after: int
    rows: int
    version: int

    def line(self) -> str:
        return (f"{self.table:<9} {self.rows} rows; files in the current version {self.files_before} -> "
                f"{self.files_after}; files on disk {self.files_on_disk_before} -> {self.files_on_disk_after} "
                f"(version {self.version})")


def compact_and_vacuum(output: Location, vacuum_hours: float) -> list[TableUpkeep]:
    """Compact every table, checkpoint its log, and delete the files no version younger than vacuum_hours needs."""
    done = []
    for table in PUBLIC_TABLES:
        if not delta_tables.exists(output, table):
            continue
        folder = output / table.name
        delta = DeltaTable(folder.uri)
        before, on_disk_before = len(delta_tables.live_files(delta)), len(delta_tables.files_on_disk(output, table))
        delta.optimize.compact()
        delta.update_incremental()
        delta.create_checkpoint()
        delta.vacuum(retention_hours=int(vacuum_hours), dry_run=False, enforce_retention_duration=False, full=True)
        delta.update_incremental()
        done.append(TableUpkeep(table.name, before, len(delta_tables.live_files(delta)), on_disk_before,
                                len(delta_tables.files_on_disk(output, table)), delta_tables.row_count(output, table),
                                delta.version()))
    return done


def repair(output: Location) -> list[str]:
    """Take damaged files out of the tables and make the rest consistent; rebuild the state from the tables.

    The rows of a damaged file are lost. An article that lost any of its rows (its article row or some of
    its mentions) is taken out whole, so that the tables stay countable and the next run fetches it again
    as new while its feed still lists it; every feed is read in full by the next run. Returns what was done.
    """
    notes = []
    for table in PUBLIC_TABLES:
        damaged = delta_tables.damaged_files(output, table)
        if damaged:
            delta_tables.drop_files(output, table, [f for f, _ in damaged], "repair: damaged files")
            notes += [f"took {output / table.name / f.path} ({what}, {f.rows} rows) out of {table.name}"
                      for f, what in damaged]
    incomplete = incomplete_articles(output)
    if incomplete:
        for name in ("mentions", "tolls", "articles"):
            if delta_tables.exists(output, TABLES[name]):
                delta_tables.delete_rows(output, TABLES[name], "article_id", incomplete, "repair")
        notes.append(f"took out {len(incomplete)} articles that had lost rows; the next run fetches them again")
    articles = {canonical_url(row["entry_url"]): dataset.article_state(row) for row in delta_tables.read_current(
        output, TABLES["articles"],
        ["article_id", "entry_url", "content_hash", "entry_updated_at", "run_id", "text", "duplicate_of"]
    ).to_pylist()}
    write_json(dataset.articles_state_path(output), {**_rejected_articles(output), **articles})
    notes.append(f"rebuilt {dataset.articles_state_path(output)} from the articles table: {len(articles)} articles")
    write_json(output / dataset.STATE / "feeds.json", {})
    notes.append(f"cleared {output / dataset.STATE / 'feeds.json'}: the next run reads every feed in full")
    return notes


def incomplete_articles(output: Location) -> set[str]:
    """Articles whose article row or some mention rows are not in the tables' current versions."""
    articles = delta_tables.read_current(output, TABLES["articles"], ["article_id", "mentions"]).to_pylist()
    mention_ids = delta_tables.read_current(output, TABLES["mentions"], ["article_id"])["article_id"]
    held = {item["values"]: item["counts"] for item in mention_ids.value_counts().to_pylist()}
    with_row = {row["article_id"] for row in articles}
    short = {row["article_id"] for row in articles if held.get(row["article_id"], 0) < row["mentions"]}
    return short | (set(held) - with_row)


def _rejected_articles(output: Location) -> dict:
    """The final rejects (another language) the old state recorded, when it can still be read."""
    try:
        old = read_json(dataset.articles_state_path(output), {})
    except DamagedFileError:
        return {}
    return {url: entry for url, entry in old.items() if isinstance(entry, dict) and "rejected" in entry}
