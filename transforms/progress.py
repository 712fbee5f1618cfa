"""Live progress across runners: workers append tallies to files, the driver sums them.

Beam's metrics reach the driver only when a pipeline ends, and a worker on a
cluster cannot write to the driver's terminal; a folder on the shared output
file system works on every runner. Progress is best effort: a tally a retried
bundle writes twice shows twice, the manifest's counts are the true ones.
"""
from __future__ import annotations

import os
import pathlib
import threading

import apache_beam as beam

from casualty_events.schemas.records import ExtractedArticle, FeedStatus


def tally(record, progress_dir: str | None):
    """Note a finished feed, or an extracted article and its mentions; pass the record on."""
    if progress_dir is None:
        return record
    if isinstance(record, FeedStatus):
        line = "feeds 1\n"
    elif isinstance(record, ExtractedArticle):
        line = f"articles 1\nmentions {len(record.mentions)}\n"
    else:
        return record
    folder = pathlib.Path(progress_dir)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{os.getpid()}-{threading.get_ident()}.txt", "a", encoding="utf-8") as handle:
        handle.write(line)
    return record


def read_tallies(progress_dir: pathlib.Path) -> dict[str, int]:
    """The sums of every worker's tallies so far."""
    totals = {"feeds": 0, "articles": 0, "mentions": 0}
    for path in progress_dir.glob("*.txt") if progress_dir.is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            name, _, number = line.partition(" ")
            if name in totals and number.isdigit():
                totals[name] += int(number)
    return totals


class Tally(beam.PTransform):
    """A pass-through step that notes progress when a progress folder is given."""

    def __init__(self, progress_dir: str | None):
        super().__init__()
        self.progress_dir = progress_dir

    def expand(self, records):
        return records | "Note" >> beam.Map(tally, self.progress_dir)
