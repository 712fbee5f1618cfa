"""ExtractArticles: the body text and metadata of a fetched page, by trafilatura.

Only English articles go on to casualty extraction; another language is
recorded as a reject with reason `language`, not as an error.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import urllib.parse

import apache_beam as beam
import py3langid
import trafilatura

from schemas.records import Article, FetchedPage, Reject

TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
MIN_TEXT_CHARS = 80


def canonical_url(url: str) -> str:
    """The URL that names an article: no fragment, no tracking parameters, lower-case host."""
    parts = urllib.parse.urlsplit(url.strip())
    query = urllib.parse.urlencode(
        [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
         if not k.lower().startswith(TRACKING_PARAMETERS)]
    )
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def article_id(url: str) -> str:
    """A stable identifier of an article: a hash of its canonical URL."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:20]


def content_hash(text: str) -> str:
    """A hash of the extracted text: a changed article gets a new one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def detect_language(text: str, declared: str | None) -> str:
    """The language of the body text; the page's own declaration only breaks a near tie."""
    detected, _ = py3langid.classify(text[:5000])
    declared_primary = (declared or "").split("-")[0].lower()
    return declared_primary if declared_primary == detected else detected


def _page_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.combine(dt.date.fromisoformat(value[:10]), dt.time(), tzinfo=dt.timezone.utc)
    except ValueError:
        return None


def extract_article(page: FetchedPage) -> Article | Reject:
    """One page's article, or the reason there is none."""
    entry = page.entry
    try:
        document = trafilatura.bare_extraction(
            page.body, url=page.final_url, with_metadata=True, include_comments=False, include_tables=False,
        )
    except Exception as error:  # trafilatura's parsers raise many kinds on hostile markup
        return Reject("extract_article", "extraction_error", f"{type(error).__name__}: {error}",
                      entry.url, entry.feed_url)
    text = (document.text or "").strip() if document else ""
    if len(text) < MIN_TEXT_CHARS:
        return Reject("extract_article", "no_article_text",
                      f"trafilatura found {len(text)} characters of body text", entry.url, entry.feed_url)
    language = detect_language(text, document.language)
    if language != "en":
        return Reject("extract_article", "language", f"article language is {language!r}, not English",
                      entry.url, entry.feed_url)
    page_date = _page_date(document.date)
    if entry.published_at is not None:
        published_at, published_from = entry.published_at, "feed"
    elif page_date is not None:
        published_at, published_from = page_date, "page"
    else:
        published_at, published_from = page.fetched_at, "fetched"
    canonical = canonical_url(document.url or page.final_url)
    return Article(
        article_id=article_id(canonical),
        url=page.final_url,
        canonical_url=canonical,
        feed_url=entry.feed_url,
        entry_url=entry.url,
        entry_updated_at=entry.updated_at,
        title=document.title or entry.title,
        source=document.sitename or document.hostname,
        author=document.author,
        published_at=published_at,
        published_from=published_from,
        language=language,
        text=text,
        content_hash=content_hash(text),
        fetched_at=page.fetched_at,
    )


class ExtractArticles(beam.PTransform):
    """FetchedPage -> Article | Reject."""

    def expand(self, pages):
        return pages | "Trafilatura" >> beam.Map(extract_article)
