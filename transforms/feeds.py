"""Feeds: what the user names (URLs, paths, OPML, list files) and what a feed holds.

feedparser is handed bytes that our own client fetched (it has no timeout of
its own). A malformed ("bozo") feed keeps whatever entries it yielded; one
with none, or a document that is no feed at all, becomes a reject with
feedparser's reason. A well-formed feed with no items is fine: nothing new.
"""
from __future__ import annotations

import io
import pathlib
import urllib.parse
import xml.etree.ElementTree as ElementTree

import apache_beam as beam
import feedparser

from casualty_events.schemas.codes import Reason, Stage
from casualty_events.schemas.records import FeedEntry, FeedSource, FeedStatus, Reject
from casualty_events.transforms.fetch import LOCAL_BUCKETS, PoliteFetch
from casualty_events.transforms.http import FetchError, FetchPolicy
from casualty_events.transforms.local_files import is_local, local_path
from casualty_events.transforms.politeness import FetchOutcome, FetchRequest
from casualty_events.transforms.guard import guarded
from casualty_events.transforms.stage import RecordStage, is_a, is_not
from casualty_events.transforms.text import clean_text, utc_instant, without_surrogate_references

NETWORK_SCHEMES = ("http", "https")


class FeedListError(ValueError):
    """A feed named by the user cannot be used (missing file, unknown scheme, bad OPML)."""


def normalise_location(location: str) -> str:
    """An http(s) URL as given, a local feed as an absolute file:// URL (the base for relative links)."""
    location = location.strip()
    if is_local(location):
        try:
            path = local_path(location).expanduser().resolve()
        except FetchError as error:
            raise FeedListError(error.detail) from None
        if not path.is_file():
            raise FeedListError(f"feed file not found: {location}")
        return path.as_uri()
    if urllib.parse.urlsplit(location).scheme.lower() not in NETWORK_SCHEMES:
        raise FeedListError(f"unsupported feed location (use http, https, a path or file://): {location}")
    return location


def read_feeds_file(path: str) -> list[str]:
    """Feeds listed one a line; blank lines and `#` comments are skipped."""
    try:
        lines = pathlib.Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise FeedListError(f"cannot read feeds file {path}: {error.strerror}") from error
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def is_opml(location: str) -> bool:
    """A local file whose root element is <opml>."""
    if not is_local(location):
        return False
    path = local_path(location)
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        head = handle.read(2048).lower()
    return b"<opml" in head


def read_opml(location: str) -> list[str]:
    """The feed URLs (`xmlUrl`) of an OPML subscription list, in document order."""
    try:
        root = ElementTree.parse(local_path(location)).getroot()
    except (OSError, ElementTree.ParseError) as error:
        raise FeedListError(f"cannot read OPML file {location}: {error}") from error
    urls = [node.get("xmlUrl") for node in root.iter("outline") if node.get("xmlUrl")]
    if not urls:
        raise FeedListError(f"OPML file lists no feeds (no outline with xmlUrl): {location}")
    return urls


def resolve_feed_locations(locations: list[str]) -> list[str]:
    """Expand OPML files and normalise every location; duplicates keep their first place."""
    resolved: list[str] = []
    for location in locations:
        expanded = read_opml(location) if is_opml(location) else [location]
        for feed in expanded:
            url = normalise_location(feed)
            if url not in resolved:
                resolved.append(url)
    return resolved


def entry_link(item, local_feed: bool) -> str:
    """The entry's link; an id that feedparser offers as the link counts unless it names no document (`urn:`, `tag:`).

    feedparser turns `file:///srv/a.html` into `file://srv/a.html`; in a feed read from disk that is a local path.
    """
    link = (item.get("link") or "").strip()
    taken_from_id = item.get("guidislink") and not item.get("links")
    if taken_from_id and urllib.parse.urlsplit(link).scheme.lower() not in ("", "file", *NETWORK_SCHEMES):
        return ""
    if local_feed and link.lower().startswith("file://") and not link.lower().startswith(("file:///", "file://localhost/")):
        return "file:///" + link[len("file://"):]
    return link


def parse_feed(
    source: FeedSource, body: bytes, headers: dict[str, str], base_url: str | None = None
) -> tuple[FeedStatus, list[FeedEntry | Reject]]:
    """Entries of one fetched feed, relative links resolved against where it was fetched from."""
    base_url = base_url or source.url
    response_headers = {"content-type": headers.get("content-type") or "application/xml"}
    if not is_local(base_url):  # feedparser mangles file:// bases ("file://work/..."): those we join ourselves
        response_headers["content-location"] = base_url
    # A stream, never bytes or a string: feedparser would try a string as a file name or URL and read it.
    parsed = feedparser.parse(io.BytesIO(without_surrogate_references(body)), response_headers=response_headers)
    results: list[FeedEntry | Reject] = []
    for item in parsed.entries:
        link = clean_text(entry_link(item, is_local(base_url)))
        if not link:
            results.append(
                Reject(Stage.FEED, Reason.ENTRY_WITHOUT_LINK,
                       clean_text(f"entry {item.get('id') or item.get('title')!r} has no link"), None, source.url)
            )
            continue
        # dict.get: feedparser's own get() maps a missing updated_parsed to published_parsed, with a warning
        updated_at = utc_instant(dict.get(item, "updated_parsed"))
        results.append(
            FeedEntry(
                feed_url=source.url,
                url=urllib.parse.urljoin(base_url, link),
                title=clean_text(item.get("title")),
                published_at=utc_instant(item.get("published_parsed")) or updated_at,
                updated_at=updated_at,
                entry_id=clean_text(item.get("id")),
            )
        )
    etag, last_modified = clean_text(headers.get("etag")), clean_text(headers.get("last-modified"))
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        detail = clean_text(str(parsed.get("bozo_exception") or "no RSS or Atom root element"))
        status = FeedStatus(source.url, "failed", 0, etag, last_modified, "not_a_feed")
        return status, [Reject(Stage.FEED, Reason.NOT_A_FEED, detail, None, source.url)]
    return FeedStatus(source.url, "ok", len(parsed.entries), etag, last_modified), results


def feed_request(source: FeedSource) -> FetchRequest:
    """A conditional GET: the validators of the last run let an unchanged feed answer 304."""
    headers = []
    if source.etag:
        headers.append(("If-None-Match", source.etag))
    if source.last_modified:
        headers.append(("If-Modified-Since", source.last_modified))
    return FetchRequest(url=source.url, payload=source, headers=tuple(headers), accept=None,
                        allow_file=is_local(source.url))


def feed_records(outcome: FetchOutcome) -> list[FeedStatus | FeedEntry | Reject]:
    """The status of one feed, then its entries or the reason it failed."""
    source: FeedSource = outcome.request.payload
    if outcome.error is not None:
        error = outcome.error
        return [FeedStatus(source.url, "failed", 0, source.etag, source.last_modified, error.reason),
                Reject(Stage.FEED, error.reason, error.detail, None, source.url)]
    response = outcome.response
    if response.status == 304:
        return [FeedStatus(source.url, "not_modified", 0, source.etag, source.last_modified)]
    status, records = parse_feed(source, response.body, response.headers, response.url)
    return [status, *records]


def feed_failed(element: FeedSource | FetchOutcome, reject: Reject) -> list[FeedStatus | Reject]:
    """What a feed owes when reading it failed unforeseen: its status, failed, and the reject saying why."""
    source: FeedSource = element if isinstance(element, FeedSource) else element.request.payload
    return [FeedStatus(source.url, "failed", 0, source.etag, source.last_modified, reject.reason), reject]


class ReadFeeds(RecordStage):
    """FeedSource -> FeedStatus (one per feed), FeedEntry and Reject records; other records pass on."""

    takes = FeedSource

    def __init__(self, policy: FetchPolicy, buckets: int = LOCAL_BUCKETS, deadline: float | None = None,
                 robots_dir: str | None = None):
        super().__init__()
        self.policy, self.buckets, self.deadline, self.robots_dir = policy, buckets, deadline, robots_dir

    def work(self, sources):
        requests = sources | "ToRequests" >> beam.FlatMap(
            guarded(Stage.FEED, lambda source: [feed_request(source)], on_error=feed_failed))
        read = (
            requests
            | "Requests" >> beam.Filter(is_a(FetchRequest))
            | "FetchFeeds" >> PoliteFetch(self.policy, self.buckets, deadline=self.deadline,
                                             robots_dir=self.robots_dir)
            | "Parse" >> beam.FlatMap(guarded(Stage.FEED, feed_records, on_error=feed_failed))
        )
        unrequested = requests | "Unrequested" >> beam.Filter(is_not(FetchRequest))
        return (read, unrequested) | "AllFeeds" >> beam.Flatten()
