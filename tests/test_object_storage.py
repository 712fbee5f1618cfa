"""`--output s3://bucket/prefix`: the whole run (staging, state, manifests, Delta tables) on an S3-compatible server
(moto, on 127.0.0.1), configured the way AWS tools are, through environment variables; read back by deltalake and
Polars from the bucket."""
from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys
import threading

import deltalake
import polars as pl
import pyarrow.fs as pafs
import pytest

from casualty_events.pipelines import dataset
from casualty_events.pipelines.cli import main
from tests.http_fixture import serve
from casualty_events.transforms.storage import Location

SEEDS = pathlib.Path(__file__).resolve().parent.parent / "seeds"
BUCKET = "casualties-test"


def start_moto() -> tuple[subprocess.Popen, str]:
    """moto's S3 server in its own process on 127.0.0.1 (delta-rs holds the GIL while it waits for an answer, so a
    server thread in this process would never answer); returns it and its endpoint once it listens."""
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", "0"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in server.stderr:
        found = re.search(r"Running on (http://127\.0\.0\.1:\d+)", line)
        if found:
            threading.Thread(target=server.stderr.read, daemon=True).start()  # keep the pipe drained
            return server, found.group(1)
    raise RuntimeError(f"moto's server did not start (exit {server.wait()})")


@pytest.fixture(scope="module")
def s3_endpoint():
    server, endpoint = start_moto()
    settings = {
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": endpoint, "AWS_ALLOW_HTTP": "true", "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_S3_ALLOW_UNSAFE_RENAME": "true",  # one writer at a time: the run lock
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in settings.items():
            patch.setenv(name, value)
        pafs.S3FileSystem(endpoint_override=endpoint, allow_bucket_creation=True).create_dir(BUCKET)
        yield endpoint
    server.terminate()
    server.wait()


def run(output: str, feed: str, *more: str) -> int:
    return main(["run", feed, "--output", output, "--allow-private-hosts", "--min-host-gap", "0", "-q", *more])


def test_a_run_writes_its_tables_state_and_manifest_to_the_bucket(s3_endpoint, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # where the run lock of a bucket lives
    output = f"s3://{BUCKET}/runs/seeds"
    with serve(SEEDS) as server:
        feed = f"{server.base_url}/feed.xml"
        assert run(output, feed) == 0
        mentions = pl.read_delta(f"{output}/mentions")
        assert mentions.height >= 10
        assert run(output, feed, "--full-refresh") == 0  # every article again: rows replaced, not added
    assert pl.read_delta(f"{output}/mentions").height == mentions.height
    assert deltalake.DeltaTable(f"{output}/articles").to_pyarrow_table().num_rows == 5
    assert deltalake.DeltaTable(f"{output}/rejects").version() == 0  # created, nothing rejected

    location = Location.of(output)
    runs = sorted((location / "_runs").files(".json"))
    assert len(runs) == 2
    manifest = json.loads((location / "_runs" / runs[-1]).read_bytes())
    assert manifest["table_versions"]["mentions"] == 2
    assert len(json.loads((location / "_state" / "articles.json").read_bytes())) == 5
    assert not (location / "_staging").exists()

    assert main(["maintain", "--output", output, "--vacuum-hours", "0"]) == 0
    printed = capsys.readouterr().out
    assert "mentions" in printed and "files on disk" in printed
    assert pl.read_delta(f"{output}/mentions").height == mentions.height
    dataset.check_tables(location)
