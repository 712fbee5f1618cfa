"""The chain of stages: each takes the records of one kind, passes every other record on, and never stops the run.

Every stage of the pipeline is a `RecordStage`: a composite that filters the
records it works on, applies its work, and flattens its results back with the
records it passed on, so that the pipeline reads as one chain from the feeds
to the writer and each stage's routing is its own business. Its per-element
work goes through `guard.guarded`.
"""
from __future__ import annotations

import apache_beam as beam


def is_a(kind):
    return lambda record: isinstance(record, kind)


def is_not(kind):
    return lambda record: not isinstance(record, kind)


class RecordStage(beam.PTransform):
    """A stage of the chain: `work` on the records of kind `takes`; every other record passes on unchanged."""

    takes: type | tuple[type, ...]

    def work(self, records: beam.PCollection) -> beam.PCollection:
        raise NotImplementedError

    def expand(self, records):
        mine = records | "Take" >> beam.Filter(is_a(self.takes))
        passed_on = records | "PassOn" >> beam.Filter(is_not(self.takes))
        return (self.work(mine), passed_on) | "Rejoin" >> beam.Flatten()
