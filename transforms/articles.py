"""The body text and metadata of a fetched page, by trafilatura (the `ReadArticles` stage calls it).

Only English articles go on to casualty extraction; another language is
recorded as a reject with reason `language`, not as an error.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import time
import urllib.parse

import py3langid

from casualty_events.schemas.codes import Reason, Stage
from casualty_events.schemas.records import Article, FeedEntry, FetchedPage, Reject
from casualty_events.transforms.casualties.lexicon import PIPELINE_LANGUAGE
from casualty_events.transforms.text import clean_text

TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
MIN_TEXT_CHARS = 80
# Bounds on one page's work: news pages are far smaller, and trafilatura's time grows faster than the page.
MAX_HTML_BYTES = 3 * 1024 * 1024
MAX_TEXT_CHARS = 200_000
# The language is told from the body's opening (about 350 words): on trafilatura's 145 test pages (German, English,
# French, Chinese) it is the same as from 5,000 characters, in 0.95 ms a page instead of 4.3.
LANGUAGE_SAMPLE_CHARS = 2_000


def canonical_url(url: str) -> str:
    """The URL that names an article: no fragment, no tracking parameters, lower-case host."""
    parts = urllib.parse.urlsplit(url.strip())
    query = urllib.parse.urlencode(
        [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
         if not k.lower().startswith(TRACKING_PARAMETERS)]
    )
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def same_site(url: str, other: str) -> bool:
    """The same host, or one a subdomain of the other (`www.`, `m.`): a canonical link within a site."""
    first = (urllib.parse.urlsplit(url).hostname or "").removeprefix("www.")
    second = (urllib.parse.urlsplit(other).hostname or "").removeprefix("www.")
    return bool(first and second) and (first == second or first.endswith("." + second) or second.endswith("." + first))


def identity_url(declared_canonical: str | None, final_url: str) -> str:
    """The URL an article is known by: its page's canonical link when that stays on the page's own site, else the
    URL the feed's link led to. Another site's canonical link (a syndicated copy, or a hostile page claiming
    someone else's article) never takes over that article's identity."""
    if declared_canonical and same_site(declared_canonical, final_url):
        return canonical_url(declared_canonical)
    return canonical_url(final_url)


def article_id(url: str) -> str:
    """A stable identifier of an article: a hash of its canonical URL."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:20]


def content_hash(text: str) -> str:
    """A hash of the extracted text: a changed article gets a new one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def detect_language(text: str, declared: str | None) -> str:
    """The language of the body text; the page's own declaration only breaks a near tie."""
    detected, _ = py3langid.classify(text[:LANGUAGE_SAMPLE_CHARS])
    declared_primary = (declared or "").split("-")[0].lower()
    return declared_primary if declared_primary == detected else detected


@functools.cache
def page_extractor():
    """trafilatura, imported when first needed: 0.12 s that a run's own process (its workers read the pages) and a
    run with nothing new need not spend."""
    import trafilatura.settings

    return trafilatura


def _page_date_search(entry: FeedEntry) -> dict:
    """How hard htmldate looks for the page's date: only in its markup's usual places when the feed dated the entry,
    as the page's date is then never used. Its extensive search (the text's every date-like string) cost 1.3 to
    3 ms of a real page's 57 ms (trafilatura's English test pages); the text, title and author are the same."""
    return page_extractor().settings.set_date_params(extensive=entry.published_at is None)


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
        document = page_extractor().bare_extraction(
            page.body[:MAX_HTML_BYTES], url=page.final_url, with_metadata=True, include_comments=False,
            include_tables=False, date_extraction_params=_page_date_search(entry),
        )
    except Exception as error:  # trafilatura's parsers raise many kinds on hostile markup
        return Reject(Stage.EXTRACT_ARTICLE, Reason.EXTRACTION_ERROR, f"{type(error).__name__}: {error}",
                      entry.url, entry.feed_url)
    text = clean_text((document.text or "").strip())[:MAX_TEXT_CHARS] if document else ""
    if len(text) < MIN_TEXT_CHARS:
        return Reject(Stage.EXTRACT_ARTICLE, Reason.NO_ARTICLE_TEXT,
                      f"trafilatura found {len(text)} characters of body text", entry.url, entry.feed_url)
    language = detect_language(text, document.language)
    if language != PIPELINE_LANGUAGE:
        return Reject(Stage.EXTRACT_ARTICLE, Reason.LANGUAGE, f"article language is {language!r}, not English",
                      entry.url, entry.feed_url)
    page_date = _page_date(document.date)
    if entry.published_at is not None:
        published_at, published_from = entry.published_at, "feed"
    elif page_date is not None:
        published_at, published_from = page_date, "page"
    else:
        published_at, published_from = page.fetched_at, "fetched"
    return Article(
        article_id=article_id(identity_url(document.url, page.final_url)),
        url=page.final_url,
        canonical_url=clean_text(canonical_url(document.url or page.final_url)),
        feed_url=entry.feed_url,
        entry_url=entry.url,
        entry_updated_at=entry.updated_at,
        title=clean_text(document.title or entry.title),
        source=clean_text(document.sitename or document.hostname),
        author=clean_text(document.author),
        published_at=published_at,
        published_from=published_from,
        language=language,
        text=text,
        content_hash=content_hash(text),
        fetched_at=page.fetched_at,
    )


def article_or_deadline(page: FetchedPage, deadline: float | None) -> list[Article | Reject]:
    """The page's article, unless the run's time is up (then a reject the next run retries)."""
    if deadline is not None and time.time() > deadline:
        return [Reject(Stage.EXTRACT_ARTICLE, Reason.RUN_DEADLINE, "not extracted: the run's time (--max-run-minutes) "
                       "was up; the next run fetches it again", page.entry.url, page.entry.feed_url)]
    return [extract_article(page)]
