"""The built wheel gives a working `casualties` in a new virtual environment: the package data (seed feed and
pages), the console script and the one import name, away from this checkout.

The new environment borrows the installed dependencies of this one (a path file, appended after its own
site-packages, whose path files are not run) instead of downloading a gigabyte again; the wheel itself is
installed with pip as a user would.
"""
from __future__ import annotations

import os
import pathlib
import site
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
    (own_site / "borrowed.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    python = environment / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
                   check=True)
    where = subprocess.run([str(python), "-c", "import casualty_events.pipelines.cli as c; print(c.__file__)"],
                           check=True, capture_output=True, text=True, cwd=tmp_path).stdout
    assert where.startswith(str(own_site))

    output = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    finished = subprocess.run([str(environment / "bin" / "casualties"), "run", "--output", str(output), "-q"],
                              capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert finished.returncode == 0, finished.stderr
    assert deltalake.DeltaTable(str(output / "mentions")).to_pyarrow_table().num_rows >= 10
