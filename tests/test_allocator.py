"""A run's process hands the memory its pipelines freed back to the system (`pipelines.allocator`)."""
from __future__ import annotations

import os
import threading

import pytest

from casualty_events.pipelines import allocator

BLOCK = 4096  # above what Python's own small-object allocator serves: each block is the C allocator's
BLOCKS = 40_000  # 160 MB
KEPT_EVERY = 50  # one block kept in 50: the freed ones between them are not at the top of their heap


def _resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _freed_in_a_thread() -> list[bytes]:
    """Allocate in a thread of its own (its own arena, as a fetch thread's), free all but one block in 50."""
    kept: list[bytes] = []

    def allocate() -> None:
        blocks = [bytes([i % 251]) * BLOCK for i in range(BLOCKS)]
        kept.extend(blocks[::KEPT_EVERY])

    thread = threading.Thread(target=allocate)
    thread.start()
    thread.join()
    return kept


@pytest.mark.skipif(allocator._malloc_trim() is None, reason="this C library has no malloc_trim (not glibc)")
def test_memory_freed_between_live_blocks_goes_back_to_the_system():
    before = _resident_mb()
    kept = _freed_in_a_thread()
    held = _resident_mb() - before

    assert allocator.return_freed_memory() is True
    released = before + held - _resident_mb()

    assert held > 100  # freed, yet resident: the live blocks pin the arena's pages
    assert released > 0.8 * held
    assert len(kept) == BLOCKS // KEPT_EVERY


def test_a_c_library_without_malloc_trim_is_left_alone(monkeypatch):
    monkeypatch.setattr(allocator, "_malloc_trim", lambda: None)

    assert allocator.return_freed_memory() is False
