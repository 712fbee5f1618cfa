"""Converting an output folder of the plain-Parquet layout (version 0.1) into Delta tables, in place.

Version 0.1 only ever added rows: an article processed again had new rows
beside its old ones, and readers took the latest run per article. Conversion
keeps the files where they are: the first commit of each table adds every
existing file as it is (the old dataset, reachable by time travel as
version 1); the second takes out the superseded rows (every row whose run is
not its article's latest in the `articles` table), so the table's current
version is the current dataset. Each commit records itself, so a conversion
stopped at any point is finished by the next run. `delta-rs`'s `convert_to_deltalake` would do
the first step too, but infers the schema from the files; this keeps the
tables' declared schema, the same the runs commit with.
"""
from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from deltalake import DeltaTable

from casualty_events.pipelines import delta_tables
from casualty_events.schemas.tables import PUBLIC_TABLES, TABLES, Table
from casualty_events.transforms.storage import Location

OLD_ROWS = f"{delta_tables.APP_PREFIX}/convert"  # the commit that adds the old files as they are
CURRENT_ROWS = f"{delta_tables.APP_PREFIX}/convert/current"  # the commit that takes the superseded rows out


def plain_parquet_files(output: Location, table: Table) -> list[delta_tables.DataFile]:
    """The Parquet files of a table folder that holds no Delta table yet (hidden temporary files left out).

    A Delta table at version 0 with no file counts as none: a conversion that was stopped between creating the
    table and adding the old files (a run's own files are only ever moved in after its commit marker, and an
    unfinished run is rolled forward before conversion is tried).
    """
    folder = output / table.name
    if not folder.is_dir():
        return []
    if delta_tables.exists(output, table):
        delta = DeltaTable(folder.uri)
        if delta.version() > 0 or delta_tables.live_files(delta):
            return []
    files = []
    for path, size in sorted(delta_tables.files_on_disk(output, table).items()):
        if path.rsplit("/", 1)[-1].startswith(".") or "=" not in path.split("/", 1)[0]:
            continue
        with (folder / path).filesystem.open_input_file((folder / path).path) as handle:
            files.append(delta_tables.DataFile(path, size, pq.ParquetFile(handle).metadata.num_rows))
    return files


def latest_runs(output: Location) -> dict[str, str]:
    """article_id -> the run that last wrote it, from the old rows of the `articles` folder (before or after
    they were added to its Delta table)."""
    table = TABLES["articles"]
    folder = output / table.name
    if plain_parquet_files(output, table):
        rows = ds.dataset(folder.path, filesystem=folder.filesystem, format="parquet",
                          partitioning="hive").to_table(columns=["article_id", "run_id"])
    elif delta_tables.exists(output, table) and (version := _commit_of(output, table, OLD_ROWS)) is not None:
        rows = DeltaTable(folder.uri, version=version).to_pyarrow_table(columns=["article_id", "run_id"])
    else:
        return {}
    latest = rows.group_by("article_id").aggregate([("run_id", "max")])
    return dict(zip(latest["article_id"].to_pylist(), latest["run_id_max"].to_pylist()))


def _commit_of(output: Location, table: Table, app_id: str) -> int | None:
    return delta_tables.commit_version(DeltaTable((output / table.name).uri), app_id)


def convert(output: Location) -> list[str]:
    """Convert every plain-Parquet table folder under `output`, or finish a conversion that was stopped; returns
    what was done (nothing if nothing was to do). Each step is one transaction that records itself."""
    latest: dict[str, str] | None = None  # read once, and only when some table needs it
    notes = []
    for table in PUBLIC_TABLES:
        files = plain_parquet_files(output, table)
        if files:
            delta = delta_tables.open_table(output, table)
            delta_tables.commit(delta, table, [data_file.add(table) for data_file in files], OLD_ROWS, marked=True)
        needs_current = (table.replaced_by and delta_tables.exists(output, table)
                         and _commit_of(output, table, OLD_ROWS) is not None
                         and _commit_of(output, table, CURRENT_ROWS) is None)
        superseded = 0
        if needs_current:
            latest = latest_runs(output) if latest is None else latest
            superseded = _take_out_superseded(output, table, latest)
        if files or needs_current:
            notes.append(f"converted {output / table.name} to a Delta table: {len(files)} files, "
                         f"{sum(f.rows for f in files)} rows, {superseded} superseded rows taken out of the current "
                         "version")
    return notes


def _take_out_superseded(output: Location, table: Table, latest: dict[str, str]) -> int:
    """Commit the table without the rows whose run is not their article's latest; returns how many went."""
    delta = DeltaTable((output / table.name).uri)
    before = delta_tables.row_count(output, table)
    actions = (delta_tables.rewrite_files(output, table, delta, _superseded(latest), ["article_id", "run_id"],
                                          "part-converted-current") if latest else [])
    delta_tables.commit(delta, table, actions, CURRENT_ROWS, marked=True)  # recorded even when nothing went
    return before - delta_tables.row_count(output, table)


def _superseded(latest: dict[str, str]):
    """A mask of the rows whose run is not their article's latest."""
    articles = pa.array(list(latest), pa.string())
    runs = pa.array(list(latest.values()), pa.string())

    def mask(data: pa.Table) -> pa.Array:
        positions = pc.index_in(data["article_id"], value_set=articles)
        latest_run = pc.take(runs, positions)
        return pc.fill_null(pc.not_equal(data["run_id"], latest_run), False)

    return mask
