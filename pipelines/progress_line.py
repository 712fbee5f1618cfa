"""The live progress a person sees on a terminal while a run goes on: feeds read of all, entries done of those
known so far, with rates and the time left, drawn by rich from the workers' tallies."""
from __future__ import annotations

import pathlib
import threading
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from casualty_events.transforms.progress import read_tallies

REFRESH_SECONDS = 0.5


class ProgressLine:
    """Two bars on `stream`: feeds n/N, then entries done (extracted, rejected or skipped) of the entries the feeds
    read so far hold, with the mentions found; redrawn until the run ends."""

    def __init__(self, progress_dir: pathlib.Path, feeds_total: int, stream: TextIO):
        self.progress_dir = progress_dir
        self._progress = Progress(
            TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[note]}"),
            TimeRemainingColumn(), console=Console(file=stream), transient=False,
        )
        self._feeds = self._progress.add_task("feeds", total=feeds_total, note="")
        self._articles = self._progress.add_task("articles", total=None, note="")
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._redraw, name="progress", daemon=True)

    def update(self) -> None:
        tallies = read_tallies(self.progress_dir)
        self._progress.update(self._feeds, completed=tallies["feeds"])
        known = tallies["entries"] if tallies["feeds"] else None
        self._progress.update(self._articles, completed=tallies["done"], total=known,
                              note=f"{tallies['articles']} extracted, {tallies['mentions']} mentions")

    def _redraw(self) -> None:
        while not self._done.wait(REFRESH_SECONDS):
            self.update()

    def __enter__(self) -> ProgressLine:
        self._progress.start()
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._done.set()
        self._thread.join()
        self.update()
        self._progress.stop()
