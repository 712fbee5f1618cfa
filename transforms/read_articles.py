"""ReadArticles: the Beam stage that reads fetched pages (`page_reading`) into articles and casualty mentions.

Pages are grouped by a hash of their URL: the fetch keeps each host's pages
together (one request at a time per host), and the reading after it is spread
by article instead.
"""
from __future__ import annotations

import zlib

import apache_beam as beam

from casualty_events.schemas.records import FetchedPage
from casualty_events.transforms.page_reading import ReadSettings, read_group
from casualty_events.transforms.stage import RecordStage

# Groups of pages on a cluster: enough for the workers of a small cluster. One machine reads a chunk's pages as one
# group, which its worker processes share out a few pages at a time.
CLUSTER_GROUPS = 32


class ReadArticles(RecordStage):
    """FetchedPage -> ExtractedArticle | SkippedEntry | Reject; other records pass on.

    `workers`: processes that read a group's pages (one machine: its cores; a cluster: 1, its workers are Beam's);
    `groups`: how many groups the pages are spread over.
    """

    takes = FetchedPage

    def __init__(self, settings: ReadSettings, workers: int = 1, groups: int = CLUSTER_GROUPS):
        super().__init__()
        self.settings, self.workers, self.groups = settings, workers, groups

    def work(self, pages):
        return (
            pages
            | "KeyByArticle" >> beam.Map(lambda page, groups: (zlib.crc32(page.entry.url.encode()) % groups, page),
                                         self.groups)
            | "GroupByArticle" >> beam.GroupByKey()
            | "Read" >> beam.FlatMap(read_group, self.settings, self.workers)
        )
