"""The Beam shell: PoliteFetch on the FnApiRunner gives what polite_fetch gives; FetchArticles' records."""
from __future__ import annotations

import datetime as dt

import apache_beam as beam
import pytest
from apache_beam.runners.portability.fn_api_runner import FnApiRunner
from apache_beam.testing.util import assert_that, equal_to

from casualty_events.schemas.records import FeedEntry, FetchedPage, Reject
from tests.http_fixture import Reply, by_host, gaps, html, robots
from casualty_events.transforms.fetch import FetchArticles, PoliteFetch, article_record, article_request, host_bucket
from casualty_events.transforms.http import FetchError, FetchPolicy
from casualty_events.transforms.politeness import FetchOutcome, FetchRequest, polite_fetch

POLICY = FetchPolicy(allow_private_hosts=True, min_host_gap=0.02, connect_timeout=2, read_timeout=2,
                     total_timeout=5, max_retries=0)
WHEN = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.timezone.utc)


def summary(outcome: FetchOutcome) -> tuple:
    """What must agree between runners (times and the exception object itself may not)."""
    if outcome.error is not None:
        return outcome.request.payload, "error", outcome.error.reason
    return outcome.request.payload, outcome.response.status, outcome.response.body


def entry(url: str, feed_url: str) -> FeedEntry:
    return FeedEntry(feed_url=feed_url, url=url, title=None, published_at=None, updated_at=None, entry_id=url)


def test_polite_fetch_transform_on_fnapi_runner_matches_the_plain_function(http_server, tmp_path):
    http_server.route("/robots.txt", robots("User-agent: *\nDisallow: /private\n"))
    for page in range(3):
        http_server.route(f"/p{page}", html(f"page {page}"))
    (tmp_path / "local.html").write_bytes(b"<p>local</p>")
    urls = [http_server.url(f"/p{page}", host) for host in ("127.0.0.1", "localhost") for page in range(3)]
    urls += [http_server.url("/missing"), http_server.url("/private/x"), "ftp://example.org/"]
    requests = [FetchRequest(url, payload=url) for url in urls]
    requests.append(FetchRequest(str(tmp_path / "local.html"), payload="local", allow_file=True))

    expected = sorted(summary(outcome) for outcome in polite_fetch(requests, POLICY))
    assert [row[1:] for row in expected if row[0] == "local"] == [(200, b"<p>local</p>")]
    assert sum(row[1:] == ("error", "http_404") for row in expected) == 1

    before = len(http_server.log)
    with beam.Pipeline(runner=FnApiRunner()) as pipeline:
        outcomes = pipeline | beam.Create(requests) | PoliteFetch(POLICY, buckets=4)
        assert_that(outcomes | beam.Map(summary), equal_to(expected))
    for host, logged in by_host(http_server.log[before:]).items():
        assert [r.path for r in logged].count("/robots.txt") == 1, host
        assert min(gaps(logged)) >= POLICY.min_host_gap, host


def test_fetch_articles_turns_outcomes_into_pages_and_rejects(http_server, tmp_path):
    http_server.route("/story", Reply(200, b"<p>story</p>", (("Content-Type", "text/html; charset=utf-8"),)))
    http_server.route("/paper.pdf", Reply(200, b"%PDF", (("Content-Type", "application/pdf"),)))
    (tmp_path / "local.html").write_bytes(b"<p>local</p>")
    local_feed = (tmp_path / "feed.rss").as_uri()
    network_feed = http_server.url("/feed.xml")
    local_page = (tmp_path / "local.html").as_uri()
    entries = [
        entry(http_server.url("/story"), network_feed),
        entry(http_server.url("/paper.pdf"), network_feed),
        entry(local_page, network_feed),  # a network feed must never make us read the disk
        entry(local_page, local_feed),
    ]

    def summarise(record: FetchedPage | Reject) -> tuple:
        if isinstance(record, Reject):
            return "reject", record.stage, record.reason, record.url, record.feed_url
        return "page", record.entry.url, record.final_url, record.status, record.content_type, record.body

    with beam.Pipeline(runner=FnApiRunner()) as pipeline:
        records = pipeline | beam.Create(entries) | FetchArticles(POLICY)
        assert_that(records | beam.Map(summarise), equal_to([
            ("page", http_server.url("/story"), http_server.url("/story"), 200, "text/html; charset=utf-8",
             b"<p>story</p>"),
            ("reject", "fetch", "content_type", http_server.url("/paper.pdf"), network_feed),
            ("reject", "fetch", "scheme", local_page, network_feed),
            ("page", local_page, local_page, 200, "text/html", b"<p>local</p>"),
        ]))


@pytest.mark.parametrize("feed_url, allow_file", [("http://news.example/feed", False),
                                                  ("file:///srv/feeds/feed.rss", True),
                                                  ("feeds/feed.rss", True)])
def test_article_requests_accept_html_and_allow_files_only_for_local_feeds(feed_url, allow_file):
    request = article_request(entry("file:///etc/passwd", feed_url))
    assert request.accept == ("text/html", "application/xhtml+xml")
    assert request.allow_file is allow_file


def test_article_record_keeps_the_entry_and_the_reason():
    item = entry("http://news.example/a", "http://news.example/feed")
    request = article_request(item)
    failed = article_record(FetchOutcome(request, None, FetchError("http_404", "gone"), WHEN))
    assert failed == [Reject("fetch", "http_404", "gone", item.url, item.feed_url)]


def test_one_host_always_lands_in_one_bucket():
    bucket = host_bucket("http://News.Example:8080/a", 64)
    assert bucket == host_bucket("https://news.example/b?c=d", 64)
    assert 0 <= bucket < 64
    assert len({host_bucket(f"http://host{n}.example/", 8) for n in range(100)}) == 8
