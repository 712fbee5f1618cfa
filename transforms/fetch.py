"""The Beam shell around polite fetching: key by host bucket, group, fetch each bucket politely.

One host always lands in one bucket, so per-host sequencing and gaps hold on
a cluster too. Only the runner-portable subset is used (Map, GroupByKey,
ParDo emitting from `process`), see DESIGN.md "One pipeline, every runner".
"""
from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

import apache_beam as beam

from schemas.records import FeedEntry, FetchedPage, Reject
from transforms.http import FetchPolicy
from transforms.local_files import is_local
from transforms.politeness import FetchOutcome, FetchRequest, polite_fetch, politeness_host

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Buckets trade parallelism on one worker (hosts of a bucket run on its thread
# pool at once, buckets one after another) against spread over a cluster.
DEFAULT_BUCKETS = 8


def host_bucket(url: str, buckets: int) -> int:
    """A stable bucket for the URL's host (same on every worker and every run)."""
    return zlib.crc32(politeness_host(url).encode("utf-8")) % buckets


class _FetchBucket(beam.DoFn):
    """Fetches one bucket's requests politely and emits every outcome from `process`."""

    def __init__(self, policy: FetchPolicy, follows_another_stage: bool):
        super().__init__()
        self._policy, self._follows_another_stage = policy, follows_another_stage

    def process(self, bucket: tuple[int, Iterable[FetchRequest]]) -> Iterator[FetchOutcome]:
        _, requests = bucket
        yield from polite_fetch(requests, self._policy, follows_another_stage=self._follows_another_stage)


class PoliteFetch(beam.PTransform):
    """PCollection[FetchRequest] -> PCollection[FetchOutcome], one outcome per request.

    `follows_another_stage`: the run fetched from these hosts in an earlier stage (see `polite_fetch`).
    """

    def __init__(self, policy: FetchPolicy, buckets: int = DEFAULT_BUCKETS, follows_another_stage: bool = False):
        super().__init__()
        self.policy = policy
        self.buckets = buckets
        self.follows_another_stage = follows_another_stage

    def expand(self, requests):
        buckets = self.buckets
        return (
            requests
            | "KeyByHostBucket" >> beam.Map(lambda request: (host_bucket(request.url, buckets), request))
            | "GroupByHostBucket" >> beam.GroupByKey()
            | "FetchBucket" >> beam.ParDo(_FetchBucket(self.policy, self.follows_another_stage))
        )


def article_request(entry: FeedEntry) -> FetchRequest:
    """An HTML-only request; local files only for entries of a feed that was itself read from disk."""
    return FetchRequest(url=entry.url, payload=entry, accept=HTML_TYPES, allow_file=is_local(entry.feed_url))


def article_record(outcome: FetchOutcome) -> FetchedPage | Reject:
    """The fetched page, or a reject saying why not."""
    entry: FeedEntry = outcome.request.payload
    if outcome.error is not None:
        return Reject(stage="fetch", reason=outcome.error.reason, detail=outcome.error.detail,
                      url=entry.url, feed_url=entry.feed_url)
    response = outcome.response
    content_type = response.headers.get("content-type", response.content_type)  # keeps the charset parameter
    return FetchedPage(entry=entry, final_url=response.url, status=response.status, content_type=content_type,
                       body=response.body, fetched_at=outcome.fetched_at)


class FetchArticles(beam.PTransform):
    """PCollection[FeedEntry] -> PCollection[FetchedPage | Reject]."""

    def __init__(self, policy: FetchPolicy, buckets: int = DEFAULT_BUCKETS):
        super().__init__()
        self.policy = policy
        self.buckets = buckets

    def expand(self, entries):
        return (
            entries
            | "ToRequests" >> beam.Map(article_request)
            | "Fetch" >> PoliteFetch(self.policy, self.buckets, follows_another_stage=True)  # the feeds came first
            | "ToRecords" >> beam.Map(article_record)
        )
