"""One pipeline for every runner: the seeds on a dask.distributed cluster on 127.0.0.1 give the same
mention, event and toll rows as the local runner."""
from __future__ import annotations

import pathlib

import deltalake
import pytest
from distributed import LocalCluster

from casualty_events.pipelines.cli import main
from tests.http_fixture import serve

SEEDS = pathlib.Path(__file__).resolve().parent.parent / "seeds"
RUN_SPECIFIC = ("run_id",)


def table_rows(output: pathlib.Path, table: str) -> list[dict]:
    data = deltalake.DeltaTable(str(output / table)).to_pyarrow_table()
    rows = [{k: v for k, v in row.items() if k not in RUN_SPECIFIC} for row in data.to_pylist()]
    return sorted(rows, key=repr)


@pytest.fixture(scope="module")
def dask_cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        yield cluster


def test_dask_runner_gives_the_local_runners_rows(dask_cluster, tmp_path):
    address = dask_cluster.scheduler_address.removeprefix("tcp://")
    with serve(SEEDS) as server:
        feed = f"{server.base_url}/feed.xml"
        common = ["--allow-private-hosts", "--min-host-gap", "0", "-q"]
        assert main(["run", feed, "--output", str(tmp_path / "local"), *common]) == 0
        assert main(["run", feed, "--output", str(tmp_path / "dask"), *common,
                     "--runner", "DaskRunner", "--dask_client_address", address]) == 0
    for table, at_least in (("mentions", 10), ("events", 5), ("tolls", 5)):
        local, dask = table_rows(tmp_path / "local", table), table_rows(tmp_path / "dask", table)
        assert len(local) >= at_least
        assert dask == local
