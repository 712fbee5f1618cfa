"""The dataset's tables as Delta Lake tables (delta-rs): commits, replaced rows, damage, conversion, upkeep.

Workers write plain Parquet files into the run's staging folder on every
runner; here the driver moves them into each table's folder (where readers,
who go through the Delta log, do not see them yet) and commits them in one
transaction per table. The transaction carries the run's application id
(`casualty-events/run/<run_id>`), so committing a run again after a crash
neither loses nor duplicates: a table that already holds the id is left as it
is. The rows of an article processed again are replaced in that same
transaction: the files holding its old rows are removed and their other rows
written again (copy-on-write, as Delta's own DELETE does), so a reader of one
table sees a whole run or none of it, and `SELECT * FROM mentions` is current.
delta-rs's `write_deltalake` could replace rows too, but it would write every
staged row again in the driver; `create_write_transaction` commits the
workers' files as they are.
"""
from __future__ import annotations

import dataclasses
import json
import time
import urllib.parse
from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from casualty_events.schemas.tables import SCHEMA_VERSION, Table
from casualty_events.transforms.storage import Location
from deltalake import CommitProperties, DeltaTable, Field, Transaction
from deltalake.transaction import AddAction, RemoveAction

APP_PREFIX = "casualty-events"
PARQUET_MAGIC = b"PAR1"


def run_app_id(run_id: str) -> str:
    """The application id a run's transactions carry (Delta's `txn` action): what makes a commit idempotent."""
    return f"{APP_PREFIX}/run/{run_id}"


def delta_schema(table: Table) -> pa.Schema:
    """The table's schema as readers see it: the file columns and the partition column, a date."""
    return table.schema.append(pa.field(table.partition_column, pa.date32(), nullable=False))


def table_location(output: Location, table: Table) -> Location:
    return output / table.name


def exists(output: Location, table: Table) -> bool:
    return DeltaTable.is_deltatable(table_location(output, table).uri)


def open_table(output: Location, table: Table) -> DeltaTable:
    """The table at its newest version, created empty (schema and partitioning, no rows) if there is none."""
    uri = table_location(output, table).uri
    if DeltaTable.is_deltatable(uri):
        return DeltaTable(uri)
    return DeltaTable.create(uri, delta_schema(table), mode="ignore", partition_by=[table.partition_column],
                             description=f"casualty-events {table.name}, schema_version {SCHEMA_VERSION}")


@dataclasses.dataclass(frozen=True)
class DataFile:
    """A Parquet file of a table: its path under the table folder, its size in bytes, its row count, and the first
    and last `run_id` of its rows (kept in the log's statistics, so that a commit replacing the rows of articles
    written by known runs reads only the files those runs can be in)."""

    path: str
    size: int
    rows: int
    first_run: str | None = None
    last_run: str | None = None

    def may_hold(self, runs: set[str]) -> bool:
        if self.first_run is None or self.last_run is None:
            return True
        return any(self.first_run <= run <= self.last_run for run in runs)

    def partition_values(self, table: Table) -> dict[str, str]:
        folder = self.path.split("/", 1)[0]
        column, _, value = folder.partition("=")
        if column != table.partition_column:
            raise ValueError(f"{self.path} is not in a {table.partition_column}=... folder")
        return {column: urllib.parse.unquote(value)}

    def add(self, table: Table) -> AddAction:
        stats: dict = {"numRecords": self.rows}
        if self.first_run is not None:
            stats.update(minValues={"run_id": self.first_run}, maxValues={"run_id": self.last_run},
                         nullCount={"run_id": 0})
        return AddAction(self.path, self.size, self.partition_values(table), int(time.time() * 1000), True,
                         json.dumps(stats))

    def remove(self, table: Table) -> RemoveAction:
        return RemoveAction(self.path, True, int(time.time() * 1000), self.size, self.partition_values(table))


def add_missing_columns(output: Location, table: Table) -> list[str]:
    """Columns a later schema version added, added to an existing table (nullable: its older rows have none);
    returns their names."""
    if not exists(output, table):
        return []
    delta = DeltaTable(table_location(output, table).uri)
    held = set(delta.schema().to_arrow().names)
    missing = [field for field in delta_schema(table) if field.name not in held]
    if missing:
        delta.alter.add_columns([Field.from_arrow(field.with_nullable(True)) for field in missing])
    return [field.name for field in missing]


def files_on_disk(output: Location, table: Table) -> dict[str, int]:
    """Every data file in the table's folder, of any version (the log's checkpoints left out), with its size."""
    return {path: size for path, size in table_location(output, table).files(".parquet").items()
            if not path.startswith("_delta_log/")}


def live_files(delta: DeltaTable) -> list[DataFile]:
    """The files of the table's current version."""
    actions = pa.table(delta.get_add_actions(flatten=True))
    runs = ["min.run_id", "max.run_id"] if "min.run_id" in actions.column_names else []
    return [DataFile(urllib.parse.unquote(row["path"]), row["size_bytes"], row["num_records"] or 0,
                     row.get("min.run_id"), row.get("max.run_id"))
            for row in actions.select(["path", "size_bytes", "num_records", *runs]).to_pylist()]


def commit_version(delta: DeltaTable, app_id: str) -> int | None:
    """The table version whose commit carried `app_id`, None if no commit did."""
    if delta.transaction_version(app_id) is None:
        return None
    for commit in delta.history():
        if commit.get("app_id") == app_id:
            return commit["version"]
    return delta.version()


def rows_in(column: str, values) -> Callable[[pa.Table], pa.Array]:
    """A mask of the rows whose `column` is one of `values`, for `rewrite_files`."""
    value_set = pa.array(sorted(values), pa.string())
    return lambda data: pc.is_in(data[column], value_set=value_set)


def rewrite_files(output: Location, table: Table, delta: DeltaTable, drop: Callable[[pa.Table], pa.Array],
                  columns: list[str], new_name: str, runs: set[str] | None = None) -> list[AddAction | RemoveAction]:
    """Actions that take out the rows `drop` marks: each file holding one is removed, its other rows written anew.

    `drop` sees the `columns` of a file and returns a boolean mask; only files that may hold rows of
    `runs` are read (all, when None). `new_name` is the stem of the rewritten files
    (`part-<run_id>-kept`), numbered, so a commit redone after a crash writes the same files.
    """
    folder = table_location(output, table)
    actions: list[AddAction | RemoveAction] = []
    for number, data_file in enumerate(live_files(delta)):
        if runs is not None and not data_file.may_hold(runs):
            continue
        source = folder / data_file.path
        marked = drop(pq.read_table(source.path, columns=columns, filesystem=source.filesystem))
        if not pc.any(marked).as_py():
            continue
        kept = pq.read_table(source.path, filesystem=source.filesystem).filter(pc.invert(marked))
        actions.append(data_file.remove(table))
        if kept.num_rows:
            partition = data_file.path.split("/", 1)[0]
            target = folder / f"{partition}/{new_name}-{number:05d}.parquet"
            target.parent().make_dir()
            pq.write_table(kept, target.path, filesystem=target.filesystem)
            first, last = pc.min_max(kept["run_id"]).values()
            actions.append(DataFile(f"{partition}/{target.name}", target.info().size, kept.num_rows,
                                    first.as_py(), last.as_py()).add(table))
    return actions


def commit_run(output: Location, table: Table, run_id: str, files: list[DataFile],
               replaced: dict[str, str | None]) -> int:
    """Commit a run's files (already in the table folder) to one table, replacing the rows whose `replaced_by`
    value the run replaces (`replaced`: article_id -> the run that wrote its rows, or event window -> None, None when
    unknown); returns the table version that holds the run. Idempotent."""
    delta = open_table(output, table)
    app_id = run_app_id(run_id)
    done = commit_version(delta, app_id)
    if done is not None:
        return done
    actions: list[AddAction | RemoveAction] = []
    if table.replaced_by and replaced:
        runs = None if None in replaced.values() else set(replaced.values())
        actions += rewrite_files(output, table, delta, rows_in(table.replaced_by, replaced), [table.replaced_by],
                                 f"part-{run_id}-kept", runs)
    actions += [data_file.add(table) for data_file in files]
    if not actions:  # a run with nothing for this table makes no empty version
        return delta.version()
    return commit(delta, table, actions, app_id, marked=True, run_id=run_id)


def commit(delta: DeltaTable, table: Table, actions: list[AddAction | RemoveAction], app_id: str, *,
           marked: bool = False, **metadata: str) -> int:
    """Commit `actions` to the table as one transaction; returns its version. `marked`: the transaction also
    records `app_id` (Delta's `txn` action), by which `commit_version` and a commit redone after a crash find it."""
    delta.create_write_transaction(
        actions, "append", delta_schema(table), partition_by=[table.partition_column],
        commit_properties=CommitProperties(app_transactions=[Transaction(app_id, 0)] if marked else None,
                                           custom_metadata={"app_id": app_id, **metadata}),
    )
    delta.update_incremental()  # the object does not follow its own commits
    return delta.version()


def damaged_files(output: Location, table: Table) -> list[tuple[DataFile, str]]:
    """Files the table's current version needs that are missing, of another size, or not Parquet."""
    if not exists(output, table):
        return []
    folder = table_location(output, table)
    on_disk = files_on_disk(output, table)
    damaged = []
    for data_file in live_files(DeltaTable(folder.uri)):
        size = on_disk.get(data_file.path)
        if size is None:
            damaged.append((data_file, "missing"))
        elif size != data_file.size:
            damaged.append((data_file, f"{size} bytes where the log says {data_file.size}"))
        elif not _looks_like_parquet(folder / data_file.path, size):
            damaged.append((data_file, "not a Parquet file"))
    return damaged


def _looks_like_parquet(location: Location, size: int) -> bool:
    """Parquet files start and end with PAR1: two tiny reads, no parse."""
    if size < 12:
        return False
    with location.filesystem.open_input_file(location.path) as handle:
        return handle.read_at(4, 0) == PARQUET_MAGIC and handle.read_at(4, size - 4) == PARQUET_MAGIC


def drop_files(output: Location, table: Table, files: list[DataFile], reason: str) -> int:
    """Take files out of the table's current version (their rows are lost); returns the new version."""
    delta = DeltaTable(table_location(output, table).uri)
    return commit(delta, table, [data_file.remove(table) for data_file in files], f"{APP_PREFIX}/repair",
                  reason=reason)


def delete_rows(output: Location, table: Table, column: str, values: set[str], reason: str) -> int:
    """Take the rows whose `column` is one of `values` out of the table's current version; returns its version."""
    delta = DeltaTable(table_location(output, table).uri)
    actions = rewrite_files(output, table, delta, rows_in(column, values), [column],
                            f"part-{reason}-{delta.version() + 1}")
    return commit(delta, table, actions, f"{APP_PREFIX}/{reason}") if actions else delta.version()


def row_count(output: Location, table: Table) -> int:
    """Rows in the table's current version, from the log's statistics (no data file is read)."""
    return sum(data_file.rows for data_file in live_files(DeltaTable(table_location(output, table).uri)))


def read_current(output: Location, table: Table, columns: list[str] | None = None) -> pa.Table:
    """The table's current rows (an empty table when there is none yet)."""
    if not exists(output, table):
        return delta_schema(table).empty_table().select(columns or delta_schema(table).names)
    return DeltaTable(table_location(output, table).uri).to_pyarrow_table(columns=columns)
