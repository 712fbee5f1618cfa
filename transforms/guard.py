"""Per-element work made safe: an exception on one element becomes a `Reject` with the stage, the exception's type
and message and the element's URLs, and the rest of the run goes on (DESIGN.md: never a bare except that drops).

Plain Python, apart from the Beam stages that use it: the worker processes that read pages import it without
importing Beam (0.6 s each).
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from casualty_events.schemas.codes import Reason, Stage
from casualty_events.schemas.records import Article, FeedEntry, FeedSource, FetchedPage, Reject
from casualty_events.transforms.text import clean_text

MAX_DETAIL_CHARS = 2_000


def source_of(element) -> tuple[str | None, str | None]:
    """(url, feed_url) of a record, for the reject that names it."""
    if isinstance(element, FeedSource):
        return None, element.url
    if isinstance(element, FeedEntry | Article):
        return element.url, element.feed_url
    if isinstance(element, FetchedPage):
        return element.entry.url, element.entry.feed_url
    payload = getattr(element, "payload", None)  # a fetch request
    return source_of(payload) if payload is not None else (None, None)


def failure(stage: Stage, reason: Reason, error: BaseException, element) -> Reject:
    """A reject for `element` that says what went wrong."""
    detail = clean_text(f"{type(error).__name__}: {error}")[:MAX_DETAIL_CHARS]
    return Reject(stage, reason, detail, *source_of(element))


def guarded(stage: Stage, work: Callable[..., Iterable], on_error: Callable[[object, Reject], list] | None = None):
    """`work` (element, *args) -> records, made safe: an exception becomes `[reject]`, or `on_error(element, reject)`
    when the stage owes more than a reject (a feed owes its status)."""

    @functools.wraps(work)
    def safe(element, *args):
        try:
            return list(work(element, *args))
        except Exception as error:  # noqa: BLE001 (every kind: the reject carries its type and message)
            reject = failure(stage, Reason.INTERNAL_ERROR, error, element)
            return on_error(element, reject) if on_error else [reject]

    return safe
