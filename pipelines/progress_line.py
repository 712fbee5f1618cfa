"""The live progress line a person sees on a terminal while a run goes on."""
from __future__ import annotations

import pathlib
import threading
from typing import TextIO

from casualty_events.transforms.progress import read_tallies

REFRESH_SECONDS = 0.5


def render(tallies: dict[str, int], feeds_total: int) -> str:
    return f"feeds {tallies['feeds']}/{feeds_total} · articles {tallies['articles']} · mentions {tallies['mentions']}"


class ProgressLine:
    """Redraws one line on `stream` from the workers' tallies until the run ends."""

    def __init__(self, progress_dir: pathlib.Path, feeds_total: int, stream: TextIO):
        self.progress_dir, self.feeds_total, self.stream = progress_dir, feeds_total, stream
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._redraw, name="progress-line", daemon=True)

    def _draw(self) -> None:
        self.stream.write("\r\x1b[K" + render(read_tallies(self.progress_dir), self.feeds_total))
        self.stream.flush()

    def _redraw(self) -> None:
        while not self._done.wait(REFRESH_SECONDS):
            self._draw()

    def __enter__(self) -> ProgressLine:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._done.set()
        self._thread.join()
        self._draw()
        self.stream.write("\n")
        self.stream.flush()
