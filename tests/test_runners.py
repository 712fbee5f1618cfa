"""One pipeline for every runner: the seeds on a dask.distributed cluster on 127.0.0.1 give the same
mention rows as the local runner."""
from __future__ import annotations

import pathlib

import deltalake
import pytest
from distributed import LocalCluster

from casualty_events.pipelines.cli import main
from tests.http_fixture import serve

SEEDS = pathlib.Path(__file__).resolve().parent.parent / "seeds"
RUN_SPECIFIC = ("run_id",)


def mention_rows(output: pathlib.Path) -> list[dict]:
    table = deltalake.DeltaTable(str(output / "mentions")).to_pyarrow_table()
    rows = [{k: v for k, v in row.items() if k not in RUN_SPECIFIC} for row in table.to_pylist()]
    return sorted(rows, key=lambda row: row["mention_id"])


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
    local, dask = mention_rows(tmp_path / "local"), mention_rows(tmp_path / "dask")
    assert len(local) >= 10
    assert dask == local
