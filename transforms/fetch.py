"""The Beam shell around polite fetching: key by host bucket, group, fetch each bucket politely.

One host always lands in one bucket, so per-host sequencing and gaps hold on
a cluster too. The hosts of one bucket are fetched in parallel; buckets are
fetched one after another on one worker, so a local run uses one bucket (all
hosts in parallel) and a cluster run several (spread over its workers). Only
the runner-portable subset is used (Map, GroupByKey, ParDo emitting from
`process`), see DESIGN.md "One pipeline, every runner".
"""
from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

import apache_beam as beam

from casualty_events.schemas.codes import Stage
from casualty_events.schemas.records import FeedEntry, FetchedPage, Reject
from casualty_events.transforms.http import FetchPolicy
from casualty_events.transforms.local_files import is_local
from casualty_events.transforms.politeness import FetchOutcome, FetchRequest, polite_fetch, politeness_host
from casualty_events.transforms.guard import guarded
from casualty_events.transforms.stage import RecordStage

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Buckets trade parallelism on one worker (hosts of a bucket run on its thread
# pool at once, buckets one after another) against spread over a cluster.
LOCAL_BUCKETS = 1
CLUSTER_BUCKETS = 8


def host_bucket(url: str, buckets: int) -> int:
    """A stable bucket for the URL's host (same on every worker and every run)."""
    return zlib.crc32(politeness_host(url).encode("utf-8")) % buckets


class _FetchBucket(beam.DoFn):
    """Fetches one bucket's requests politely and emits every outcome from `process`."""

    def __init__(self, policy: FetchPolicy, follows_another_stage: bool, deadline: float | None,
                 robots_dir: str | None):
        super().__init__()
        self._policy, self._follows_another_stage, self._deadline = policy, follows_another_stage, deadline
        self._robots_dir = robots_dir

    def process(self, bucket: tuple[int, Iterable[FetchRequest]]) -> Iterator[FetchOutcome]:
        _, requests = bucket
        yield from polite_fetch(requests, self._policy, follows_another_stage=self._follows_another_stage,
                                deadline=self._deadline, robots_dir=self._robots_dir)


class PoliteFetch(beam.PTransform):
    """PCollection[FetchRequest] -> PCollection[FetchOutcome], one outcome per request.

    `follows_another_stage`: the run fetched from these hosts in an earlier stage (see `polite_fetch`);
    `deadline`: a `time.time()` instant after which requests fail with `run_deadline` unasked;
    `robots_dir`: where the run keeps the robots.txt it read (None: read once per bucket).
    """

    def __init__(self, policy: FetchPolicy, buckets: int = LOCAL_BUCKETS, follows_another_stage: bool = False,
                 deadline: float | None = None, robots_dir: str | None = None):
        super().__init__()
        self.policy = policy
        self.buckets = buckets
        self.follows_another_stage = follows_another_stage
        self.deadline = deadline
        self.robots_dir = robots_dir

    def expand(self, requests):
        buckets = self.buckets
        return (
            requests
            | "KeyByHostBucket" >> beam.Map(lambda request: (host_bucket(request.url, buckets), request))
            | "GroupByHostBucket" >> beam.GroupByKey()
            | "FetchBucket" >> beam.ParDo(_FetchBucket(self.policy, self.follows_another_stage, self.deadline,
                                                      self.robots_dir))
        )


def article_request(entry: FeedEntry) -> FetchRequest:
    """An HTML-only request; local files only for entries of a feed that was itself read from disk."""
    return FetchRequest(url=entry.url, payload=entry, accept=HTML_TYPES, allow_file=is_local(entry.feed_url))


def article_record(outcome: FetchOutcome) -> list[FetchedPage | Reject]:
    """The fetched page, or a reject saying why not."""
    entry: FeedEntry = outcome.request.payload
    if outcome.error is not None:
        return [Reject(stage=Stage.FETCH, reason=outcome.error.reason, detail=outcome.error.detail,
                       url=entry.url, feed_url=entry.feed_url)]
    response = outcome.response
    content_type = response.headers.get("content-type", response.content_type)  # keeps the charset parameter
    return [FetchedPage(entry=entry, final_url=response.url, status=response.status, content_type=content_type,
                        body=response.body, fetched_at=outcome.fetched_at)]


class FetchArticles(RecordStage):
    """FeedEntry -> FetchedPage | Reject; other records pass on."""

    takes = FeedEntry

    def __init__(self, policy: FetchPolicy, buckets: int = LOCAL_BUCKETS, deadline: float | None = None,
                 robots_dir: str | None = None):
        super().__init__()
        self.policy, self.buckets, self.deadline, self.robots_dir = policy, buckets, deadline, robots_dir

    def work(self, entries):
        return (
            entries
            | "ToRequests" >> beam.Map(article_request)
            | "Fetch" >> PoliteFetch(self.policy, self.buckets, follows_another_stage=True,  # the feeds came first
                                     deadline=self.deadline, robots_dir=self.robots_dir)
            | "ToRecords" >> beam.FlatMap(guarded(Stage.FETCH, article_record))
        )
