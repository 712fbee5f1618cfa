"""Converting an output folder of the plain-Parquet layout (version 0.1) into Delta tables, in place.

Version 0.1 only ever added rows: an article processed again had new rows
beside its old ones, and readers took the latest run per article. Conversion
keeps the files where they are: the first commit of each table adds every
existing file as it is (the old dataset, reachable by time travel as
version 1); the second takes out the superseded rows (every row whose run is
not its article's latest in the `articles` table), so the table's current
version is the current dataset. `delta-rs`'s `convert_to_deltalake` would do
the first step too, but infers the schema from the files; this keeps the
tables' declared schema, the same the runs commit with.
"""
from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from deltalake import CommitProperties, Transaction

from casualty_events.pipelines import delta_tables
from casualty_events.schemas.tables import PUBLIC_TABLES, TABLES, Table
from casualty_events.transforms.storage import Location

CONVERT_APP_ID = f"{delta_tables.APP_PREFIX}/convert"


def plain_parquet_files(output: Location, table: Table) -> list[delta_tables.DataFile]:
    """The Parquet files of a table folder that has no Delta log (hidden temporary files left out)."""
    folder = output / table.name
    if not folder.is_dir() or delta_tables.exists(output, table):
        return []
    files = []
    for path, size in sorted(folder.files(".parquet").items()):
        if path.rsplit("/", 1)[-1].startswith(".") or "=" not in path.split("/", 1)[0]:
            continue
        with (folder / path).filesystem.open_input_file((folder / path).path) as handle:
            files.append(delta_tables.DataFile(path, size, pq.ParquetFile(handle).metadata.num_rows))
    return files


def latest_runs(output: Location) -> dict[str, str]:
    """article_id -> the run that last wrote it, from a plain-Parquet `articles` folder."""
    folder = output / "articles"
    if not plain_parquet_files(output, TABLES["articles"]):
        return {}
    rows = ds.dataset(folder.path, filesystem=folder.filesystem, format="parquet",
                      partitioning="hive").to_table(columns=["article_id", "run_id"])
    latest = rows.group_by("article_id").aggregate([("run_id", "max")])
    return dict(zip(latest["article_id"].to_pylist(), latest["run_id_max"].to_pylist()))


def convert(output: Location) -> list[str]:
    """Convert every plain-Parquet table folder under `output`; returns what was done (nothing if none)."""
    latest = latest_runs(output)
    notes = []
    for table in PUBLIC_TABLES:
        files = plain_parquet_files(output, table)
        if not files:
            continue
        delta = delta_tables.open_table(output, table)
        delta.create_write_transaction(
            [data_file.add(table) for data_file in files], "append", delta_tables.delta_schema(table),
            partition_by=[table.partition_column],
            commit_properties=CommitProperties(app_transactions=[Transaction(CONVERT_APP_ID, 0)],
                                               custom_metadata={"app_id": CONVERT_APP_ID}),
        )
        superseded = 0
        if table.replaced_by and latest:
            delta.update_incremental()
            before = delta_tables.row_count(output, table)
            actions = delta_tables.rewrite_files(output, table, delta, _superseded(latest), ["article_id", "run_id"],
                                                 "part-converted-current")
            if actions:
                delta.create_write_transaction(
                    actions, "append", delta_tables.delta_schema(table), partition_by=[table.partition_column],
                    commit_properties=CommitProperties(custom_metadata={"app_id": CONVERT_APP_ID}),
                )
            superseded = before - delta_tables.row_count(output, table)
        notes.append(f"converted {output / table.name} to a Delta table: {len(files)} files, "
                     f"{sum(f.rows for f in files)} rows, {superseded} superseded rows taken out of the current version")
    return notes


def _superseded(latest: dict[str, str]):
    """A mask of the rows whose run is not their article's latest."""
    articles = pa.array(list(latest), pa.string())
    runs = pa.array(list(latest.values()), pa.string())

    def mask(data: pa.Table) -> pa.Array:
        positions = pc.index_in(data["article_id"], value_set=articles)
        latest_run = pc.take(runs, positions)
        return pc.fill_null(pc.not_equal(data["run_id"], latest_run), False)

    return mask
