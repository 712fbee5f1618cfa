"""How long `casualties extract` takes on one document: start-up, as a user of the command feels it.

Usage: python benchmarks/start_up.py [--repeat 3]

Times the console script end to end on one short document, first with an empty cache folder (the gazetteer is
built and cached), then with the cache (best of --repeat), and prints both.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

DOCUMENT = {"doc_id": "a", "text": "Three people were killed in Kirkuk on Monday.", "published": "2024-03-06"}


def timed(command: list[str], cache: pathlib.Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "XDG_CACHE_HOME": str(cache)})
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    casualties = pathlib.Path(sys.executable).with_name("casualties")
    with tempfile.TemporaryDirectory() as scratch:
        folder = pathlib.Path(scratch)
        (folder / "doc.jsonl").write_text(json.dumps(DOCUMENT) + "\n")
        command = [str(casualties), "extract", "--input", str(folder / "doc.jsonl"), "--output", str(folder / "m.jsonl")]
        cold = timed(command, folder / "cache")
        warm = min(timed(command, folder / "cache") for _ in range(args.repeat))
    print(f"extract, one document, empty cache    {cold:.2f} s")
    print(f"extract, one document, gazetteer cached {warm:.2f} s (best of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
