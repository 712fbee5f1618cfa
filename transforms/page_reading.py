"""A fetched page to its article and casualty mentions, on every core of one machine.

The per-article stages (trafilatura, skipping an unchanged text, the casualty
extractor) are chained in one plain function, `read_pages`, so that a batch
of pages goes to a worker process once and comes back as records. Each step
keeps its own stage's rejects (`guarded`). Plain Python: the Beam stage is
`read_articles.ReadArticles`, and the worker processes import this module
without importing Beam (0.6 s each).
"""
from __future__ import annotations

import concurrent.futures
import dataclasses
import functools
import gc
import multiprocessing
import threading
from collections.abc import Iterable, Iterator

from casualty_events.schemas.codes import Reason, Stage
from casualty_events.schemas.records import Article, FetchedPage, Reject
from casualty_events.transforms.articles import article_or_deadline, detect_language, page_extractor
from casualty_events.transforms.extract_casualties import DEFAULT_MAX_ARTICLE_SECONDS, extracted_articles, extractor_for
from casualty_events.transforms.guard import guarded
from casualty_events.transforms.seen import screen_article, seen_articles
from casualty_events.transforms.workers import map_in_workers, shutdown, warm_up

# Pages a worker reads in one task: the extractor parses their sentences together (see `extracted_articles`), and
# at the end of a group the last tasks leave a worker idle for at most this many pages.
PAGES_PER_TASK = 8

# How many groups of pages this process has begun to read: a run starts its next chunk once this chunk's group has
# begun (`wait_for_reading`).
_groups_begun = 0
_reading = threading.Condition()


@dataclasses.dataclass(frozen=True)
class ReadSettings:
    """What reading a page needs, fixed for the run: picklable, as it goes to the worker processes."""

    model: str
    seen_path: str | None = None  # the state's articles.json: texts already read
    run_id: str = ""
    max_article_seconds: float | None = DEFAULT_MAX_ARTICLE_SECONDS
    deadline: float | None = None  # a time.time() instant (--max-run-minutes)


def _screened(article: Article, settings: ReadSettings) -> list:
    return [screen_article(article, seen_articles(settings.seen_path, settings.run_id))]


_BEFORE_EXTRACTION = (
    (Stage.EXTRACT_ARTICLE, FetchedPage, lambda page, settings: article_or_deadline(page, settings.deadline)),
    (Stage.EXTRACT_ARTICLE, Article, _screened),
)


def read_pages(pages: list[FetchedPage], settings: ReadSettings) -> list[list]:
    """The records each page ends as: an ExtractedArticle, a SkippedEntry (its text is unchanged) or a Reject.
    The pages' new articles go to the extractor together."""
    read = []
    for page in pages:
        records: list = [page]
        for stage, takes, step in _BEFORE_EXTRACTION:
            records = [out for record in records
                       for out in (guarded(stage, step)(record, settings) if isinstance(record, takes) else [record])]
        read.append(records)
    articles = [record for records in read for record in records if isinstance(record, Article)]
    try:
        done = extracted_articles(articles, settings.model, settings.max_article_seconds, settings.deadline)
    except Exception:  # a fault outside the extractor's own guard costs only its article: each alone, guarded
        extract = guarded(Stage.EXTRACT_CASUALTIES, _extracted)
        done = [extract(article, settings)[0] for article in articles]
    extracted = dict(zip(map(id, articles), done))
    return [[extracted.get(id(record), record) for record in records] for records in read]


def _extracted(article: Article, settings: ReadSettings) -> list:
    return extracted_articles([article], settings.model, settings.max_article_seconds, settings.deadline)


def read_page(page: FetchedPage, settings: ReadSettings) -> list:
    """The records one page ends as (see `read_pages`)."""
    return read_pages([page], settings)[0]


@functools.cache
def prepare_reader(model: str) -> None:
    """What a process loads before its first page: the spaCy model, the gazetteer, trafilatura, and the language
    identifier's model (which py3langid loads on first use: 0.5 s that the first page would wait).

    In a worker process they live as long as the worker, so they are moved out of the cycle collector's reach
    (`gc.freeze`): each of its full collections walked their 560,000 objects again, 0.2 s a collection (0.65 ms
    a benchmark page)."""
    from casualty_events.transforms.casualties.gazetteer.data import load_index

    extractor_for(model)
    load_index()
    page_extractor()
    detect_language("", None)
    if multiprocessing.parent_process() is not None:
        gc.freeze()


def worker_died(page: FetchedPage) -> list[Reject]:
    return [Reject(Stage.EXTRACT_ARTICLE, Reason.INTERNAL_ERROR, "the worker process reading this page died (a crash "
                   "in a parser, or out of memory)", page.entry.url, page.entry.feed_url)]


def read_group(group: tuple[int, Iterable[FetchedPage]], settings: ReadSettings, workers: int) -> Iterator:
    """The records of a group's pages, read `PAGES_PER_TASK` at a time on the worker processes and given as each
    batch is done, so that the writer's side of the pipeline works while the workers read."""
    global _groups_begun
    _, pages = group
    with _reading:
        _groups_begun += 1
        _reading.notify_all()
    ordered = sorted(pages, key=lambda page: page.entry.url)  # the same work order on every run
    batches = [ordered[start : start + PAGES_PER_TASK] for start in range(0, len(ordered), PAGES_PER_TASK)]
    reader = _Reader(settings)
    for batch in map_in_workers(reader, batches, workers, functools.partial(_batch_died, reader, workers)):
        for records in batch:
            yield from records


def _batch_died(reader: _Reader, workers: int, batch: list[FetchedPage]) -> list[list]:
    """A batch whose worker died: its pages again one by one, so that only the page that kills a worker is lost."""
    if len(batch) == 1:
        return [worker_died(batch[0])]
    return [records for single in map_in_workers(reader, [[page] for page in batch], workers,
                                                 functools.partial(_batch_died, reader, workers))
            for records in single]


@dataclasses.dataclass(frozen=True)
class _Reader:
    """`read_pages` with its settings, picklable for the worker processes."""

    settings: ReadSettings

    def __call__(self, pages: list[FetchedPage]) -> list[list]:
        prepare_reader(self.settings.model)  # a worker that the warm-up gave no `prepare_reader` of its own
        return read_pages(pages, self.settings)


def groups_begun() -> int:
    """How many groups of pages this process has begun to read."""
    with _reading:
        return _groups_begun


def wait_for_reading(begun_before: int, pipeline: concurrent.futures.Future) -> None:
    """Wait until this process begins to read a group of pages after the first `begun_before`, or `pipeline` (the
    one that would read it) has ended."""
    def wake(_) -> None:
        with _reading:
            _reading.notify_all()

    pipeline.add_done_callback(wake)
    with _reading:
        _reading.wait_for(lambda: _groups_begun > begun_before or pipeline.done())


def start_readers(model: str, workers: int) -> None:
    """Have the worker processes load what reading needs, in the background."""
    warm_up(functools.partial(prepare_reader, model), workers)


def stop_readers() -> None:
    """End the worker processes once a run's pages are read: each holds the model and the gazetteer (400 MB), which
    the run's own process needs next to resolve its copies, tolls and events. With them kept, that moment was the
    run's peak of memory, and grew with the run (+10% from 500 to 5,000 articles)."""
    shutdown()
