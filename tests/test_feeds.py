"""ReadFeeds' plain core: feed lists, OPML, and what feedparser makes of a feed's bytes."""
from __future__ import annotations

import datetime as dt
import pathlib

import apache_beam as beam
import pytest
from apache_beam.runners.portability.fn_api_runner import FnApiRunner
from apache_beam.testing.util import assert_that, equal_to

from casualty_events.schemas.records import FeedEntry, FeedSource, FeedStatus, Reject
from casualty_events.transforms.feeds import (
    FeedListError,
    ReadFeeds,
    parse_feed,
    read_feeds_file,
    resolve_feed_locations,
)
from casualty_events.transforms.http import FetchPolicy

SEED_FEED = pathlib.Path(__file__).resolve().parent.parent / "seeds" / "feed.xml"

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Two killed</title><link>stories/two.html</link><guid>a1</guid>
  <pubDate>Tue, 05 Mar 2024 08:00:00 +0000</pubDate></item>
<item><title>No link here</title><guid isPermaLink="false">a2</guid></item>
<item><title>Absolute</title><link>https://news.example/x.html</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title><id>urn:x</id>
<updated>2024-03-06T10:00:00Z</updated>
<entry><title>Updated story</title><id>urn:uuid:1</id><link href="/s/1"/>
  <published>2024-03-05T09:00:00Z</published><updated>2024-03-06T09:30:00Z</updated></entry>
</feed>"""


def test_rss_entries_resolve_relative_links_against_the_feed_url():
    status, records = parse_feed(FeedSource("https://news.example/feeds/rss.xml"), RSS,
                                 {"content-type": "application/rss+xml", "etag": '"v1"'})
    assert status == FeedStatus("https://news.example/feeds/rss.xml", "ok", 3, '"v1"', None)
    entries = [r for r in records if isinstance(r, FeedEntry)]
    assert [e.url for e in entries] == ["https://news.example/feeds/stories/two.html", "https://news.example/x.html"]
    assert entries[0].published_at == dt.datetime(2024, 3, 5, 8, tzinfo=dt.timezone.utc)
    assert entries[0].updated_at is None  # an RSS pubDate is no update signal
    [no_link] = [r for r in records if isinstance(r, Reject)]
    assert (no_link.stage, no_link.reason) == ("feed", "entry_without_link")


def test_atom_entries_carry_published_and_updated():
    _, [entry] = parse_feed(FeedSource("https://news.example/atom"), ATOM, {})
    assert entry.url == "https://news.example/s/1"
    assert entry.published_at == dt.datetime(2024, 3, 5, 9, tzinfo=dt.timezone.utc)
    assert entry.updated_at == dt.datetime(2024, 3, 6, 9, 30, tzinfo=dt.timezone.utc)


def test_a_local_feed_links_to_local_files():
    source = FeedSource(SEED_FEED.as_uri())
    status, records = parse_feed(source, SEED_FEED.read_bytes(), {})
    assert status.status == "ok" and status.entries == 5
    for entry in records:
        assert entry.url.startswith("file:///") and pathlib.Path(entry.url.removeprefix("file://")).is_file()


@pytest.mark.parametrize("body", [b"", b"<html><body><p>Breaking news</p></body></html>", b"<rss><channel>"])
def test_a_document_that_is_no_feed_is_a_failed_feed_with_a_reject(body):
    status, records = parse_feed(FeedSource("https://news.example/f"), body, {})
    assert (status.status, status.reason) == ("failed", "not_a_feed")
    assert [(r.stage, r.reason) for r in records] == [("feed", "not_a_feed")]


def test_a_broken_feed_keeps_the_entries_it_has():
    body = b'<rss version="2.0"><channel><item><title>Cut</title><link>https://news.example/1</link></item><item>'
    status, records = parse_feed(FeedSource("https://news.example/f"), body, {})
    assert (status.status, status.entries) == ("ok", 2)
    assert [type(r).__name__ for r in records] == ["FeedEntry", "Reject"]
    assert records[0].url == "https://news.example/1"


def test_a_well_formed_feed_without_items_is_ok_and_empty():
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>quiet</title></channel></rss>'
    status, records = parse_feed(FeedSource("https://news.example/f"), body, {})
    assert (status.status, status.entries, records) == ("ok", 0, [])


def test_feeds_file_opml_and_paths_resolve_to_one_list(tmp_path):
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head><body>'
        '<outline text="World"><outline type="rss" text="A" xmlUrl="https://a.example/rss"/>'
        '<outline type="rss" text="B" xmlUrl="https://b.example/atom"/></outline></body></opml>'
    )
    listed = tmp_path / "feeds.txt"
    listed.write_text(f"# my feeds\nhttps://a.example/rss\n\n{SEED_FEED}\n{opml}\n{SEED_FEED.as_uri()}\n")
    assert resolve_feed_locations(read_feeds_file(str(listed))) == [
        "https://a.example/rss", SEED_FEED.as_uri(), "https://b.example/atom",
    ]


@pytest.mark.parametrize("location, message", [
    ("missing.xml", "feed file not found"),
    ("ftp://news.example/rss", "unsupported feed location"),
])
def test_an_unusable_feed_location_says_why(location, message):
    with pytest.raises(FeedListError, match=message):
        resolve_feed_locations([location])


def test_an_opml_file_without_feeds_is_an_error(tmp_path):
    opml = tmp_path / "empty.opml"
    opml.write_text('<opml version="2.0"><body><outline text="nothing"/></body></opml>')
    with pytest.raises(FeedListError, match="lists no feeds"):
        resolve_feed_locations([str(opml)])


def test_read_feeds_on_the_local_runner():
    with beam.Pipeline(runner=FnApiRunner()) as pipeline:
        records = (
            pipeline
            | beam.Create([FeedSource(SEED_FEED.as_uri())])
            | ReadFeeds(FetchPolicy(min_host_gap=0))
            | beam.Map(lambda r: type(r).__name__)
        )
        assert_that(records, equal_to(["FeedStatus"] + ["FeedEntry"] * 5))
