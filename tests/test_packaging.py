"""The built wheel gives a working `casualties` in a new virtual environment that holds only the runtime lock (no
test tools, no Dask): the package data (seed feed and pages), the console script, the one import name, the
runtime dependencies complete, away from this checkout. pip takes the locked wheels from its cache, which the
project's own install filled (about 30 s)."""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import venv

import deltalake

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_the_wheel_installs_and_runs_the_bundled_demo_feed(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(tmp_path / "dist"), str(ROOT)], check=True)
    [wheel] = (tmp_path / "dist").glob("casualty_events-*.whl")
    names = subprocess.run([sys.executable, "-m", "zipfile", "-l", str(wheel)], check=True, capture_output=True,
                           text=True).stdout
    for member in ("casualty_events/seeds/feed.xml", "casualty_events/py.typed", "casualty_events/pipelines/cli.py",
                   "casualty_events/transforms/casualties/extractor.py"):
        assert member in names
    assert "tests/" not in names and "benchmarks/" not in names

    environment = tmp_path / "venv"
    venv.create(environment, with_pip=False)
    own_site = next((environment / "lib").glob("python3*/site-packages"))
    python = environment / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps"]
    subprocess.run([*pip, "--require-hashes", "-r", str(ROOT / "requirements.lock")], check=True)
    subprocess.run([*pip, str(wheel)], check=True)
    for test_tool in ("pytest", "duckdb", "dask"):
        assert subprocess.run([str(python), "-c", f"import {test_tool}"], capture_output=True).returncode != 0
    where = subprocess.run([str(python), "-c", "import casualty_events.pipelines.cli as c; print(c.__file__)"],
                           check=True, capture_output=True, text=True, cwd=tmp_path).stdout
    assert where.startswith(str(own_site))

    output = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    finished = subprocess.run([str(environment / "bin" / "casualties"), "run", "--output", str(output), "-q"],
                              capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert finished.returncode == 0, finished.stderr
    assert deltalake.DeltaTable(str(output / "mentions")).to_pyarrow_table().num_rows >= 10
    report = subprocess.run([str(environment / "bin" / "casualties"), "report", "--output", str(output), "--html",
                             str(tmp_path / "report.html")], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert report.returncode == 0 and (tmp_path / "report.html").stat().st_size > 10_000
