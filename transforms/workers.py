"""Per-article work on every core of one machine: a pool of worker processes that lives until `shutdown`.

Beam's own `multi_processing` mode starts its workers for every pipeline and
sends every element through gRPC between stages (measured: 1.16x on two
cores); a run of several pipelines (its feeds, then its chunks of articles)
would load the spaCy model and the gazetteer once per pipeline and worker.
This pool is started once a run, its workers load them once, and a group of
articles goes out and comes back as plain pickles; the run ends it once its
pages are read (`page_reading.stop_readers`). Workers are spawned, not
forked: the runner's threads may hold locks at the moment of a fork. As with
any spawned process, a script that starts a run must do so under
`if __name__ == "__main__":`, which the `casualties` command does.
"""
from __future__ import annotations

import atexit
import concurrent.futures
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool

_pools: dict[int, concurrent.futures.ProcessPoolExecutor] = {}
_lock = threading.Lock()


def local_workers() -> int:
    """As many workers as the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_in_workers(work: Callable, items: Iterable, workers: int, on_crash: Callable) -> Iterator:
    """`work(item)` of each item in order, as they come, on `workers` processes when there are more than one.

    A worker that dies (a page that crashes a parser's C code, the kernel's out-of-memory killer) takes its
    pool with it, without saying which item did it: the items not yet given are then done again one at a time
    in a pool of their own (`_one_at_a_time`), and the one whose worker dies again gives `on_crash(item)`
    instead of a result.
    """
    items = list(items)
    if workers <= 1 or multiprocessing.parent_process() is not None:
        # one process, or this is a worker itself (a script that starts a run unguarded, run again in a worker,
        # must not start workers of its own)
        yield from map(work, items)
        return
    given = 0
    pool = _pool(workers)
    try:
        for result in pool.map(work, items):
            yield result
            given += 1
        return
    except BrokenProcessPool:
        _discard(workers, pool)
    yield from _one_at_a_time(work, items[given:], on_crash)


def warm_up(prepare: Callable[[], object], workers: int) -> None:
    """Start the pool and give it `prepare` (load a model) once per worker without waiting: a run does it while it
    fetches its first pages. A worker busy loading leaves the next `prepare` to another, but nothing makes sure of
    it: the work given to the pool must load what it needs itself (once a process)."""
    if workers > 1 and multiprocessing.parent_process() is None:
        pool = _pool(workers)
        for _ in range(workers):
            pool.submit(prepare)


def _one_at_a_time(work: Callable, items: list, on_crash: Callable) -> Iterator:
    """`work(item)` of each item in a pool of one worker that no other map shares (a run reads two chunks on the
    shared pool at once), so that a worker that dies there died of its item and no other."""
    pool = None
    try:
        for item in items:
            pool = pool or _new_pool(1)
            try:
                yield pool.submit(work, item).result()
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = None
                yield on_crash(item)
    finally:
        if pool is not None:
            pool.shutdown(wait=True)


def _pool(workers: int) -> concurrent.futures.ProcessPoolExecutor:
    with _lock:
        if workers not in _pools:
            _pools[workers] = _new_pool(workers)
        return _pools[workers]


def _new_pool(workers: int) -> concurrent.futures.ProcessPoolExecutor:
    return concurrent.futures.ProcessPoolExecutor(workers, multiprocessing.get_context("spawn"),
                                                  initializer=_follow_parent)


def _follow_parent() -> None:
    """A worker's first act. Ctrl-C is the run's to handle (a terminal sends it to every process of the run, and
    a worker would print its own traceback); a watch ends the worker when its parent is gone without
    shutting it down (killed by cron's timeout or the out-of-memory killer), so that no worker outlives its run;
    and its exit skips the interpreter's teardown (`_exit_at_once`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()

    def watch() -> None:
        parent.join()  # returns when the parent process has ended
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
    atexit.register(_exit_at_once)


def _exit_at_once() -> None:
    """A worker's last act, once its pool is shut down and its results are sent: leave without Python's teardown,
    which frees the model and the gazetteer object by object (0.5 s that `shutdown` waited for at the end of every
    run; 0.04 s without it)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _discard(workers: int, broken: concurrent.futures.ProcessPoolExecutor | None = None,
             wait: bool = False) -> None:
    """End the pool of `workers`, or only if it is the `broken` one: two chunks of a run read on one pool and both
    see it break, and the second must not end a fresh pool that a third has started since."""
    with _lock:
        if broken is not None and _pools.get(workers) is not broken:
            return
        pool = _pools.pop(workers, None)
    if pool is not None:
        pool.shutdown(wait=wait, cancel_futures=True)


@atexit.register
def shutdown() -> None:
    """Stop every worker (once a run's pages are read, at exit, and before a benchmark's loop that starts its own)."""
    for workers in list(_pools):
        _discard(workers, wait=True)
