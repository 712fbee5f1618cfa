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

from casualty_events.schemas.codes import Reason, Stage
from casualty_events.schemas.records import ExtractedArticle, FeedStatus, Reject, SkippedEntry


def tally(record, progress_dir: str | None, stage: str):
    """Note a finished feed and its entries, or an entry's end (extracted, rejected or skipped); pass the record on."""
    if progress_dir is None:
        return record
    if stage == "feeds" and isinstance(record, FeedStatus):
        line = f"feeds 1\nentries {record.entries}\n"
    elif stage == "articles" and isinstance(record, ExtractedArticle):
        line = f"done 1\narticles 1\nmentions {len(record.mentions)}\n"
    elif stage == "articles" and (isinstance(record, SkippedEntry) or isinstance(record, Reject) and (
            record.stage != Stage.FEED or record.reason == Reason.ENTRY_WITHOUT_LINK)):
        line = "done 1\n"
    else:
        return record
    folder = pathlib.Path(progress_dir)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{os.getpid()}-{threading.get_ident()}.txt", "a", encoding="utf-8") as handle:
        handle.write(line)
    return record


def read_tallies(progress_dir: pathlib.Path) -> dict[str, int]:
    """The sums of every worker's tallies so far."""
    totals = {"feeds": 0, "entries": 0, "done": 0, "articles": 0, "mentions": 0}
    for path in progress_dir.glob("*.txt") if progress_dir.is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            name, _, number = line.partition(" ")
            if name in totals and number.isdigit():
                totals[name] += int(number)
    return totals


class Tally(beam.PTransform):
    """A pass-through step that notes progress when a progress folder is given: after the feeds (`stage="feeds"`)
    or at the end of the chain (`stage="articles"`)."""

    def __init__(self, progress_dir: str | None, stage: str):
        super().__init__()
        self.progress_dir, self.stage = progress_dir, stage

    def expand(self, records):
        return records | "Note" >> beam.Map(tally, self.progress_dir, self.stage)
