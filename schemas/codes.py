"""The vocabulary of failures: the stages that reject inputs and the reasons they give.

One list, used by the stages that emit rejects, by the run's accounting and
by the README's table of reasons (a test checks that they agree). A reason
is a short stable code for programs; the reject's `detail` says the rest in
words. `http_<status>` stands for every HTTP status that is no success.
"""
from __future__ import annotations

import enum


class Stage(enum.StrEnum):
    """Where an input failed."""

    FEED = "feed"
    FETCH = "fetch"
    EXTRACT_ARTICLE = "extract_article"
    EXTRACT_CASUALTIES = "extract_casualties"


class Reason(enum.StrEnum):
    """Why an input failed (the `reason` column of `rejects`)."""

    # reading a feed
    NOT_A_FEED = "not_a_feed"
    ENTRY_WITHOUT_LINK = "entry_without_link"
    # fetching (feeds and articles): addresses, connections, answers
    BAD_URL = "bad_url"
    SCHEME = "scheme"
    PRIVATE_ADDRESS = "private_address"
    DNS = "dns"
    CONNECTION_REFUSED = "connection_refused"
    CONNECT_TIMEOUT = "connect_timeout"
    UNREACHABLE = "unreachable"
    HOST_FAILED_EARLIER = "host_failed_earlier"
    TLS = "tls"
    TLS_CERTIFICATE = "tls_certificate"
    TIMEOUT = "timeout"
    CONNECTION_RESET = "connection_reset"
    TRUNCATED = "truncated"
    BAD_RESPONSE = "bad_response"
    HTTP_STATUS = "http_<status>"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    REDIRECT_LOOP = "redirect_loop"
    RETRY_AFTER_TOO_LONG = "retry_after_too_long"
    TOO_LARGE = "too_large"
    CONTENT_TYPE = "content_type"
    CONTENT_ENCODING = "content_encoding"
    BAD_ENCODING = "bad_encoding"
    FILE_NOT_FOUND = "file_not_found"
    FILE_ERROR = "file_error"
    ROBOTS_DISALLOWED = "robots_disallowed"
    ROBOTS_UNAVAILABLE = "robots_unavailable"
    CRAWL_DELAY_TOO_LONG = "crawl_delay_too_long"
    # extracting
    EXTRACTION_ERROR = "extraction_error"
    NO_ARTICLE_TEXT = "no_article_text"
    LANGUAGE = "language"
    EXTRACTOR_ERROR = "extractor_error"
    TOO_SLOW = "too_slow"
    # the run itself
    RUN_DEADLINE = "run_deadline"
    INTERNAL_ERROR = "internal_error"


def http_status(status: int) -> str:
    """The reason of an HTTP status that is no success (`http_404`)."""
    return f"http_{status}"


def is_known(reason: str) -> bool:
    """Whether `reason` is in the vocabulary (any `http_<status>` is)."""
    return reason in Reason._value2member_map_ or (reason.startswith("http_") and reason[5:].isdigit())


# Stages whose rejects a later run retries (a page that did not come, an extractor that failed, the run's deadline).
RETRIED_STAGES = frozenset({Stage.FETCH, Stage.EXTRACT_CASUALTIES})
RETRIED_REASONS = frozenset({Reason.RUN_DEADLINE, Reason.INTERNAL_ERROR})
# Reasons that fetching the page again would not change: the article is recorded as done.
FINAL_REASONS = frozenset({Reason.LANGUAGE})

# What a person can do about a reason, shown beside it in the run's summary.
HINTS = {
    Reason.PRIVATE_ADDRESS: "loopback and intranet hosts need --allow-private-hosts",
    Reason.NOT_A_FEED: "is this an article URL? `casualties run` takes RSS or Atom feeds and OPML lists",
    Reason.SCHEME: "only http(s) URLs, and local files only in feeds read from disk",
    Reason.DNS: "check the host name",
    Reason.CONNECTION_REFUSED: "is the site up, and the port right?",
    Reason.ROBOTS_DISALLOWED: "the site's robots.txt forbids it (--ignore-robots only for your own sites)",
    Reason.CRAWL_DELAY_TOO_LONG: "the site asks for long pauses between requests; it is skipped",
    Reason.CONTENT_TYPE: "the link is not an HTML page",
    Reason.LANGUAGE: "only English articles are read",
    Reason.FILE_NOT_FOUND: "check the path of the local file",
    Reason.TOO_SLOW: "raise --max-article-seconds to give such pages more time",
    Reason.RUN_DEADLINE: "the next run takes them up (--max-run-minutes)",
    Reason.INTERNAL_ERROR: "a bug: please report it with the detail in rejects/",
}
