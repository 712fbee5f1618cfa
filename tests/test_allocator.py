"""A run's process hands the memory its pipelines freed back to the system (`pipelines.allocator`): at once for
large blocks, after each pipeline for the rest."""
from __future__ import annotations

import os
import subprocess
import sys
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


@pytest.mark.skipif(allocator._c_function("malloc_trim") is None,
                    reason="this C library has no malloc_trim (not glibc)")
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
    monkeypatch.setattr(allocator, "_c_function", lambda name: None)

    assert allocator.return_freed_memory() is False


LARGE_BLOCK = 2 * 2**20  # above `OWN_PAGES_FROM_BYTES`
LARGE_BLOCKS = 100  # 200 MB
LIVE_EVERY = 10  # one block in 10 stays alive: 20 MB

# Run in a process of its own: the allocator's settings are the whole process's. It frees a large block first, as a
# run frees a chunk's, which raises glibc's own bound above the blocks that follow.
RESIDENT_AFTER_LARGE_BLOCKS = f"""
import os, sys, threading
from casualty_events.pipelines import allocator

def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

if sys.argv[1] == "mapped":
    assert allocator.map_large_blocks()
freed = bytes(4 * {LARGE_BLOCK})
del freed
before = resident_mb()
live = []

def allocate():
    blocks = [bytes([i % 251]) * {LARGE_BLOCK} for i in range({LARGE_BLOCKS})]
    live.extend(blocks[{LIVE_EVERY} - 1 :: {LIVE_EVERY}])

thread = threading.Thread(target=allocate)
thread.start()
thread.join()
print(len(live), resident_mb() - before)
"""


def _resident_after_large_blocks(mode: str) -> tuple[int, float]:
    done = subprocess.run([sys.executable, "-c", RESIDENT_AFTER_LARGE_BLOCKS, mode], capture_output=True, text=True,
                          check=True)
    live, held = done.stdout.split()
    return int(live), float(held)


@pytest.mark.skipif(allocator._c_function("mallopt") is None, reason="this C library has no mallopt (not glibc)")
def test_large_blocks_freed_between_live_ones_go_back_to_the_system_at_once():
    live_mb = LARGE_BLOCKS // LIVE_EVERY * LARGE_BLOCK / 2**20

    live, held_by_default = _resident_after_large_blocks("default")
    _, held_when_mapped = _resident_after_large_blocks("mapped")

    assert live == LARGE_BLOCKS // LIVE_EVERY
    assert held_by_default > 5 * live_mb  # the freed blocks between the live ones stay resident
    assert held_when_mapped < 1.5 * live_mb


def test_a_c_library_without_mallopt_keeps_its_own_bounds(monkeypatch):
    monkeypatch.setattr(allocator, "_c_function", lambda name: None)

    assert allocator.map_large_blocks() is False
