"""The Beam stages that screen entries before work is spent on them (the rules are in `seen`): one entry per
article in a run, nothing already done."""
from __future__ import annotations

import datetime as dt

import apache_beam as beam

from casualty_events.schemas.codes import Stage
from casualty_events.schemas.records import FeedEntry
from casualty_events.transforms.guard import guarded
from casualty_events.transforms.seen import entry_key, first_of_duplicates, screen_entry, seen_articles
from casualty_events.transforms.stage import RecordStage


class OnePerArticle(RecordStage):
    """FeedEntry -> FeedEntry, or SkippedEntry for the same article's other entries in the run."""

    takes = FeedEntry

    def work(self, entries):
        return (
            entries
            | "KeyByArticle" >> beam.Map(lambda entry: (entry_key(entry), entry))
            | "GroupByArticle" >> beam.GroupByKey()
            | "FirstOfEach" >> beam.FlatMapTuple(first_of_duplicates)
        )


class SkipSeen(RecordStage):
    """FeedEntry -> FeedEntry, or SkippedEntry when older than --since or already done."""

    takes = FeedEntry

    def __init__(self, seen_path: str | None, run_id: str, since: dt.date | None):
        super().__init__()
        self.seen_path, self.run_id, self.since = seen_path, run_id, since

    def work(self, entries):
        def screen(entry, seen_path, run_id, since):
            return [screen_entry(entry, seen_articles(seen_path, run_id), since)]

        return entries | "Screen" >> beam.FlatMap(guarded(Stage.FETCH, screen), self.seen_path, self.run_id, self.since)
